"""What was paid (vergoedingsoverzicht) for a booking or a year, with the verdict
on the volunteer allowance limits."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from inspraak.core.dates import age_on, anniversary

from ..allowance import Payment, Verdict, allowance_verdict
from ..models import AllowanceLimits, Assignment, Booking, ExpertProfile, WorkLog
from ..models.common import PayMode

# Sums of money (and of hours) over many rows: wider than any one column.
MONEY = DecimalField(max_digits=14, decimal_places=2)
CENT = Decimal("0.01")


def _cents(total: Decimal) -> Decimal:
    """A sum of amounts in cents, as cents. SQLite sums decimals as floats; the
    columns hold cents, so rounding to the cent gives the exact sum back."""
    return total.quantize(CENT)


LIMIT_LABELS = {
    "hourly_21_plus": gettext_lazy("per hour (21 or older)"),
    "hourly_under_21": gettext_lazy("per hour (under 21)"),
    "monthly": gettext_lazy("per month"),
    "yearly": gettext_lazy("per year"),
}


@dataclass
class YearVerdict:
    """The allowance verdict for one calendar year, or why there is none."""

    year: int
    limits: AllowanceLimits | None
    verdict: Verdict | None
    payments: int = 0
    missing_date_of_birth: bool = False

    @property
    def limits_missing(self) -> bool:
        return self.limits is None

    def exceeded_rows(self) -> list[dict]:
        """The exceeded limits with a readable name, for the statement."""
        if self.verdict is None:
            return []
        return [
            {
                "label": LIMIT_LABELS[item.limit],
                "month": item.month,
                "value": item.value,
                "maximum": item.maximum,
                "hourly": item.limit in ("hourly_21_plus", "hourly_under_21"),
            }
            for item in self.verdict.exceeded
        ]


def _allowance_logs(user, year: int) -> QuerySet[WorkLog]:
    """The hours that count towards `user`'s volunteer allowance in `year`: every
    approved allowance paid by any organisation on the platform (the limits count
    the total, docs/domain.md). Travel costs paid against receipts do not count."""
    return WorkLog.objects.filter(
        booking__expert=user,
        booking__pay_mode=PayMode.VOLUNTEER,
        status=WorkLog.Status.APPROVED,
        paid_on__year=year,
    )


def _date_of_birth(user) -> datetime.date | None:
    return (
        ExpertProfile.objects.filter(user=user)
        .values_list("date_of_birth", flat=True)
        .first()
    )


def allowance_payments(user, year: int) -> list[Payment]:
    """Every approved volunteer allowance paid to `user` in `year`, one Payment a
    session (`_allowance_logs`)."""
    born = _date_of_birth(user)
    rows = _allowance_logs(user, year).values_list(
        "paid_on", "amount", "hours", "booking__fee_type"
    )
    return [
        Payment(
            paid_on=paid_on,
            amount=amount,
            hours=hours if fee_type == Assignment.FeeType.HOURLY else None,
            age=age_on(born, paid_on) if born else 99,
        )
        for paid_on, amount, hours, fee_type in rows
    ]


def _payment_groups(user, year: int) -> tuple[list[Payment], int]:
    """The year's allowance payments summed in the database by month, by the hourly
    fee and hours paid, and by the side of the expert's birthday they fall on; and
    how many payments there were.

    `allowance_verdict` gives the same verdict for these sums as for the payments
    one by one: a month's total is the same; payments of the same amount for the
    same hours have the same rate, and so does their sum (n·a / n·h); and the age,
    hence the hourly limit, is the same for every payment on one side of the
    birthday. So a year of sessions is a few hundred rows at most."""
    born = _date_of_birth(user)
    logs = _allowance_logs(user, year).order_by()
    if born:
        birthday = anniversary(born, year - born.year)
        logs = logs.annotate(
            before_birthday=ExpressionWrapper(
                Q(paid_on__lt=birthday), output_field=BooleanField()
            )
        )
    else:
        logs = logs.annotate(before_birthday=Value(False))
    rows = (
        logs.annotate(month=TruncMonth("paid_on"))
        .values("month", "before_birthday", "booking__fee_type", "amount", "hours")
        .annotate(
            first_paid_on=Min("paid_on"),
            payments=Count("pk"),
            total=Sum("amount", output_field=MONEY),
            total_hours=Sum("hours", output_field=MONEY),
        )
    )
    groups = [
        Payment(
            paid_on=row["first_paid_on"],
            amount=_cents(row["total"]),
            hours=_cents(row["total_hours"])
            if row["booking__fee_type"] == Assignment.FeeType.HOURLY
            else None,
            age=age_on(born, row["first_paid_on"]) if born else 99,
        )
        for row in rows
    ]
    return groups, sum(row["payments"] for row in rows)


def year_verdict(user, year: int) -> YearVerdict:
    limits = AllowanceLimits.objects.filter(year=year).first()
    payments, count = _payment_groups(user, year)
    missing_birth = not ExpertProfile.objects.filter(user=user).exists()
    if limits is None:
        return YearVerdict(year, None, None, count, missing_birth)
    return YearVerdict(
        year, limits, allowance_verdict(limits, payments), count, missing_birth
    )


@dataclass
class Statement:
    """What was paid (vergoedingsoverzicht) for a booking or for a year: the totals
    over all its hours, summed in the database, and `logs`, the hours themselves as
    a query to page through."""

    logs: QuerySet[WorkLog]
    count: int = 0
    fees: Decimal = Decimal("0")
    travel: Decimal = Decimal("0")
    pending: Decimal = Decimal("0")
    volunteer: int = 0  # hours paid as volunteer allowance
    verdicts: list[YearVerdict] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.fees + self.travel


def _statement(logs: QuerySet[WorkLog]) -> Statement:
    """The statement of `logs`: approved hours are paid, submitted ones pending."""
    approved = Q(status=WorkLog.Status.APPROVED)
    zero = Value(Decimal("0"))
    totals = logs.order_by().aggregate(
        count=Count("pk"),
        fees=Coalesce(Sum("amount", filter=approved), zero, output_field=MONEY),
        travel=Coalesce(Sum("travel_costs", filter=approved), zero, output_field=MONEY),
        pending=Coalesce(
            Sum(
                F("amount") + F("travel_costs"),
                filter=Q(status=WorkLog.Status.SUBMITTED),
                output_field=MONEY,
            ),
            zero,
            output_field=MONEY,
        ),
        volunteer=Count("pk", filter=Q(booking__pay_mode=PayMode.VOLUNTEER)),
    )
    for name in ("fees", "travel", "pending"):
        totals[name] = _cents(totals[name])
    return Statement(logs=logs, **totals)


def booking_statement(booking: Booking) -> Statement:
    statement = _statement(
        booking.work_logs.select_related("session").order_by("session__date", "pk")
    )
    if booking.pay_mode == PayMode.VOLUNTEER and booking.expert_id:
        paid_years = booking.work_logs.filter(paid_on__isnull=False).dates(
            "paid_on", "year"
        )
        years = [day.year for day in paid_years] or [timezone.localdate().year]
        statement.verdicts = [year_verdict(booking.expert, year) for year in years]
    return statement


def year_statement(user, year: int) -> Statement:
    statement = _statement(
        WorkLog.objects.filter(
            booking__expert=user,
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .select_related("session", "booking__assignment__organisation")
        .order_by("paid_on", "pk")
    )
    if statement.volunteer or not statement.count:
        statement.verdicts = [year_verdict(user, year)]
    return statement
