"""The handler's queue and the public figures at volume: sorted, filtered, counted
and paged in the database on the stored deadline, with the order and the filters
they had when every case was computed in Python, and as many queries for 30 cases
as for 3."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from complaints.case_deadlines import decision_deadline, is_overdue, overdue_filter
from complaints.figures import case_figures
from complaints.models import Case
from complaints.models.cases import next_reference
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory(name="Gemeente Rij")


@pytest.fixture
def handler(membership_factory, municipality, with_totp):
    return with_totp(
        membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
    )


def make_case(organisation, kind=Case.Kind.MUNICIPAL_COMPLAINT, **fields):
    return Case.objects.create(
        reference=next_reference(kind, 2026),
        kind=kind,
        organisation=organisation,
        name="Sam de Vries",
        **fields,
    )


def mixed_cases(municipality):
    """Open, decided and closed cases, late and on time, two with one deadline."""
    today = timezone.localdate()
    ago = lambda weeks: today - timedelta(weeks=weeks)  # noqa: E731
    # Due tomorrow, or a few days later when the Atw moves it past rest days.
    soon = ago(6) + timedelta(days=1)
    return [
        make_case(municipality),
        make_case(municipality, received_on=soon),
        make_case(municipality, received_on=soon),  # same deadline: by reference
        make_case(municipality, received_on=ago(12)),
        make_case(
            municipality,
            kind=Case.Kind.OBJECTION,
            decision_made_known_on=ago(20),
            received_on=ago(15),
            status=Case.Status.HEARING_PLANNED,
        ),
        make_case(
            municipality,
            received_on=ago(12),
            status=Case.Status.DECIDED,
            decided_on=ago(1),
        ),
        make_case(
            municipality,
            received_on=ago(10),
            status=Case.Status.CLOSED,
            decided_on=ago(3),
            closed_on=ago(2),
        ),
        make_case(
            municipality,
            received_on=ago(20),
            status=Case.Status.WITHDRAWN,
            closed_on=ago(19),
        ),
        make_case(municipality, status=Case.Status.AWAITING_VERIFICATION),
    ]


def queue_refs(client, **params) -> list[str]:
    response = client.get(reverse("complaints:queue"), params)
    assert response.status_code == 200
    return [case.reference for case in response.context["cases"]]


def test_the_queue_keeps_the_order_it_had(client, sign_in, handler, municipality):
    today = timezone.localdate()
    cases = [
        c for c in mixed_cases(municipality) if c.status != "awaiting_verification"
    ]
    # The order the queue had when it sorted in Python.
    expected = sorted(
        cases,
        key=lambda c: (not c.is_open, decision_deadline(c, today), c.reference),
    )
    sign_in(handler)
    assert queue_refs(client) == [c.reference for c in expected]


def test_the_overdue_filter_is_the_rule_of_is_overdue(municipality):
    today = timezone.localdate()
    cases = mixed_cases(municipality)
    late = {c.reference for c in cases if is_overdue(c, today)}
    assert len(late) == 4  # two open, one decided late, one closed after a late one
    in_database = Case.objects.filter(overdue_filter(today))
    assert set(in_database.values_list("reference", flat=True)) == late


def test_the_queue_filters_in_the_database(client, sign_in, handler, municipality):
    today = timezone.localdate()
    cases = [
        c for c in mixed_cases(municipality) if c.status != "awaiting_verification"
    ]
    sign_in(handler)
    late = [c.reference for c in cases if is_overdue(c, today)]
    assert sorted(queue_refs(client, overdue="on")) == sorted(late)
    open_objections = [
        c.reference for c in cases if c.is_open and c.kind == Case.Kind.OBJECTION
    ]
    assert queue_refs(client, state="open", kind="objection") == open_objections
    closed = {c.reference for c in cases if not c.is_open}
    assert set(queue_refs(client, state="closed")) == closed
    assert queue_refs(client, status="withdrawn") == [cases[7].reference]


def test_the_queue_counts_late_and_soon_in_one_go(
    client, sign_in, handler, municipality
):
    mixed_cases(municipality)
    sign_in(handler)
    language = translation.get_language()
    with translation.override("en"):
        url = reverse("complaints:queue")
    try:
        response = client.get(url, {"kind": "objection"})
    finally:
        translation.activate(language)  # the English page leaves English on
    # Counted over every open case of the handler, whatever the filters.
    assert response.context["counts"] == {"late": 2, "due_soon": 2}
    page = response.content.decode()
    assert "Open cases past their deadline: 2. Due within 7 days: 2." in page


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "params", [{}, {"page": "2"}, {"overdue": "on"}, {"state": "open", "page": "9"}]
)
def test_the_queue_asks_as_much_for_30_cases_as_for_3(
    client, sign_in, handler, municipality, params
):
    sign_in(handler)
    url = reverse("complaints:queue")
    old = timezone.localdate() - timedelta(weeks=10)
    for _ in range(3):
        make_case(municipality, received_on=old)
    client.get(url)  # the session and the site settle on the first request
    few = queries(client, url, params)
    for _ in range(27):
        make_case(municipality, received_on=old)
    response = client.get(url, params)
    assert queries(client, url, params) == few
    assert len(response.context["cases"]) in (10, 20)


def test_the_figures_ask_as_much_for_30_cases_as_for_3(
    client, municipality, organisation_factory
):
    other = organisation_factory(name="Gemeente Twee")
    today = timezone.localdate()
    url = reverse("complaints:figures")

    def add(count):
        for n in range(count):
            make_case(
                other if n % 2 else municipality,
                kind=Case.Kind.OBJECTION if n % 3 else Case.Kind.MUNICIPAL_COMPLAINT,
                received_on=today - timedelta(weeks=8),
                decided_on=today - timedelta(days=n),
                status=Case.Status.DECIDED,
            )

    add(3)
    client.get(url)
    few = queries(client, url)
    add(27)
    assert queries(client, url) == few
    with CaptureQueriesContext(connection) as captured:
        rows = case_figures()
    assert len(captured.captured_queries) == 1
    assert sum(row.cases for row in rows) == 30
