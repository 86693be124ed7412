"""Meetings of a council: the chair or secretary plans them with an agenda and adds
the minutes; the public sees public meetings and public agenda items on the council
page, the meetings list, the meeting page and the calendar feed; members see all."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import icalendar
import pytest

from councils import meetings
from councils.demo_meetings import seed_meetings
from councils.models import AdvicePage, CouncilIndexPage, CouncilMember, Meeting
from inspraak.core.calendar import build_calendar

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECRET_ITEM = "Over een sollicitant"
SECRET_MEETING = "Besloten overleg"


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def plan(council, by=None, *, days=10, title="Maandelijkse vergadering", **fields):
    day = in_days(days)
    fields.setdefault("place", "Stadhuis")
    return meetings.plan_meeting(
        council,
        by,
        title=title,
        starts_at=at(day, 19),
        ends_at=at(day, 21),
        agenda=fields.pop(
            "agenda",
            [
                {"title": "Opening"},
                {"title": SECRET_ITEM, "members_only": True},
            ],
        ),
        **fields,
    )


def form_data(**overrides) -> dict:
    data = {
        "title": "Maandelijkse vergadering",
        "date": in_days(14).isoformat(),
        "starts": "19:00",
        "ends": "21:00",
        "place": "Stadhuis, zaal 2",
        "online_link": "",
        "is_public": "on",
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "30",
        "agenda-0-title": "Opening",
        "agenda-0-description": "",
        "agenda-1-title": SECRET_ITEM,
        "agenda-1-description": "Alleen voor leden.",
        "agenda-1-members_only": "on",
        "agenda-2-title": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def new_url(council):
    return reverse("councils:meeting_new", args=[council.pk])


def meeting_url(meeting):
    return reverse("councils:meeting", args=[meeting.pk])


@pytest.fixture
def council_index(db):
    """Under the site's home page, so the pages have URLs."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=CouncilIndexPage(title="Raden", slug="adviesraden"))


@pytest.fixture
def secretary(council, make_member):
    return make_member(council, CouncilMember.Role.SECRETARY)


@pytest.fixture
def outsider(user_factory):
    return user_factory(preferred_language="nl")


@pytest.fixture
def public_meeting(council, chair):
    return plan(council, chair)


@pytest.fixture
def private_meeting(council, chair):
    return plan(council, chair, days=12, title=SECRET_MEETING, is_public=False)


# Planning ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "secretary"])
def test_the_chair_or_secretary_plans_a_meeting_with_its_agenda(
    client, council, advice, request, role
):
    planner = request.getfixturevalue(role)
    client.force_login(planner)

    response = client.post(
        new_url(council), form_data(**{"agenda-0-advice": str(advice.pk)})
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == meeting_url(meeting)
    assert (meeting.council, meeting.created_by, meeting.is_public) == (
        council,
        planner,
        True,
    )
    assert timezone.localtime(meeting.starts_at).time() == datetime.time(19)
    assert [
        (i.title, i.members_only, i.advice_id) for i in meeting.agenda_items.all()
    ] == [
        ("Opening", False, advice.pk),
        (SECRET_ITEM, True, None),
    ]


def test_the_end_before_the_start_is_refused_and_the_input_stays(
    client, council, chair
):
    client.force_login(chair)

    response = client.post(
        new_url(council), form_data(title="Vergadering <b>&", ends="18:30")
    )

    assert response.status_code == 200
    assert not Meeting.objects.exists()
    page = response.content.decode()
    assert "De vergadering moet na het begin eindigen" in page
    assert 'value="Vergadering &lt;b&gt;&amp;"' in page
    assert SECRET_ITEM in page  # the agenda rows are kept too


def test_a_meeting_without_place_or_link_is_refused(client, council, chair):
    client.force_login(chair)

    response = client.post(new_url(council), form_data(place="", online_link=""))

    assert response.status_code == 200
    assert (
        "Geef een plaats, een link om online mee te doen of allebei"
        in response.content.decode()
    )
    assert not Meeting.objects.exists()


def test_an_online_meeting_needs_no_place(client, council, chair):
    client.force_login(chair)

    client.post(
        new_url(council),
        form_data(place="", online_link="https://meet.example.org/raad"),
    )

    assert Meeting.objects.get().online_link == "https://meet.example.org/raad"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("online_link", "javascript:alert(1)"),
        ("online_link", "https://" + "a" * 250 + ".nl"),
        ("title", "x" * 121),
        ("title", "nul\x00teken"),
        ("place", "p" * 201),
        ("date", "2026-02-30"),
        ("date", (timezone.localdate() + datetime.timedelta(days=3 * 366)).isoformat()),
        ("date", "1850-01-01"),
        ("starts", "25:00"),
        ("agenda-0-title", "t" * 201),
        ("agenda-0-advice", "99999999999999999999"),
        ("agenda-TOTAL_FORMS", "500"),
    ],
)
def test_hostile_or_absurd_input_gives_a_message_not_a_meeting(
    client, council, chair, field, value
):
    client.force_login(chair)

    response = client.post(new_url(council), form_data(**{field: value}))

    assert response.status_code == 200
    assert "Niet alles is goed ingevuld" in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_agenda_item_with_only_an_explanation_asks_for_a_title(
    client, council, chair
):
    client.force_login(chair)

    response = client.post(
        new_url(council), form_data(**{"agenda-2-description": "Zonder titel"})
    )

    assert "Geef dit agendapunt een titel." in response.content.decode()
    assert not Meeting.objects.exists()


def test_advice_of_another_council_cannot_be_on_the_agenda(
    client, council, chair, make_council, make_advice, organisation
):
    other_advice = make_advice(
        make_council(organisation, slug="andere-raad"), organisation, slug="ander"
    )
    client.force_login(chair)

    response = client.post(
        new_url(council), form_data(**{"agenda-0-advice": str(other_advice.pk)})
    )

    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_editing_keeps_unchanged_items_and_drops_emptied_ones(
    client, public_meeting, chair
):
    client.force_login(chair)
    day = timezone.localtime(public_meeting.starts_at).date()

    response = client.post(
        reverse("councils:meeting_edit", args=[public_meeting.pk]),
        form_data(
            title="Verplaatst",
            date=day.isoformat(),
            starts="18:00",
            **{
                "agenda-INITIAL_FORMS": "2",
                "agenda-TOTAL_FORMS": "3",
                "agenda-1-title": "",
                "agenda-1-description": "",
                "agenda-1-members_only": None,
                "agenda-2-title": "Rondvraag",
            },
        ),
    )

    public_meeting.refresh_from_db()
    assert response.status_code == 302
    assert public_meeting.title == "Verplaatst"
    assert timezone.localtime(public_meeting.starts_at).time() == datetime.time(18)
    assert list(public_meeting.agenda_items.values_list("title", flat=True)) == [
        "Opening",
        "Rondvraag",
    ]


def test_a_long_past_meeting_keeps_its_date_but_cannot_be_moved_there(
    client, council, chair
):
    old = plan(council, chair, days=-400)
    client.force_login(chair)
    old_day = timezone.localtime(old.starts_at).date()

    kept = client.post(
        reverse("councils:meeting_edit", args=[old.pk]),
        form_data(date=old_day.isoformat(), title="Typo hersteld"),
    )
    moved = client.post(
        reverse("councils:meeting_edit", args=[old.pk]),
        form_data(date=(old_day - datetime.timedelta(days=1)).isoformat()),
    )

    assert kept.status_code == 302
    assert moved.status_code == 200
    assert "Kies een datum van" in moved.content.decode()


@pytest.mark.parametrize("who", ["member", "other_chair", "outsider"])
def test_only_the_chair_and_secretary_plan_edit_and_add_minutes(
    client,
    council,
    public_meeting,
    make_council,
    make_member,
    organisation,
    request,
    who,
):
    if who == "other_chair":
        user = make_member(
            make_council(organisation, slug="andere-raad"), CouncilMember.Role.CHAIR
        )
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    urls = [
        new_url(council),
        reverse("councils:meeting_edit", args=[public_meeting.pk]),
        reverse("councils:meeting_minutes", args=[public_meeting.pk]),
    ]

    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, form_data(title="Gekaapt")).status_code == 403
    public_meeting.refresh_from_db()
    assert public_meeting.title != "Gekaapt"
    assert Meeting.objects.count() == 1


def test_a_visitor_is_sent_to_sign_in_before_planning(client, council):
    response = client.get(new_url(council))

    assert response.status_code == 302
    assert "/login" in response.url


# What the public sees --------------------------------------------------------------


def test_the_council_page_shows_public_meetings_and_members_see_all(
    client, council, public_meeting, private_meeting, member
):
    public_page = client.get(council.url).content.decode()
    client.force_login(member)
    member_page = client.get(council.url).content.decode()

    assert public_meeting.title in public_page
    assert SECRET_MEETING not in public_page
    assert reverse("councils:meetings", args=[council.pk]) in public_page
    assert SECRET_MEETING in member_page
    assert reverse("councils:meeting_new", args=[council.pk]) not in member_page


def test_the_chair_finds_plan_a_meeting_on_the_council_page(client, council, chair):
    client.force_login(chair)

    page = client.get(council.url).content.decode()

    assert reverse("councils:meeting_new", args=[council.pk]) in page


def test_the_list_shows_upcoming_then_held_and_hides_closed_meetings(
    client, council, chair, private_meeting
):
    held = plan(council, chair, days=-30, title="Gehouden vergadering")
    later = plan(council, chair, days=40, title="Latere vergadering")
    sooner = plan(council, chair, days=5, title="Eerdere vergadering")

    page = client.get(reverse("councils:meetings", args=[council.pk])).content.decode()

    positions = [page.index(m.title) for m in (sooner, later, held)]
    assert positions == sorted(positions)
    assert SECRET_MEETING not in page
    assert "webcal://" in page


def test_the_meetings_list_makes_as_many_queries_for_many_meetings(
    client, council, chair
):
    url = reverse("councils:meetings", args=[council.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    plan(council, chair, days=3)
    plan(council, chair, days=-3)
    queries()  # the first request fills the site's caches, as in use
    few = queries()
    for days in range(-60, 60, 2):
        plan(council, chair, days=days)

    assert queries() <= few  # fewer when the page holds upcoming meetings only


def test_the_meeting_page_hides_members_only_items_from_visitors(
    client, public_meeting, member
):
    visitor_page = client.get(meeting_url(public_meeting)).content.decode()
    client.force_login(member)
    member_page = client.get(meeting_url(public_meeting)).content.decode()

    assert "Opening" in visitor_page
    assert SECRET_ITEM not in visitor_page
    assert "1 punt alleen voor leden." in visitor_page
    assert SECRET_ITEM in member_page
    assert "alleen voor leden." not in member_page


def test_a_closed_meeting_is_for_members_only(
    client, private_meeting, member, outsider
):
    url = meeting_url(private_meeting)
    ics = reverse("councils:meeting_ics", args=[private_meeting.pk])

    assert "/login" in client.get(url).url
    assert "/login" in client.get(ics).url
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get(ics).status_code == 403
    client.force_login(member)
    assert SECRET_MEETING in client.get(url).content.decode()
    assert client.get(ics).status_code == 200


def test_meetings_of_a_council_not_on_the_site_are_not_found(
    client, council, public_meeting
):
    council.unpublish()

    assert client.get(meeting_url(public_meeting)).status_code == 404
    assert (
        client.get(reverse("councils:meetings", args=[council.pk])).status_code == 404
    )


def test_the_meeting_page_lists_advice_adopted_there_and_the_advice_links_back(
    client, public_meeting, advice
):
    advice.adopted_at_meeting = public_meeting
    advice.save()

    meeting_page = client.get(meeting_url(public_meeting)).content.decode()
    advice_page = client.get(advice.url).content.decode()

    assert advice.url in meeting_page
    assert "Vastgesteld in de vergadering van" in advice_page
    assert meeting_url(public_meeting) in advice_page


def test_an_unpublished_advice_is_not_linked_from_the_meeting(
    client, public_meeting, advice
):
    advice.adopted_at_meeting = public_meeting
    advice.save()
    advice.unpublish()

    page = client.get(meeting_url(public_meeting)).content.decode()

    assert advice.title not in page


# Calendar --------------------------------------------------------------------------


def events_of(response) -> dict:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_has_the_public_meetings_in_utc_and_no_secrets(
    client, council, public_meeting, private_meeting
):
    response = client.get(reverse("councils:meetings_ics", args=[council.pk]))

    events = events_of(response)
    event = events[f"{council.title}: {public_meeting.title}"]
    assert list(events) == [f"{council.title}: {public_meeting.title}"]
    start = event.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start == public_meeting.starts_at
    assert start.hour in (17, 18)  # 19:00 in Amsterdam, summer or winter
    assert str(event["UID"]) == f"council-meeting-{public_meeting.pk}@inspraak"
    assert "Opening" in str(event["DESCRIPTION"])
    assert meeting_url(public_meeting) in str(event["DESCRIPTION"])
    assert SECRET_ITEM not in response.content.decode()
    assert SECRET_MEETING not in response.content.decode()


def test_one_meeting_in_the_calendar_has_the_same_uid_as_in_the_feed(
    client, council, public_meeting, member
):
    client.force_login(member)  # even for members: no members-only items
    response = client.get(reverse("councils:meeting_ics", args=[public_meeting.pk]))

    (event,) = events_of(response).values()
    assert str(event["UID"]) == meetings.meeting_uid(public_meeting)
    assert event.decoded("DTEND") == public_meeting.ends_at
    assert SECRET_ITEM not in response.content.decode()
    assert "attachment" in response["Content-Disposition"]


def test_the_feed_of_a_winter_meeting_is_an_hour_off_utc():
    day = datetime.date(2030, 1, 16)
    meeting = SimpleNamespace(
        pk=7,
        title="Winter",
        starts_at=at(day, 19),
        ends_at=at(day, 21),
        place="Hier",
        online_link="",
        council=SimpleNamespace(title="Raad"),
    )

    event = meetings.meeting_event(meeting, [])

    calendar = icalendar.Calendar.from_ical(build_calendar("Raad", [event]))
    (parsed,) = calendar.walk("VEVENT")
    assert parsed.decoded("DTSTART") == datetime.datetime(
        2030, 1, 16, 18, 0, tzinfo=datetime.UTC
    )


# Minutes ---------------------------------------------------------------------------


@pytest.fixture
def held_meeting(council, chair):
    return plan(council, chair, days=-7, title="Gehouden vergadering")


def minutes_url(meeting):
    return reverse("councils:meeting_minutes", args=[meeting.pk])


def file_url(meeting):
    return reverse("councils:meeting_minutes_file", args=[meeting.pk])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notulen.exe", b"MZ\x90\x00"),
        ("notulen.pdf", b"MZ\x90\x00"),  # a program with a new name
        ("notulen.html", b"<script>alert(1)</script>"),
    ],
)
def test_minutes_that_are_no_document_are_refused(
    client, held_meeting, chair, name, content
):
    client.force_login(chair)

    response = client.post(
        minutes_url(held_meeting),
        {"document": SimpleUploadedFile(name, content), "minutes_public": "on"},
    )

    held_meeting.refresh_from_db()
    assert response.status_code == 200
    assert "Niet alles is goed ingevuld" in response.content.decode()
    assert held_meeting.minutes is None


def test_public_minutes_are_read_by_anyone_members_only_by_members(
    client, held_meeting, chair, outsider
):
    client.force_login(chair)
    client.post(
        minutes_url(held_meeting),
        {
            "document": SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 notulen"),
            "minutes_public": "on",
        },
    )
    client.logout()
    public = client.get(file_url(held_meeting))

    client.force_login(chair)
    client.post(minutes_url(held_meeting), {})  # members only, same file
    held_meeting.refresh_from_db()
    client.force_login(outsider)
    closed = client.get(file_url(held_meeting))
    page = client.get(meeting_url(held_meeting)).content.decode()
    wagtail_link = client.get(held_meeting.minutes.url)

    assert public.status_code == 200
    assert b"".join(public.streaming_content) == b"%PDF-1.4 notulen"
    assert held_meeting.minutes_public is False
    assert closed.status_code == 403
    assert "De notulen zijn alleen voor leden." in page
    assert file_url(held_meeting) not in page
    # Wagtail's own link to the document does not open it either.
    assert wagtail_link.status_code != 200
    assert "notulen.pdf" not in held_meeting.minutes.file.name


def test_minutes_wait_until_the_meeting_has_started(client, public_meeting, chair):
    client.force_login(chair)

    response = client.get(minutes_url(public_meeting))

    assert response.status_code == 409


# Demo --------------------------------------------------------------------------------


def test_the_demo_council_meets_and_adopted_its_answered_advice_at_a_meeting(
    demo_site,
):
    seed_meetings()  # a second run adds nothing

    youth = Meeting.objects.filter(council__slug="jongerenraad-voorstad")
    advice = AdvicePage.objects.get(slug="jongeren-praten-mee-over-inkoop")
    assert (youth.upcoming().count(), youth.held().count()) == (2, 1)
    assert advice.adopted_at_meeting == youth.held().get()
    assert youth.filter(agenda_items__members_only=True).exists()
