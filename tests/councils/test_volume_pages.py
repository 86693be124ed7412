"""The councils' pages at volume: the same number of queries for 3 advice as for 30
(dashboard, tracker first and last page, council page, open requests, advice page,
feeds, the answer and follow-up forms), the dashboard's counts per group, and
pages that together hold every row once, in order."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, Site, Workflow, WorkflowState

import pytest

from councils.dashboard import LIST_LENGTH, group_counts
from councils.models import (
    AdviceAnswer,
    AdviceAttachment,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    AdviceTrackerPage,
    AnswerPoint,
    CouncilIndexPage,
    CouncilMember,
    CouncilPage,
    Theme,
)
from councils.page_context import OPEN_REQUESTS_SHOWN
from councils.tracker import PER_PAGE, tracker_queryset
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# The states advice is made in, in turn: (live, sent days ago, due in days,
# answered days from today). None: not sent or not answered.
STATES = {
    "draft": (False, None, None, None),
    "awaiting": (True, 7, 35, None),
    "overdue": (True, 60, -18, None),
    "answered": (True, 30, 12, -2),
    "answered_late": (True, 400, -358, -300),
}


@pytest.fixture
def town(organisation_factory):
    return organisation_factory(name="Gemeente Rivierstad")


@pytest.fixture
def index(db):
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )


@pytest.fixture
def tracker(index):
    return index.add_child(
        instance=AdviceTrackerPage(title="Adviezen", slug="adviezen")
    )


@pytest.fixture
def council(index, town):
    return index.add_child(
        instance=CouncilPage(
            title="Jongerenraad Rivierstad",
            slug="jongerenraad",
            kind=CouncilPage.Kind.YOUTH,
            organisation=town,
            summary="De raad adviseert over jeugdhulp.",
        )
    )


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Wachtlijsten", slug="wachtlijsten")


@pytest.fixture
def add_advice(council, town, theme):
    """`add(count, state)` adds advice in `state`, or in every state in turn."""
    made = []

    def add(count: int, state: str | None = None) -> list[AdvicePage]:
        new = []
        for _ in range(count):
            name = state or list(STATES)[len(made) % len(STATES)]
            live, sent, due, answered = STATES[name]
            advice = council.add_child(
                instance=AdvicePage(
                    title=f"Advies {len(made)} ({name})",
                    slug=f"advies-{len(made)}",
                    addressee=town,
                    summary="Maak de wachttijden korter.",
                    body=[],
                    live=live,
                )
            )
            advice.themes.set([theme])
            advice.save()  # a page's many-to-many is stored when the page is
            if sent is not None:
                # Distinct days, and some the same, so ties are ordered too.
                sent_on = TODAY - timedelta(days=sent + len(made) // 2)
                AdviceDispatch.objects.create(
                    advice=advice,
                    sent_on=sent_on,
                    answer_due_on=TODAY + timedelta(days=due),
                )
            if answered is not None:
                AdviceAnswer.objects.create(
                    advice=advice,
                    verdict=AdviceAnswer.Verdict.PARTLY,
                    summary="We nemen een deel over.",
                    reasons="Geen geld.",
                    answered_on=TODAY + timedelta(days=answered),
                )
            made.append(advice)
            new.append(advice)
        return new

    return add


@pytest.fixture
def chair(council, user_factory):
    user = user_factory()
    CouncilMember.objects.create(
        council=council, user=user, role=CouncilMember.Role.CHAIR
    )
    return user


def in_workflow(advice: AdvicePage) -> None:
    WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(AdvicePage),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(advice.pk),
        workflow=Workflow.objects.get_or_create(name="Vaststellen")[0],
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


def queries(client, url, params=None) -> tuple[int, object]:
    """The queries of one request, after one that rebuilds what new pages outdated
    (the cached layout, inspraak.core.layout)."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return len(captured), response


def add_requests(council, town, count: int) -> None:
    for number in range(count):
        AdviceRequest.objects.create(
            council=council,
            organisation=town,
            question=f"Vraag {number}: wat vinden jongeren hiervan?",
            desired_on=TODAY + timedelta(days=30),
            requested_on=TODAY - timedelta(days=number),
        )


# Dashboard -------------------------------------------------------------------


def test_dashboard_counts_each_group(client, tracker, add_advice, chair):
    add_advice(12, "overdue")
    add_advice(3, "awaiting")
    drafts = add_advice(4, "draft")
    add_advice(2, "answered")
    add_advice(1, "answered_late")
    in_workflow(drafts[0])

    client.force_login(chair)
    overview = client.get(reverse("councils:dashboard")).context["overviews"][0]

    assert overview["counts"] == {
        "drafts": 3,
        "awaiting_adoption": 1,
        "awaiting_answer": 3,
        "overdue": 12,
    }
    assert group_counts(overview["council"]) == overview["counts"]


def test_dashboard_lists_the_first_few_and_links_to_the_rest(
    client, tracker, council, town, add_advice, chair
):
    overdue = add_advice(LIST_LENGTH + 2, "overdue")
    add_advice(1, "awaiting")
    add_requests(council, town, LIST_LENGTH + 1)

    client.force_login(chair)
    response = client.get(reverse("councils:dashboard"))
    overview = response.context["overviews"][0]
    html = response.content.decode()

    assert len(overview["overdue"]) == LIST_LENGTH
    # The longest overdue first: the answer was due longest ago.
    dues = [a.dispatch.answer_due_on for a in overview["overdue"]]
    assert dues == sorted(dues)
    assert {a.pk for a in overview["overdue"]} <= {a.pk for a in overdue}
    assert f"{tracker.url}?council={council.pk}&amp;status=overdue" in html
    # A list that fits has no link to the rest.
    assert "status=awaiting" not in html
    assert len(overview["open_requests"]) == LIST_LENGTH
    assert overview["open_request_count"] == LIST_LENGTH + 1
    assert reverse("councils:open_requests", args=[council.pk]) in html


def test_dashboard_queries_do_not_grow_with_the_advice(
    client, tracker, council, town, add_advice, chair
):
    in_workflow(add_advice(3)[0])
    add_requests(council, town, 3)
    client.force_login(chair)
    few, _ = queries(client, reverse("councils:dashboard"))

    for advice in add_advice(30)[:12]:
        in_workflow(advice)
    add_requests(council, town, 27)
    many, response = queries(client, reverse("councils:dashboard"))

    assert response.context["overviews"][0]["counts"]["overdue"] > 3
    assert few == many


# Tracker ---------------------------------------------------------------------


def test_tracker_pages_hold_every_advice_once_in_order(client, tracker, add_advice):
    add_advice(PER_PAGE * 3 + 8)  # four in five are sent: three pages
    expected = [advice.pk for advice in tracker_queryset({})]

    shown = []
    for number in (1, 2, 3):
        response = client.get(tracker.url, {"page": number})
        shown += [advice.pk for advice in response.context["advice_list"]]
        assert response.context["page_obj"].paginator.num_pages == 3

    assert shown == expected


def test_tracker_counts_give_the_list_its_length(client, tracker, add_advice):
    add_advice(25)

    response = client.get(tracker.url, {"status": "overdue"})
    counts = {c["status"].value: c["count"] for c in response.context["status_counts"]}

    assert response.context["page_obj"].paginator.count == counts["overdue"] == 5
    assert {a.status for a in response.context["advice_list"]} == {"overdue"}


@pytest.mark.parametrize("last_page", [False, True])
@pytest.mark.parametrize("params", [{}, {"status": "overdue", "theme": "wachtlijsten"}])
def test_tracker_queries_do_not_grow_with_the_advice(
    client, tracker, add_advice, params, last_page
):
    add_advice(3)
    page = {"page": 999} if last_page else {}  # beyond the end: the last page
    few, response = queries(client, tracker.url, {**params, **page})
    listed = response.context["page_obj"].paginator.count

    add_advice(60)
    many, response = queries(client, tracker.url, {**params, **page})

    paginator = response.context["page_obj"].paginator
    assert paginator.count > listed
    assert (
        paginator.num_pages > 1 or params
    )  # unfiltered: the last page is not the first
    assert few == many


# Council page and its open requests -------------------------------------------


def test_council_page_lists_unsent_advice_after_the_sent(client, council, add_advice):
    sent = add_advice(PER_PAGE - 1, "awaiting")
    unsent = add_advice(3, "draft")
    for advice in unsent:  # published without being sent
        advice.live = True
        advice.save()

    first = client.get(council.url)
    second = client.get(council.url, {"page": 2})
    shown = [a.pk for a in first.context["advice_list"]] + [
        a.pk for a in second.context["advice_list"]
    ]

    newest_sent_first = sorted(
        sent, key=lambda a: (a.dispatch.sent_on, a.pk), reverse=True
    )
    assert shown == [a.pk for a in newest_sent_first] + sorted(
        (a.pk for a in unsent), reverse=True
    )
    assert second.context["advice_list"][-1].status_label == "Nog niet verstuurd"


def test_council_page_shows_the_newest_open_requests_and_links_to_all(
    client, council, town
):
    add_requests(council, town, OPEN_REQUESTS_SHOWN + 2)

    page = client.get(council.url)
    all_requests = client.get(reverse("councils:open_requests", args=[council.pk]))

    assert len(page.context["open_requests"]) == OPEN_REQUESTS_SHOWN
    assert page.context["open_requests"][0].question.startswith("Vraag 0:")
    assert reverse("councils:open_requests", args=[council.pk]) in (
        page.content.decode()
    )
    assert all_requests.status_code == 200
    assert len(all_requests.context["open_requests"]) == OPEN_REQUESTS_SHOWN + 2


def test_open_requests_of_an_unpublished_council_are_not_found(client, council):
    council.unpublish()

    response = client.get(reverse("councils:open_requests", args=[council.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["council", "open_requests"])
def test_council_pages_queries_do_not_grow(
    client, council, town, add_advice, chair, page
):
    url = (
        council.url
        if page == "council"
        else reverse("councils:open_requests", args=[council.pk])
    )
    client.force_login(chair)
    add_advice(3)
    add_requests(council, town, 3)
    few, _ = queries(client, url)

    add_advice(30)
    add_requests(council, town, 30)
    many, _ = queries(client, url)

    assert few == many


# Advice page, forms and feeds -------------------------------------------------


def _attach(advice, count: int) -> None:
    Document = get_document_model()
    for number in range(count):
        document = Document.objects.create(
            title=f"Bijlage {number}",
            file=ContentFile(b"%PDF-1.4 bijlage", name=f"bijlage-{number}.pdf"),
        )
        AdviceAttachment.objects.create(advice=advice, document=document)


def test_advice_page_queries_do_not_grow_with_attachments_and_points(
    client, add_advice
):
    advice = add_advice(1, "answered")[0]
    _attach(advice, 1)
    AnswerPoint.objects.create(
        answer=advice.answer, point="Punt", verdict=AdviceAnswer.Verdict.ADOPTED
    )
    few, _ = queries(client, advice.url)

    _attach(advice, 5)
    add_advice(30)
    for number in range(5):
        AnswerPoint.objects.create(
            answer=advice.answer,
            point=f"Punt {number}",
            verdict=AdviceAnswer.Verdict.ADOPTED,
        )
    many, response = queries(client, advice.url)

    assert len(response.context["attachments"]) == 6
    assert few == many


@pytest.mark.parametrize(
    "name", ["feed_rss", "feed_atom", "council_feed_rss", "council_feed_atom"]
)
def test_feeds_queries_do_not_grow(client, council, add_advice, name):
    url = reverse(
        f"councils:{name}", args=[council.pk] if name.startswith("council") else []
    )
    add_advice(3)
    few, _ = queries(client, url)

    add_advice(30)
    many, _ = queries(client, url)

    assert few == many


@pytest.mark.parametrize("form", ["answer", "follow_up"])
def test_answer_and_follow_up_forms_do_not_grow(
    client, council, town, add_advice, chair, user_factory, membership_factory, form
):
    advice = add_advice(1, "awaiting" if form == "answer" else "answered")[0]
    if form == "answer":
        person = user_factory()
        membership_factory(user=person, organisation=town, role=Role.ADVICE_RESPONDER)
    else:
        person = chair
    url = reverse(f"councils:{form}", args=[advice.pk])
    client.force_login(person)
    few, _ = queries(client, url)

    add_advice(30)
    many, _ = queries(client, url)

    assert few == many
