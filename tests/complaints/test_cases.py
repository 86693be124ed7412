"""Cases: references, the deadline each kind shows with its rule, and the access
log that nobody can change."""

from datetime import date

from django.utils import translation

import pytest

from complaints.flows.records import log_access
from complaints.flows.retention import retention_ends_on
from complaints.models import Case, CaseAccessLog
from complaints.models.cases import next_reference

pytestmark = pytest.mark.django_db


def make_case(organisation, **fields):
    kind = fields.pop("kind", Case.Kind.OBJECTION)
    return Case.objects.create(
        reference=next_reference(kind, 2026),
        kind=kind,
        organisation=organisation,
        name="Sam de Vries",
        **fields,
    )


def test_references_count_per_prefix_and_year():
    assert next_reference(Case.Kind.OBJECTION, 2026) == "BZ-2026-000001"
    assert next_reference(Case.Kind.OBJECTION, 2026) == "BZ-2026-000002"
    assert next_reference(Case.Kind.MUNICIPAL_COMPLAINT, 2026) == "KL-2026-000001"
    assert next_reference(Case.Kind.PROVIDER_COMPLAINT, 2026) == "KL-2026-000002"
    assert next_reference(Case.Kind.OBJECTION, 2027) == "BZ-2027-000001"


def test_objection_made_known_on_20_february_2026(organisation_factory):
    case = make_case(
        organisation_factory(),
        decision_made_known_on=date(2026, 2, 20),
        received_on=date(2026, 3, 2),
    )
    # 6 weeks → Good Friday 3 April; Easter weekend and Easter Monday → 7 April.
    assert case.objection_period_end() == date(2026, 4, 7)
    # Awb 7:10: 6 weeks from the day after → Tuesday 19 May 2026.
    assert case.decision_deadline() == date(2026, 5, 19)
    assert "Awb 7:10" in case.decision_rule()


def test_repairing_an_omission_stops_the_objection_clock(organisation_factory):
    case = make_case(
        organisation_factory(),
        decision_made_known_on=date(2026, 2, 20),
        received_on=date(2026, 3, 2),
        repair_requested_on=date(2026, 4, 10),
        repaired_on=date(2026, 4, 20),
    )
    assert case.suspended_days() == 10
    assert case.decision_deadline() == date(2026, 5, 29)
    assert "10" in case.decision_rule()


def test_a_late_objection_runs_from_its_receipt(organisation_factory):
    case = make_case(
        organisation_factory(),
        decision_made_known_on=date(2026, 2, 20),
        received_on=date(2026, 4, 20),
        is_late=True,
    )
    assert case.decision_deadline() == date(2026, 6, 1)  # 6 weeks after 20 April


def test_provider_complaint_uses_the_providers_own_period(organisation_factory):
    provider = organisation_factory(kind="provider", complaint_period_weeks=8)
    case = make_case(
        provider, kind=Case.Kind.PROVIDER_COMPLAINT, received_on=date(2026, 11, 13)
    )
    assert case.decision_deadline() == date(2027, 1, 8)
    assert "8" in case.decision_rule()


def test_the_person_reads_the_rule_in_plain_words_with_the_article_beside_it(
    organisation_factory,
):
    municipality = organisation_factory()
    provider = organisation_factory(kind="provider", complaint_period_weeks=8)
    in_time = make_case(
        municipality,
        decision_made_known_on=date(2026, 2, 20),
        received_on=date(2026, 3, 2),
        repair_requested_on=date(2026, 4, 10),
        repaired_on=date(2026, 4, 20),
    )
    late = make_case(
        municipality,
        decision_made_known_on=date(2026, 2, 20),
        received_on=date(2026, 4, 20),
        is_late=True,
    )
    complaint = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=date(2026, 11, 13),
        postponed_weeks=4,
    )
    about_care = make_case(
        provider, kind=Case.Kind.PROVIDER_COMPLAINT, received_on=date(2026, 11, 13)
    )

    with translation.override("en"):
        assert in_time.decision_explained() == (
            "The municipality has 6 weeks to decide, counted from the day after the "
            "time to object ended (Awb 7:10). 10 days are added: the time stood still "
            "while you added what was missing. Is the last day a weekend day or a "
            "public holiday? Then it is the next working day (Algemene termijnenwet)."
        )
        assert "from the day it received your objection (Awb 7:10)" in (
            late.decision_explained()
        )
        assert complaint.decision_explained().startswith(
            "The municipality has 6 weeks to answer, counted from the day it received "
            "your complaint (Awb 9:11). It put off the answer once, by 4 weeks."
        )
        assert about_care.decision_explained() == (
            "The care provider has 8 weeks to answer, counted from the day it received "
            "your complaint. Its own complaints procedure sets this time, not the law."
        )


def test_late_cases_stay_late(organisation_factory):
    case = make_case(
        organisation_factory(),
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=date(2026, 1, 5),
        status=Case.Status.IN_PROGRESS,
    )
    assert case.decision_deadline() == date(2026, 2, 16)
    assert not case.is_overdue(today=date(2026, 2, 16))
    assert case.is_overdue(today=date(2026, 2, 17))
    case.decided_on = date(2026, 3, 1)
    case.status = Case.Status.DECIDED
    assert case.is_overdue(today=date(2026, 6, 1))  # decided, but late


def test_the_access_log_cannot_be_changed(organisation_factory, user_factory):
    case = make_case(organisation_factory())
    log_access(case, user_factory(), "view", actor="handler")
    entry = CaseAccessLog.objects.get(case=case)
    entry.detail = "tampered"
    with pytest.raises(ValueError):
        entry.save()


@pytest.mark.parametrize(
    ("closed_on", "ends_on"),
    [
        (date(2026, 3, 1), date(2031, 3, 1)),
        # 29 February: the one rule of inspraak.core.dates.anniversary (1 March).
        (date(2024, 2, 29), date(2029, 3, 1)),
    ],
)
def test_retention_ends_five_years_after_closing(closed_on, ends_on):
    assert retention_ends_on(closed_on) == ends_on


def test_a_superuser_without_the_role_does_not_see_cases(
    organisation_factory, user_factory
):
    from complaints.permissions import can_view, is_handler

    case = make_case(organisation_factory())
    admin = user_factory(is_staff=True, is_superuser=True)
    assert not is_handler(admin, case)
    assert not can_view(admin, case)
    assert not Case.objects.for_handler(admin).exists()


def test_an_unconfirmed_guest_case_does_not_reach_the_handlers(
    organisation_factory, user_factory, membership_factory
):
    organisation = organisation_factory()
    handler = user_factory()
    membership_factory(user=handler, organisation=organisation, role="case_handler")
    waiting = make_case(organisation, status=Case.Status.AWAITING_VERIFICATION)
    confirmed = make_case(organisation)
    assert list(Case.objects.for_handler(handler)) == [confirmed]
    assert waiting.pk
