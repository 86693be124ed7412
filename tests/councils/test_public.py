"""The public side of councils: council page, advice page, the advice tracker with
its filters and counts, the feeds, and the members' dashboard."""

from datetime import date, timedelta
from xml.etree import ElementTree

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Site, Workflow, WorkflowState

import pytest

from councils.models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    AdviceTrackerPage,
    AnswerPoint,
    CouncilIndexPage,
    CouncilMember,
    CouncilPage,
    FollowUp,
    Theme,
)
from councils.models.advice import AdviceStatus
from councils.tracker import status_counts, tracker_queryset

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ATOM = "{http://www.w3.org/2005/Atom}"


# Building the public tree ----------------------------------------------------


@pytest.fixture
def public_index(db):
    """The council overview under the site's home, so its pages have URLs."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )


@pytest.fixture
def tracker_page(public_index):
    return public_index.add_child(
        instance=AdviceTrackerPage(title="Adviezen volgen", slug="adviezen")
    )


@pytest.fixture
def town(organisation_factory):
    return organisation_factory(name="Gemeente Rivierstad")


@pytest.fixture
def provider(organisation_factory):
    return organisation_factory(name="Jeugdhulp Noord", kind="provider")


def _council(index, organisation, slug, title=None, **kwargs):
    return index.add_child(
        instance=CouncilPage(
            title=title or f"Raad {slug}",
            slug=slug,
            kind=CouncilPage.Kind.YOUTH,
            organisation=organisation,
            summary="De raad adviseert over jeugdhulp.",
            **kwargs,
        )
    )


@pytest.fixture
def youth_council(public_index, town):
    return _council(
        public_index,
        town,
        "jongerenraad",
        "Jongerenraad Rivierstad",
        contact_email="raad@example.test",
    )


@pytest.fixture
def client_council(public_index, provider):
    return _council(public_index, provider, "clientenraad", "Cliëntenraad Noord")


def make_advice(
    council,
    addressee,
    slug,
    *,
    sent=None,
    due=None,
    answered=None,
    live=True,
    themes=(),
    title=None,
    **kwargs,
):
    """Advice under the council; `sent`/`due`/`answered` are days relative to today
    (negative is in the past)."""
    advice = AdvicePage(
        title=title or f"Advies {slug}",
        slug=slug,
        addressee=addressee,
        summary=f"Samenvatting van {slug}.",
        body=[],
        live=live,
        **kwargs,
    )
    council.add_child(instance=advice)
    if themes:
        advice.themes.set(themes)
        advice.save()
    if sent is not None:
        AdviceDispatch.objects.create(
            advice=advice,
            sent_on=TODAY + timedelta(days=sent),
            answer_due_on=TODAY + timedelta(days=due if due is not None else sent + 42),
        )
    if answered is not None:
        AdviceAnswer.objects.create(
            advice=advice,
            verdict=AdviceAnswer.Verdict.PARTLY,
            summary="We nemen een deel over.",
            reasons="Er is geen geld voor alles.",
            answered_on=TODAY + timedelta(days=answered),
        )
    return advice


@pytest.fixture
def waiting_lists(db):
    return Theme.objects.create(name="Wachtlijsten", slug="wachtlijsten")


@pytest.fixture
def every_state(youth_council, client_council, town, provider, waiting_lists):
    """One advice in every state the tracker knows, plus a draft it must not show."""
    return {
        "draft": make_advice(youth_council, town, "concept", live=False),
        "awaiting": make_advice(
            youth_council, town, "wacht", sent=-7, themes=[waiting_lists]
        ),
        "overdue": make_advice(youth_council, town, "te-laat", sent=-60, due=-18),
        "answered": make_advice(
            client_council, provider, "beantwoord", sent=-30, due=12, answered=-2
        ),
        "answered_late": make_advice(
            client_council,
            provider,
            "laat-beantwoord",
            sent=-400,
            due=-358,
            answered=-300,
        ),
    }


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# Tracker ---------------------------------------------------------------------


def test_tracker_shows_every_sent_advice_with_its_status_in_words(
    client, tracker_page, every_state
):
    html = html_of(client.get(tracker_page.url))

    assert "Advies concept" not in html  # a draft is never public
    for key in ("awaiting", "overdue", "answered", "answered_late"):
        assert every_state[key].title in html
    assert "status-badge--overdue" in html
    assert html.count("<h1") == 1


def test_tracker_statuses_in_the_database(every_state):
    statuses = {advice.slug: advice.status for advice in tracker_queryset({}, TODAY)}

    assert statuses == {
        "wacht": AdviceStatus.AWAITING,
        "te-laat": AdviceStatus.OVERDUE,
        "beantwoord": AdviceStatus.ANSWERED,
        "laat-beantwoord": AdviceStatus.ANSWERED_LATE,
    }


def test_status_counts_in_one_query(every_state, django_assert_num_queries):
    queryset = tracker_queryset({})
    with django_assert_num_queries(1):
        counts = status_counts(queryset)

    assert counts == {"awaiting": 1, "overdue": 1, "answered": 1, "answered_late": 1}


def test_counts_follow_the_filters_but_the_status(
    client, tracker_page, every_state, youth_council
):
    response = client.get(
        tracker_page.url, {"status": "overdue", "council": youth_council.pk}
    )
    counts = {c["status"].value: c["count"] for c in response.context["status_counts"]}

    assert counts == {"awaiting": 1, "overdue": 1, "answered": 0, "answered_late": 0}
    assert [a.slug for a in response.context["advice_list"]] == ["te-laat"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "answered_late"}, {"laat-beantwoord"}),
        ({"status": "awaiting"}, {"wacht"}),
        ({"theme": "wachtlijsten"}, {"wacht"}),
        ({"year": str((TODAY - timedelta(days=400)).year)}, {"laat-beantwoord"}),
    ],
)
def test_tracker_filters(client, tracker_page, every_state, params, expected):
    if "year" in params and int(params["year"]) == TODAY.year:
        pytest.skip("the old advice falls in this year only around new year")
    response = client.get(tracker_page.url, params)

    assert {a.slug for a in response.context["advice_list"]} >= expected
    if "year" not in params:
        assert {a.slug for a in response.context["advice_list"]} == expected


def test_tracker_filters_by_council_and_organisation(
    client, tracker_page, every_state, client_council, provider, town
):
    by_council = client.get(tracker_page.url, {"council": client_council.pk})
    by_organisation = client.get(tracker_page.url, {"organisation": town.pk})

    assert {a.slug for a in by_council.context["advice_list"]} == {
        "beantwoord",
        "laat-beantwoord",
    }
    assert {a.slug for a in by_organisation.context["advice_list"]} == {
        "wacht",
        "te-laat",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"council": "abc"},
        {"council": "999999"},
        {"status": "draft"},
        {"theme": "bestaat-niet"},
        {"year": "1850"},
        {"year": "twee"},
        {"page": "x"},
    ],
)
def test_invalid_filters_give_a_message_not_an_error(
    client, tracker_page, every_state, params
):
    html = html_of(client.get(tracker_page.url, params))

    if "page" not in params:
        assert 'role="alert"' in html
    assert "Advies wacht" in html  # the list is shown without the wrong filter


def test_tracker_empty_state(client, tracker_page, every_state, waiting_lists):
    html = html_of(
        client.get(tracker_page.url, {"theme": "wachtlijsten", "status": "answered"})
    )

    assert 'class="empty-state"' in html


def test_tracker_pages_by_twenty(client, tracker_page, youth_council, town):
    for number in range(25):
        make_advice(youth_council, town, f"advies-{number}", sent=-number)

    first = client.get(tracker_page.url)
    second = client.get(tracker_page.url, {"page": 2})

    assert len(first.context["advice_list"]) == 20
    assert len(second.context["advice_list"]) == 5
    assert "page=2" in first.content.decode()
    # Newest sent first.
    assert first.context["advice_list"][0].slug == "advies-0"


def _add_advice(council, organisation, theme, prefix, count):
    for number in range(count):
        make_advice(
            council,
            organisation,
            f"{prefix}-{number}",
            sent=-number,
            answered=-number + 1 if number % 3 == 0 else None,
            themes=[theme],
        )


def _count_render(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params", [{}, {"theme": "wachtlijsten", "status": "awaiting"}]
)
def test_tracker_query_count_does_not_grow_with_the_rows(
    client,
    tracker_page,
    youth_council,
    town,
    waiting_lists,
    params,
    django_assert_max_num_queries,
):
    _add_advice(youth_council, town, waiting_lists, "tien", 10)
    client.get(tracker_page.url)  # warm the site and locale caches
    with_ten = _count_render(client, tracker_page.url, params)
    _add_advice(youth_council, town, waiting_lists, "meer", 50)
    # New pages outdate the cached layout (inspraak.core.layout): rebuilt once.
    client.get(tracker_page.url, params)

    with django_assert_max_num_queries(with_ten):
        response = client.get(tracker_page.url, params)
    assert response.context["page_obj"].paginator.count > 20  # a full page of rows


# Advice page -----------------------------------------------------------------


def test_advice_page_shows_summary_timeline_answer_and_follow_up(
    client, youth_council, town
):
    request = AdviceRequest.objects.create(
        council=youth_council,
        organisation=town,
        question="Hoe maken we wachttijden korter?",
        desired_on=TODAY,
        requested_on=date(2025, 1, 6),
        status=AdviceRequest.Status.ACCEPTED,
    )
    advice = make_advice(
        youth_council,
        town,
        "wachttijden",
        sent=-60,
        due=-18,
        answered=-10,
        kind=AdvicePage.Kind.REQUESTED,
        request=request,
        adopted_on=date(2025, 2, 3),
    )
    AnswerPoint.objects.create(
        answer=advice.answer,
        point="Meer jongerenwerkers",
        verdict=AdviceAnswer.Verdict.NOT_ADOPTED,
        reasons="Geen budget dit jaar.",
    )
    FollowUp.objects.create(advice=advice, text="Jammer, we komen erop terug.")

    html = html_of(client.get(advice.url))

    assert "In het kort" in html
    assert "Samenvatting van wachttijden." in html
    assert '<ol class="timeline">' in html
    assert "6 januari 2025" in html and "3 februari 2025" in html
    assert "Te laat beantwoord" in html or "Answered late" in html
    assert "Meer jongerenwerkers" in html and "Geen budget dit jaar." in html
    assert "Jammer, we komen erop terug." in html
    assert html.count("<h1") == 1


# Council page ----------------------------------------------------------------


def test_council_page_shows_only_members_who_chose_to_be_shown(
    client, youth_council, user_factory
):
    shown = user_factory(display_name="Zichtbare Zoë")
    hidden = user_factory(display_name="Verborgen Vera", email="vera@example.test")
    CouncilMember.objects.create(
        council=youth_council,
        user=shown,
        role=CouncilMember.Role.CHAIR,
        show_publicly=True,
    )
    CouncilMember.objects.create(council=youth_council, user=hidden)

    html = html_of(client.get(youth_council.url))

    # Only the first name of the one shown (councils/terms.py, first_name).
    assert "Zichtbare" in html and "Zichtbare Zoë" not in html
    assert "Verborgen" not in html
    assert "vera@example.test" not in html
    assert "1 lid" in html or "1 member" in html


def test_council_page_lists_its_advice_and_open_requests(
    client, youth_council, town, every_state
):
    AdviceRequest.objects.create(
        council=youth_council,
        organisation=town,
        question="Wat vinden jongeren van de nieuwe jeugdhulp?",
        desired_on=TODAY + timedelta(days=30),
    )
    answered_request = AdviceRequest.objects.create(
        council=youth_council,
        organisation=town,
        question="Een vraag die al beantwoord is",
        desired_on=TODAY,
        status=AdviceRequest.Status.ACCEPTED,
    )
    make_advice(
        youth_council,
        town,
        "antwoord-op-vraag",
        sent=-1,
        kind=AdvicePage.Kind.REQUESTED,
        request=answered_request,
    )

    html = html_of(client.get(youth_council.url))

    assert "Advies wacht" in html and "Advies te-laat" in html
    assert "Advies concept" not in html
    assert "Advies beantwoord" not in html  # another council's advice
    assert "Wat vinden jongeren van de nieuwe jeugdhulp?" in html
    assert "Een vraag die al beantwoord is" not in html


def test_council_index_lists_councils_and_the_tracker(
    client, public_index, tracker_page, youth_council
):
    html = html_of(client.get(public_index.url))

    assert "Jongerenraad Rivierstad" in html
    assert tracker_page.url in html


# Feeds -----------------------------------------------------------------------


def test_rss_feed_lists_published_advice_newest_first(client, every_state):
    response = client.get(reverse("councils:feed_rss"))
    root = ElementTree.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]

    assert response.status_code == 200
    assert titles == [
        "Advies wacht",
        "Advies beantwoord",
        "Advies te-laat",
        "Advies laat-beantwoord",
    ]
    first = next(root.iter("item"))
    assert first.findtext("description") == "Samenvatting van wacht."
    assert first.findtext("link").endswith(every_state["awaiting"].url)
    assert first.findtext("pubDate")


def test_atom_feed_per_council(client, every_state, client_council):
    response = client.get(
        reverse("councils:council_feed_atom", args=[client_council.pk])
    )
    root = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]

    assert response.status_code == 200
    assert root.tag == f"{ATOM}feed"
    assert titles == ["Advies beantwoord", "Advies laat-beantwoord"]


def test_council_feed_of_an_unknown_council_is_404(client, db):
    assert (
        client.get(reverse("councils:council_feed_rss", args=[999999])).status_code
        == 404
    )


# Dashboard -------------------------------------------------------------------


def test_dashboard_for_a_member(client, youth_council, town, every_state, user_factory):
    member = user_factory()
    CouncilMember.objects.create(council=youth_council, user=member)
    in_workflow = make_advice(youth_council, town, "ter-vaststelling", live=False)
    WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(AdvicePage),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(in_workflow.pk),
        workflow=Workflow.objects.create(name="Vaststellen"),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    AdviceRequest.objects.create(
        council=youth_council,
        organisation=town,
        question="Open vraag",
        desired_on=TODAY,
    )
    client.force_login(member)

    response = client.get(reverse("councils:dashboard"))
    overview = response.context["overviews"][0]

    assert response.status_code == 200
    assert [a.slug for a in overview["drafts"]] == ["concept"]
    assert [a.slug for a in overview["awaiting_adoption"]] == ["ter-vaststelling"]
    assert [a.slug for a in overview["awaiting_answer"]] == ["wacht"]
    assert [a.slug for a in overview["overdue"]] == ["te-laat"]
    assert [r.question for r in overview["open_requests"]] == ["Open vraag"]


def test_dashboard_refuses_a_non_member(
    client, youth_council, every_state, user_factory
):
    outsider = user_factory()
    former = user_factory()
    CouncilMember.objects.create(
        council=youth_council, user=former, ends_on=TODAY - timedelta(days=1)
    )

    for person in (outsider, former):
        client.force_login(person)
        response = client.get(reverse("councils:dashboard"))
        assert response.status_code == 403
        assert "Advies concept" not in response.content.decode()


def test_dashboard_sends_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get(reverse("councils:dashboard"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
