"""Deadline reminders for handlers: 7 days before and on the day, to the case's
handler or to every handler of the organisation."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from complaints.flows import reminders
from complaints.models import Case
from complaints.models.cases import next_reference
from inspraak.notifications.models import PendingNotification
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory()


@pytest.fixture
def handlers(membership_factory, municipality):
    return [
        membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
        for _ in range(2)
    ]


def complaint(organisation, **fields):
    return Case.objects.create(
        reference=next_reference(Case.Kind.MUNICIPAL_COMPLAINT, 2026),
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        organisation=organisation,
        name="Sam",
        **fields,
    )


def reminded(user):
    return PendingNotification.objects.filter(
        user=user, kind="staff_deadline_reminder"
    ).count()


# A first run within the last 7 days sends the "before" reminder (a missed day is
# caught up); on or after the deadline the "due" one.
@pytest.mark.parametrize(
    ("days_before", "sent"), [(8, False), (7, True), (3, True), (0, True), (-1, True)]
)
def test_reminders_go_out_seven_days_before_and_on_the_day(
    municipality, handlers, days_before, sent
):
    case = complaint(municipality, handler=handlers[0])
    today = case.decision_deadline() - timedelta(days=days_before)
    assert reminders.send_case_reminders(today) == (1 if sent else 0)
    assert reminded(handlers[0]) == (1 if sent else 0)
    assert reminded(handlers[1]) == 0


def test_unassigned_cases_remind_every_handler_of_the_organisation(
    municipality, handlers, membership_factory, organisation_factory
):
    membership_factory(organisation=organisation_factory(), role=Role.CASE_HANDLER)
    case = complaint(municipality)
    assert reminders.send_case_reminders(case.decision_deadline()) == 2
    assert [reminded(user) for user in handlers] == [1, 1]


def test_closed_cases_are_not_reminded(municipality, handlers):
    case = complaint(
        municipality, status=Case.Status.WITHDRAWN, closed_on=timezone.localdate()
    )
    assert reminders.send_case_reminders(case.decision_deadline()) == 0


def test_the_command_runs_for_a_given_day(municipality, handlers, capsys):
    case = complaint(municipality)
    day = case.decision_deadline() - timedelta(days=7)
    call_command("send_case_reminders", "--date", day.isoformat())
    assert "2" in capsys.readouterr().out


def test_each_reminder_goes_out_once_per_deadline(municipality, handlers):
    case = complaint(municipality, handler=handlers[0])
    deadline = case.decision_deadline()
    for days_before in (7, 7, 6, 3, 1):
        reminders.send_case_reminders(deadline - timedelta(days=days_before))
    assert reminded(handlers[0]) == 1
    reminders.send_case_reminders(deadline)
    reminders.send_case_reminders(deadline)
    reminders.send_case_reminders(deadline + timedelta(days=2))
    assert reminded(handlers[0]) == 2
