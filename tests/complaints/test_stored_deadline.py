"""The stored deadline (Case.deadline and Case.clock_stopped_since): equal to what
decision_deadline gives after every step a flow can take, filled by the data
migration and by seed_volume, and moved on by what changes outside the case (an
extra Atw day, a provider's period, a clock that stands still)."""

import importlib
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

import pytest

from complaints.case_deadlines import decision_deadline
from complaints.flows import filing, reminders, repair
from complaints.models import AtwExtraDay, Case
from complaints.models.cases import next_reference
from complaints.transitions import perform
from complaints.volume import PATHS, _cases
from inspraak.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory(name="Gemeente Opslag")


@pytest.fixture
def handler(membership_factory, municipality):
    return membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user


@pytest.fixture
def person(user_factory):
    return user_factory()


def make_case(organisation, kind=Case.Kind.MUNICIPAL_COMPLAINT, **fields):
    return Case.objects.create(
        reference=next_reference(kind, 2026),
        kind=kind,
        organisation=organisation,
        name="Sam de Vries",
        **fields,
    )


def stored(case) -> tuple[date | None, date | None]:
    """The case's stored deadline and stopped clock, read back from the database."""
    return tuple(
        Case.objects.filter(pk=case.pk).values_list("deadline", "clock_stopped_since")[
            0
        ]
    )


def assert_current(case, today=None) -> date:
    """The stored deadline is the one the rule gives today; returns it."""
    fresh = Case.objects.select_related("organisation").get(pk=case.pk)
    assert fresh.deadline == decision_deadline(fresh, today or timezone.localdate())
    return fresh.deadline


def objection_fields(**extra):
    return {
        "organisation": extra.pop("organisation"),
        "name": "Sam de Vries",
        "decision_description": "Geen vervoer naar de zorg.",
        "decision_made_known_on": timezone.localdate() - timedelta(days=8),
        "grounds": "",
        **extra,
    }


# Every step of the flows ------------------------------------------------------


def test_an_objection_keeps_its_stored_deadline_through_every_step(
    municipality, handler, person
):
    today = timezone.localdate()
    case = filing.file_case(
        kind=Case.Kind.OBJECTION,
        data=objection_fields(organisation=municipality),
        user=person,
        missing_parts=["grounds"],
    )
    # Something is missing: the clock stands still from today (Awb 7:10 lid 2).
    assert case.status == Case.Status.REPAIR_REQUESTED
    assert stored(case)[1] == today
    assert_current(case)

    assert repair.repair(case, {"grounds": "Ik ben het oneens."}, user=person)
    assert stored(case)[1] is None
    running = assert_current(case)
    repair.give_late_reason(case, "De brief kwam laat.", user=person)
    assert_current(case)

    changed = {}
    steps = [
        ("take", {}),
        ("acknowledge", {}),
        ("in_progress", {}),
        ("committee", {}),
        ("postpone", {"weeks": 3, "notice": "Het advies van de commissie duurt."}),
        (
            "hearing",
            {"at": timezone.now() + timedelta(days=14), "place": "Stadhuis"},
        ),
        ("message", {"text": "Tot ziens bij de hoorzitting."}),
        (
            "decide",
            {
                "outcome": Case.Outcome.PARTLY,
                "text": "Deels terecht.",
                "jeugdwet": True,
            },
        ),
        ("close", {}),
    ]
    for action, data in steps:
        perform(action, case, handler, data)
        changed[action] = assert_current(case)
    # The steps that move the deadline did move the stored one.
    assert changed["committee"] > running
    assert changed["postpone"] > changed["committee"]
    assert changed["close"] == changed["postpone"]


@pytest.mark.parametrize("ending", ["decline", "forward", "withdraw"])
def test_a_guests_complaint_keeps_its_stored_deadline_to_the_end(
    municipality, handler, ending
):
    case = filing.file_case(
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        data={
            "organisation": municipality,
            "name": "Gast",
            "conduct_description": "Niemand belde terug.",
        },
        guest_email="gast@example.test",
    )
    assert case.status == Case.Status.AWAITING_VERIFICATION
    assert_current(case)
    assert filing.verify_guest(case)
    assert_current(case)
    perform("committee", case, handler, {})
    longer = assert_current(case)
    text = {"reason": "Zie de brief.", "note": "Per telefoon ingetrokken."}
    perform(ending, case, handler, text)
    assert assert_current(case) == longer


def test_a_case_made_directly_stores_its_deadline(organisation_factory):
    provider = organisation_factory(
        kind=Organisation.Kind.PROVIDER, complaint_period_weeks=8
    )
    case = make_case(
        provider,
        kind=Case.Kind.PROVIDER_COMPLAINT,
        received_on=date(2026, 11, 13),
    )
    assert stored(case) == (date(2027, 1, 8), None)


def test_a_save_of_other_fields_leaves_the_deadline_alone(
    municipality, django_assert_num_queries
):
    case = make_case(municipality, received_on=date(2026, 3, 2))
    case.name = "Iemand anders"
    with django_assert_num_queries(1):  # no deadline work: only the update
        case.save(update_fields=["name"])
    case.received_on = date(2026, 3, 9)
    case.save(update_fields=["received_on"])
    assert stored(case)[0] == decision_deadline(case)


# Outside the case ---------------------------------------------------------------


def test_a_stopped_clock_moves_on_with_the_daily_run(municipality, person):
    today = timezone.localdate()
    case = filing.file_case(
        kind=Case.Kind.OBJECTION,
        data=objection_fields(organisation=municipality),
        user=person,
        missing_parts=["grounds"],
    )
    before = stored(case)[0]
    later = today + timedelta(days=3)
    reminders.send_case_reminders(later)
    assert stored(case) == (decision_deadline(case, later), today)
    assert stored(case)[0] > before


def test_an_extra_atw_day_moves_the_deadlines_that_end_on_it(municipality):
    # 6 weeks after Monday 2 March 2026: Monday 13 April (after Easter Monday).
    case = make_case(municipality, received_on=date(2026, 3, 2))
    unaffected = make_case(municipality, received_on=date(2026, 1, 5))
    assert stored(case)[0] == date(2026, 4, 13)
    day = AtwExtraDay.objects.create(day=date(2026, 4, 13), reason="Besluit")
    assert stored(case)[0] == date(2026, 4, 14) == decision_deadline(case)
    assert stored(unaffected)[0] == decision_deadline(unaffected)
    day.day = date(2026, 4, 20)
    day.save()
    assert stored(case)[0] == date(2026, 4, 13)
    AtwExtraDay.objects.create(day=date(2026, 4, 13), reason="Besluit")
    AtwExtraDay.objects.filter(day=date(2026, 4, 13)).delete()
    assert stored(case)[0] == date(2026, 4, 13)


def test_a_providers_new_period_moves_its_complaints(organisation_factory):
    provider = organisation_factory(kind=Organisation.Kind.PROVIDER)
    case = make_case(
        provider, kind=Case.Kind.PROVIDER_COMPLAINT, received_on=date(2026, 11, 13)
    )
    assert stored(case)[0] == date(2026, 12, 25)  # 6 weeks, no Atw
    provider.complaint_period_weeks = 8
    provider.save()
    assert stored(case)[0] == date(2027, 1, 8)


# Filled in bulk -----------------------------------------------------------------


def test_the_data_migration_fills_every_case_through_the_rule(
    municipality, organisation_factory, person
):
    provider = organisation_factory(
        kind=Organisation.Kind.PROVIDER, complaint_period_weeks=9
    )
    cases = [
        make_case(municipality, received_on=date(2026, 3, 2), postponed_weeks=4),
        make_case(
            municipality,
            kind=Case.Kind.OBJECTION,
            decision_made_known_on=date(2026, 2, 20),
            received_on=date(2026, 3, 2),
            committee=True,
            repair_requested_on=date(2026, 4, 10),
            repaired_on=date(2026, 4, 20),
        ),
        make_case(
            municipality,
            kind=Case.Kind.OBJECTION,
            received_on=timezone.localdate(),
            repair_requested_on=timezone.localdate() - timedelta(days=5),
        ),
        make_case(provider, kind=Case.Kind.PROVIDER_COMPLAINT),
    ]
    AtwExtraDay.objects.create(day=date(2026, 4, 13), reason="Besluit")
    expected = {case.pk: stored(case) for case in cases}
    Case.objects.update(deadline=None, clock_stopped_since=None)

    migration = importlib.import_module("complaints.migrations.0005_fill_case_deadline")
    state = MigrationLoader(connection).project_state(
        ("complaints", "0005_fill_case_deadline")
    )
    migration.fill_deadlines(state.apps, None)

    assert {case.pk: stored(case) for case in cases} == expected
    assert expected[cases[0].pk][0] == date(2026, 5, 11)  # 10 weeks, past 13 April
    assert expected[cases[2].pk][1] == timezone.localdate() - timedelta(days=5)


def test_seed_volume_stores_each_deadline_as_the_rule_gives_it(municipality, handler):
    today = timezone.localdate()
    added = _cases(municipality, handler, 2 * len(PATHS), filed_by=None)
    assert added["cases"] == 2 * len(PATHS)
    cases = Case.objects.filter(organisation=municipality).select_related(
        "organisation"
    )
    for case in cases:
        assert case.deadline == decision_deadline(case, today), case.reference
    stopped = {case.clock_stopped_since for case in cases if case.clock_stopped_since}
    assert stopped  # objections waiting for a repair


def test_a_hearing_time_does_not_touch_the_deadline(municipality, handler):
    case = make_case(municipality, received_on=date(2026, 3, 2))
    before = stored(case)
    at = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=20), time(10))
    )
    perform("hearing", case, handler, {"at": at, "place": "Stadhuis"})
    assert stored(case) == before
