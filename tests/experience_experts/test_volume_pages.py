"""The experts' pages at volume (issue 14): each makes as many queries with 3 rows as
with 30, and a long list is paged in the database (the next page shows the next
rows, totals cover everything, not the page)."""

import datetime

from django.utils import timezone

import pytest

from experience_experts.models import ExpertProfile, Session, WorkLog
from experience_experts.services import matching
from experience_experts.services.hours import SESSIONS_SHOWN

from .conftest import make_assignment
from .volume import add_hours, counted, last_year, year_booking

pytestmark = pytest.mark.django_db

BASE = "/ervaringsdeskundigen"


@pytest.fixture
def big_booking(organiser, expert, municipality):
    return year_booking(organiser, expert, municipality)


def queries_at_3_and_30(client, booking, url: str) -> tuple[int, int]:
    add_hours(booking, 3)
    few, response, _ = counted(client, url)
    assert response.status_code == 200
    add_hours(booking, 27)
    many, response, _ = counted(client, url)
    assert response.status_code == 200
    return few, many


@pytest.mark.parametrize(
    ("who", "path"),
    [
        pytest.param("expert", "/boekingen/{booking}/", id="booking as the expert"),
        pytest.param(
            "organiser", "/boekingen/{booking}/", id="booking as the organiser"
        ),
        pytest.param(
            "organiser",
            "/boekingen/{booking}/?uren=submitted",
            id="hours to approve",
        ),
        pytest.param(
            "expert", "/boekingen/{booking}/overzicht/", id="booking statement"
        ),
        pytest.param("expert", "/overzicht/{year}/", id="year statement"),
        pytest.param("organiser", "/opdrachten/{assignment}/", id="assignment"),
        pytest.param("expert", "/opdrachten/{assignment}/", id="assignment, expert"),
        pytest.param(
            "organiser", "/opdrachten/{assignment}/bewerken/", id="assignment edit"
        ),
        pytest.param(
            "organiser", "/opdrachten/{assignment}/kandidaten/", id="candidates"
        ),
        pytest.param("expert", "/", id="home"),
        pytest.param("organiser", "/opdrachten/beheer/", id="own assignments"),
        pytest.param("organiser", "/export/?year={year}", id="finance csv"),
    ],
)
def test_a_page_makes_as_many_queries_at_3_and_at_30_rows(
    client, request, big_booking, who, path
):
    client.force_login(request.getfixturevalue(who))
    url = BASE + path.format(
        booking=big_booking.pk,
        assignment=big_booking.assignment_id,
        year=last_year(),
    )

    few, many = queries_at_3_and_30(client, big_booking, url)

    assert few == many


def test_the_feed_makes_as_many_queries_at_3_and_at_30_sessions(
    client, big_booking, expert
):
    token = ExpertProfile.objects.get(user=expert).calendar_token
    url = f"{BASE}/agenda/{token}.ics"
    today = timezone.localdate()
    # Sessions of the last weeks: inside the feed's window.
    big_booking.assignment.sessions.all().delete()

    def sessions(count: int) -> None:
        Session.objects.bulk_create(
            Session(
                assignment=big_booking.assignment,
                date=today - datetime.timedelta(days=1 + i % 60),
                starts_at=datetime.time(8 + i // 60),
                ends_at=datetime.time(9 + i // 60),
                place="Stadhuis",
            )
            for i in range(count)
        )

    sessions(3)
    few, _, body = counted(client, url)
    assert body.count(b"BEGIN:VEVENT") == 3
    big_booking.assignment.sessions.all().delete()
    sessions(30)
    many, _, body = counted(client, url)
    assert body.count(b"BEGIN:VEVENT") == 30

    assert few == many


def test_the_year_statement_pages_its_rows_and_totals_the_whole_year(
    client, big_booking, expert
):
    add_hours(big_booking, 180)  # 60 approved and paid in the year
    client.force_login(expert)
    url = f"{BASE}/overzicht/{last_year()}/"
    paid = WorkLog.objects.filter(
        status=WorkLog.Status.APPROVED, paid_on__year=last_year()
    ).order_by("paid_on", "pk")

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert [log.pk for log in first.context["page_obj"]] == [
        log.pk for log in paid[:50]
    ]
    assert [log.pk for log in second.context["page_obj"]] == [
        log.pk for log in paid[50:]
    ]
    fees = sum(log.amount for log in paid)
    for response in (first, second):
        statement = response.context["statement"]
        assert (statement.count, statement.fees) == (60, fees)
        shown = str(fees).replace(".", ",")  # the page is in Dutch
        assert f"<dd>€ {shown}</dd>" in response.content.decode()
    assert 'rel="next"' in first.content.decode()


def test_the_booking_pages_its_hours_and_filters_them_on_status(
    client, big_booking, organiser
):
    add_hours(big_booking, 150, approver=organiser)
    client.force_login(organiser)
    url = f"{BASE}/boekingen/{big_booking.pk}/"
    logs = big_booking.work_logs.order_by("session__date", "pk")

    second = client.get(url + "?page=2")
    waiting = client.get(url + "?uren=submitted&page=1")

    assert [log.pk for log in second.context["page_obj"]] == [
        log.pk for log in logs[50:100]
    ]
    shown = list(waiting.context["page_obj"])
    assert len(shown) == 50
    assert {log.status for log in shown} == {WorkLog.Status.SUBMITTED}
    assert waiting.context["page_obj"].paginator.count == 50
    # The approve buttons are there for hours that wait, on their page.
    assert waiting.content.decode().count("/goedkeuren/") == 50


def test_the_booking_shows_the_next_sessions_and_the_assignment_all_of_them(
    client, organiser, expert, municipality
):
    today = timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in range(-5, 70)]
    assignment = make_assignment(
        municipality, sessions=[(day, (10,), (11,)) for day in days]
    )
    booking = year_booking(organiser, expert, municipality)
    booking.assignment = assignment
    booking.save()
    client.force_login(expert)

    page = client.get(f"{BASE}/boekingen/{booking.pk}/")
    sessions = client.get(f"{BASE}/opdrachten/{assignment.pk}/?page=2")

    assert [s.date for s in page.context["upcoming"]] == days[5:15]
    assert f'/opdrachten/{assignment.pk}/#sessions">' in page.content.decode()
    assert page.context["session_count"] == 75
    assert [s.date for s in sessions.context["sessions"]] == days[50:]


def test_the_hours_form_lists_the_latest_sessions_but_takes_any_loggable_one(
    client, big_booking, expert
):
    add_hours(big_booking, 3 * SESSIONS_SHOWN + 30)  # returned hours: loggable
    returned = big_booking.work_logs.filter(status=WorkLog.Status.RETURNED)
    oldest = returned.earliest("session__date", "session__starts_at")
    latest = returned.latest("session__date", "session__starts_at")
    client.force_login(expert)
    url = f"{BASE}/boekingen/{big_booking.pk}/"

    form = client.get(url).context["log_form"]
    choices = [value for value, _ in form.fields["session"].choices if value]

    assert len(choices) == SESSIONS_SHOWN < returned.count()
    assert choices[0] == latest.session_id and oldest.session_id not in choices
    response = client.post(
        f"{BASE}/boekingen/{big_booking.pk}/uren/",
        {"session": oldest.session_id, "hours": "2", "travel_costs": "0"},
    )
    assert response.status_code == 302
    oldest.refresh_from_db()
    assert oldest.status == WorkLog.Status.SUBMITTED


def test_a_refused_hours_form_lists_the_latest_sessions_too(
    client, big_booking, expert
):
    add_hours(big_booking, 3 * SESSIONS_SHOWN + 30)
    client.force_login(expert)

    response = client.post(
        f"{BASE}/boekingen/{big_booking.pk}/uren/", {"session": "", "hours": "x"}
    )

    form = response.context["log_form"]
    assert form.errors
    assert len(form.fields["session"].choices) == SESSIONS_SHOWN + 1  # and "-----"


def test_the_edit_form_holds_a_page_of_the_sessions_still_to_come(
    client, organiser, municipality
):
    today = timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in range(-10, 30)]
    assignment = make_assignment(
        municipality, sessions=[(day, (10,), (11,)) for day in days]
    )
    client.force_login(organiser)

    first = client.get(f"{BASE}/opdrachten/{assignment.pk}/bewerken/")
    second = client.get(f"{BASE}/opdrachten/{assignment.pk}/bewerken/?page=2")

    dates = [form.instance.date for form in first.context["sessions"].initial_forms]
    assert dates == days[10:30]
    later = [form.instance.date for form in second.context["sessions"].initial_forms]
    assert later == days[30:]


def test_one_date_per_weekday_gives_the_fit_of_all_sessions(municipality):
    today = timezone.localdate()
    # Weekdays only, then one Sunday: the Sunday makes a weekday expert unavailable.
    weekdays = [
        day
        for day in (today + datetime.timedelta(days=n) for n in range(1, 60))
        if day.weekday() < 5
    ]
    assignment = make_assignment(
        municipality, sessions=[(day, (10,), (11,)) for day in weekdays]
    )
    days = matching.session_days(assignment)
    assert len(days) == 5
    assert {day.weekday() for day in days} == {d.weekday() for d in weekdays}

    sunday = today + datetime.timedelta(days=(6 - today.weekday()) % 7 + 7)
    Session.objects.create(
        assignment=assignment,
        date=sunday,
        starts_at=datetime.time(10),
        ends_at=datetime.time(11),
    )
    assert sorted(d.weekday() for d in matching.session_days(assignment)) == [
        0,
        1,
        2,
        3,
        4,
        6,
    ]
