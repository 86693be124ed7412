"""Money at volume (issue 14): the allowance verdict from sums in the database is the
verdict of the payments one by one, and the finance CSV streams plain rows."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from experience_experts.allowance import allowance_verdict
from experience_experts.models import (
    AllowanceLimits,
    ExpertProfile,
    Session,
    WorkLog,
)
from experience_experts.services import statements

from .conftest import make_expert
from .volume import add_hours, consume, counted, last_year, year_booking

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def limits():
    AllowanceLimits.objects.filter(year=last_year()).delete()
    return AllowanceLimits.objects.create(
        year=last_year(),
        hourly_21_plus=D("5.60"),
        hourly_under_21=D("3.30"),
        monthly=D("210"),
        yearly=D("800"),  # low, so that the year goes over it
    )


@pytest.mark.parametrize(
    "born",
    [
        pytest.param(datetime.date(1990, 1, 1), id="adult"),
        pytest.param("turns 21 on 20 January", id="turns 21 in the year"),
        pytest.param("leap day, turns 21", id="born on 29 February"),
        pytest.param(None, id="no date of birth"),
    ],
)
def test_the_verdict_from_sums_is_the_verdict_of_every_payment(
    organiser, municipality, limits, born
):
    year = last_year()
    if born == "turns 21 on 20 January":
        # The dear booking's hours are paid in January, before and after.
        born = datetime.date(year - 21, 1, 20)
    elif born == "leap day, turns 21":
        born = datetime.date(2004, 2, 29).replace(year=year - 21 - (year - 21) % 4)
    expert = make_expert(born=born or datetime.date(1990, 1, 1)).user
    if born is None:  # no profile (deleted): no age, the adult limits
        ExpertProfile.objects.filter(user=expert).delete()
    cheap = year_booking(organiser, expert, municipality)
    dear = year_booking(organiser, expert, municipality, fee=D("30.00"), title="Duur")
    add_hours(cheap, 150, approver=organiser)
    add_hours(dear, 30, approver=organiser)

    payments = statements.allowance_payments(expert, year)
    result = statements.year_verdict(expert, year)

    assert result.verdict == allowance_verdict(limits, payments)
    assert result.payments == len(payments) == 60
    assert {item.limit for item in result.verdict.exceeded} >= {"monthly", "yearly"}
    if born and born.year == year - 21 and born.month == 1:
        assert {"hourly_under_21", "hourly_21_plus"} <= {
            item.limit for item in result.verdict.exceeded if item.month.month == 1
        }


def test_hours_paid_either_side_of_the_21st_birthday_are_judged_apart(
    organiser, municipality, limits
):
    year = last_year()
    expert = make_expert(born=datetime.date(year - 21, 1, 20)).user
    booking = year_booking(organiser, expert, municipality, fee=D("6.00"))
    for day in (15, 24):  # the same hours, the same fee: one sum in the database
        session = Session.objects.create(
            assignment=booking.assignment,
            date=datetime.date(year, 1, day - 2),
            starts_at=datetime.time(10),
            ends_at=datetime.time(12),
        )
        WorkLog.objects.create(
            booking=booking,
            session=session,
            expert=expert,
            hours=D("2"),
            amount=D("12.00"),
            status=WorkLog.Status.APPROVED,
            paid_on=datetime.date(year, 1, day),
        )

    verdict = statements.year_verdict(expert, year).verdict

    assert verdict == allowance_verdict(
        limits, statements.allowance_payments(expert, year)
    )
    assert [(item.limit, item.value) for item in verdict.exceeded] == [
        ("hourly_21_plus", D("6.00")),  # paid on the 24th, at 21
        ("hourly_under_21", D("6.00")),  # paid on the 15th, at 20
    ]


def test_the_statement_totals_are_exact_cents(organiser, expert, municipality):
    booking = year_booking(organiser, expert, municipality, fee=D("5.55"))
    add_hours(booking, 90, approver=organiser)
    approved = booking.work_logs.filter(status=WorkLog.Status.APPROVED)
    waiting = booking.work_logs.filter(status=WorkLog.Status.SUBMITTED)

    statement = statements.booking_statement(booking)

    assert statement.count == 90
    assert statement.fees == sum(log.amount for log in approved)
    assert statement.travel == sum(log.travel_costs for log in approved)
    assert statement.pending == sum(log.amount + log.travel_costs for log in waiting)
    assert all(
        total.as_tuple().exponent == -2
        for total in (statement.fees, statement.travel, statement.pending)
    )


def finance_rows(client, year) -> tuple[int, list[list[str]], object]:
    queries, response, body = counted(
        client, f"/ervaringsdeskundigen/export/?year={year}"
    )
    return (
        queries,
        list(csv.reader(io.StringIO(body.decode()), delimiter=";")),
        response,
    )


def test_the_finance_csv_streams_the_same_rows_in_as_many_queries(
    client, organiser, expert, municipality
):
    expert.display_name = "Eva Expert"
    expert.save()
    booking = year_booking(organiser, expert, municipality, fee=D("5.55"))
    former = year_booking(
        organiser, make_expert(name="Weg").user, municipality, title="Oud"
    )
    add_hours(booking, 3, approver=organiser)
    add_hours(former, 3, approver=organiser)
    former.expert.delete()  # the booking stays, without the person
    client.force_login(organiser)

    few, rows, response = finance_rows(client, last_year())

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    log = booking.work_logs.get(status=WorkLog.Status.APPROVED)
    assert rows[0][:3] == ["booking", "assignment", "expert"]
    assert len(rows) == 3  # the header and one approved row of each booking
    assert rows[1] == [
        booking.invoice_number,
        "Een jaar meedenken",
        "Eva Expert",
        "Vrijwilligersvergoeding",
        "",
        log.session.date.isoformat(),
        str(log.hours),
        str(log.amount),
        str(log.travel_costs),
        str(log.amount + log.travel_costs),
        log.paid_on.isoformat(),
        organiser.display_name,
    ]
    with translation.override("nl"):
        assert rows[2][1:3] == ["Oud", gettext("former member")]

    add_hours(booking, 27, approver=organiser)
    many, rows, _ = finance_rows(client, last_year())
    assert len(rows) == 1 + 10 + 1
    assert few == many


def test_the_finance_csv_is_written_in_the_language_of_the_request(
    client, organiser, expert, municipality
):
    booking = year_booking(organiser, expert, municipality)
    add_hours(booking, 3, approver=organiser)
    client.force_login(organiser)
    url = f"/en/ervaringsdeskundigen/export/?year={last_year()}"

    response = client.get(url)
    with translation.override("nl"):  # what may be active while the file is written
        rows = list(csv.reader(io.StringIO(consume(response).decode()), delimiter=";"))

    assert rows[1][3] == "Volunteer allowance"
