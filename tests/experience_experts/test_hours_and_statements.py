"""Hours after a session, approval or return with a reason, and the payment
statements with the allowance verdict over all organisations on the platform."""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from experience_experts.exceptions import Refused
from experience_experts.models import Assignment, Booking, ExpertProfile, WorkLog
from experience_experts.services import (
    applications,
    bookings,
    retention,
    statements,
)
from experience_experts.services import hours as work_hours

from .conftest import make_assignment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = Decimal


def confirmed_booking(organiser, expert, organisation, *, day, fee="5.00", **kw):
    assignment = make_assignment(
        organisation,
        fee_amount=D(fee),
        sessions=[(day, (10,), (13,))],
        application_deadline=timezone.localdate() + datetime.timedelta(days=3),
        **kw,
    )
    booking = bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    bookings.confirm(expert, booking)
    return booking


def paid(organiser, booking, hours, paid_on, travel="0"):
    session = booking.assignment.sessions.get()
    log = work_hours.log_hours(
        booking.expert,
        booking,
        session,
        hours=D(hours),
        travel_costs=D(travel),
        today=session.date + datetime.timedelta(days=1),
    )
    return work_hours.approve_hours(organiser, log, paid_on=paid_on)


@pytest.fixture
def past_booking(organiser, expert, municipality):
    # Sessions in the past (hours are logged after a session), booked in advance.
    booking = confirmed_booking(
        organiser,
        expert,
        municipality,
        day=timezone.localdate() + datetime.timedelta(1),
    )
    booking.assignment.sessions.update(date=datetime.date(2025, 3, 3))
    return booking


def test_hours_are_logged_after_the_session_with_the_fee_worked_out(
    expert, past_booking
):
    session = past_booking.assignment.sessions.get()
    log = work_hours.log_hours(
        expert, past_booking, session, hours=D("3"), travel_costs=D("7.40")
    )
    assert log.amount == D("15.00")  # 3 hours × € 5.00
    assert log.status == WorkLog.Status.SUBMITTED
    with pytest.raises(Refused, match="already logged"):
        work_hours.log_hours(expert, past_booking, session, hours=D("3"))


def test_hours_cannot_be_logged_before_the_session(organiser, expert, municipality):
    booking = confirmed_booking(
        organiser,
        expert,
        municipality,
        day=timezone.localdate() + datetime.timedelta(5),
    )
    with pytest.raises(Refused, match="after the session"):
        work_hours.log_hours(
            expert, booking, booking.assignment.sessions.get(), hours=D("2")
        )


def test_a_fixed_fee_is_paid_per_session(organiser, expert, municipality):
    booking = confirmed_booking(
        organiser,
        expert,
        municipality,
        day=timezone.localdate() + datetime.timedelta(1),
        fee="40.00",
        fee_type=Assignment.FeeType.FIXED,
    )
    booking.assignment.sessions.update(date=datetime.date(2025, 3, 3))
    log = work_hours.log_hours(
        expert, booking, booking.assignment.sessions.get(), hours=D("2.5")
    )
    assert log.amount == D("40.00")


def test_travel_costs_only_when_the_assignment_pays_them(
    organiser, expert, municipality
):
    booking = confirmed_booking(
        organiser,
        expert,
        municipality,
        day=timezone.localdate() + datetime.timedelta(1),
        travel_reimbursed=False,
    )
    booking.assignment.sessions.update(date=datetime.date(2025, 3, 3))
    with pytest.raises(Refused, match="not paid"):
        work_hours.log_hours(
            expert,
            booking,
            booking.assignment.sessions.get(),
            hours=D("2"),
            travel_costs=D("5"),
        )


def test_returned_hours_need_a_reason_and_can_be_sent_again(
    organiser, expert, past_booking, mailoutbox
):
    session = past_booking.assignment.sessions.get()
    log = work_hours.log_hours(expert, past_booking, session, hours=D("8"))
    with pytest.raises(Refused, match="why"):
        work_hours.return_hours(organiser, log, "   ")
    work_hours.return_hours(organiser, log, "Het waren 3 uur.")
    assert log.status == WorkLog.Status.RETURNED
    assert any(
        "returned" in mail.subject.lower() or "terug" in mail.subject.lower()
        for mail in mailoutbox
    )

    again = work_hours.log_hours(expert, past_booking, session, hours=D("3"))
    assert again.pk == log.pk and again.status == WorkLog.Status.SUBMITTED
    work_hours.approve_hours(organiser, again, paid_on=datetime.date(2025, 3, 10))
    with pytest.raises(Refused):
        work_hours.return_hours(organiser, again, "Toch niet")


def test_statement_counts_two_organisations_in_one_month(
    organiser, other_organiser, expert, municipality, other_municipality
):
    """€ 150 from one municipality and € 75 from another in the same month: each
    stays under € 210, together they do not, so nothing is tax-free (2025)."""
    tomorrow = timezone.localdate() + datetime.timedelta(1)
    one = confirmed_booking(organiser, expert, municipality, day=tomorrow, fee="50")
    two = confirmed_booking(
        other_organiser,
        expert,
        other_municipality,
        day=tomorrow + datetime.timedelta(1),
        fee="25",
        fee_type=Assignment.FeeType.FIXED,
    )
    for booking in (one, two):
        booking.assignment.sessions.update(date=datetime.date(2025, 4, 1))
    paid(organiser, one, "3", datetime.date(2025, 4, 10))  # 150, 50/h: over 5.60
    one_only = statements.year_verdict(expert, 2025).verdict
    assert {item.limit for item in one_only.exceeded} == {"hourly_21_plus"}

    paid(other_organiser, two, "3", datetime.date(2025, 4, 20))  # fixed: 25
    statement = statements.booking_statement(two)
    verdict = statement.verdicts[0].verdict
    assert not verdict.tax_free
    assert verdict.total == D("175.00")
    # Same with hourly fees within the limit, to see the monthly total alone:
    WorkLog.objects.filter(booking=one).update(amount=D("190"), hours=D("40"))
    verdict = statements.year_verdict(expert, 2025).verdict
    assert [item.limit for item in verdict.exceeded] == ["monthly"]
    assert verdict.exceeded[0].month == datetime.date(2025, 4, 1)
    assert verdict.exceeded[0].value == D("215.00")


def test_the_under_21_rate_uses_the_age_on_the_payment_date(organiser, municipality):
    from .conftest import make_expert

    young = make_expert(name="Jip Jong", born=datetime.date(2005, 6, 1)).user
    booking = confirmed_booking(
        organiser,
        young,
        municipality,
        day=timezone.localdate() + datetime.timedelta(1),
        fee="4.00",
    )
    booking.assignment.sessions.update(date=datetime.date(2025, 3, 3))
    paid(organiser, booking, "3", datetime.date(2025, 3, 5))  # 19 years old

    verdict = statements.year_verdict(young, 2025).verdict
    assert [(e.limit, e.value, e.maximum) for e in verdict.exceeded] == [
        ("hourly_under_21", D("4.00"), D("3.30"))
    ]


def test_a_year_without_limits_makes_no_claim(organiser, expert, past_booking):
    work_hours.log_hours(
        expert, past_booking, past_booking.assignment.sessions.get(), hours=D("2")
    )
    log = past_booking.work_logs.get()
    work_hours.approve_hours(organiser, log, paid_on=datetime.date(2026, 1, 5))
    result = statements.year_verdict(expert, 2026)
    assert result.limits_missing and result.verdict is None
    assert result.payments == 1


def test_freelancers_are_not_counted_for_the_allowance(organiser, expert, past_booking):
    Booking.objects.filter(pk=past_booking.pk).update(pay_mode="freelancer")
    past_booking.refresh_from_db()
    work_hours.approve_hours(
        organiser,
        work_hours.log_hours(
            expert, past_booking, past_booking.assignment.sessions.get(), hours=D("9")
        ),
        paid_on=datetime.date(2025, 3, 5),
    )
    assert statements.allowance_payments(expert, 2025) == []
    assert statements.year_statement(expert, 2025).fees == D("45.00")


def test_the_year_statement_adds_up_approved_hours_only(
    organiser, expert, past_booking
):
    log = work_hours.log_hours(
        expert,
        past_booking,
        past_booking.assignment.sessions.get(),
        hours=D("2"),
        travel_costs=D("6.50"),
    )
    assert statements.year_statement(expert, 2025).fees == D("0")
    work_hours.approve_hours(organiser, log, paid_on=datetime.date(2025, 3, 5))
    statement = statements.year_statement(expert, 2025)
    assert (statement.fees, statement.travel, statement.total) == (
        D("10.00"),
        D("6.50"),
        D("16.50"),
    )
    assert statement.verdicts[0].verdict.tax_free


def test_deleting_the_account_keeps_the_bookkeeping_without_the_person(
    organiser, expert, past_booking
):
    from inspraak.privacy.services import erase_account

    log = work_hours.log_hours(
        expert, past_booking, past_booking.assignment.sessions.get(), hours=D("2")
    )
    work_hours.approve_hours(organiser, log, paid_on=datetime.date(2025, 3, 5))
    erase_account(expert)

    log.refresh_from_db()
    past_booking.refresh_from_db()
    assert log.status == WorkLog.Status.APPROVED and log.amount == D("10.00")
    assert log.expert is None and past_booking.expert is None
    assert past_booking.retain_until.year == timezone.localdate().year + 7
    assert not ExpertProfile.objects.exists()  # health data is gone
    assert retention.purge_retained(past_booking.retain_until) == 0
    assert (
        retention.purge_retained(past_booking.retain_until + datetime.timedelta(days=1))
        == 1
    )
