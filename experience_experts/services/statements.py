"""What was paid (vergoedingsoverzicht) for a booking or a year, with the verdict
on the volunteer allowance limits."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from inspraak.core.dates import age_on

from ..allowance import Payment, Verdict, allowance_verdict
from ..models import AllowanceLimits, Booking, ExpertProfile, WorkLog
from ..models.common import PayMode

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


def allowance_payments(user, year: int) -> list[Payment]:
    """Every approved volunteer allowance paid to `user` in `year`, by any
    organisation on the platform (the limits count the total, docs/domain.md). Travel
    costs paid against receipts are not part of the allowance."""
    profile = ExpertProfile.objects.filter(user=user).first()
    born = profile.date_of_birth if profile else None
    logs = WorkLog.objects.filter(
        booking__expert=user,
        booking__pay_mode=PayMode.VOLUNTEER,
        status=WorkLog.Status.APPROVED,
        paid_on__year=year,
    ).select_related("booking")
    return [
        Payment(
            paid_on=log.paid_on,
            amount=log.amount,
            hours=log.hours if log.booking.is_hourly else None,
            age=age_on(born, log.paid_on) if born else 99,
        )
        for log in logs
    ]


def year_verdict(user, year: int) -> YearVerdict:
    limits = AllowanceLimits.objects.filter(year=year).first()
    payments = allowance_payments(user, year)
    missing_birth = not ExpertProfile.objects.filter(user=user).exists()
    if limits is None:
        return YearVerdict(year, None, None, len(payments), missing_birth)
    return YearVerdict(
        year, limits, allowance_verdict(limits, payments), len(payments), missing_birth
    )


@dataclass
class Statement:
    """What was paid (vergoedingsoverzicht) for a booking or for a year."""

    logs: list[WorkLog]
    fees: Decimal = Decimal("0")
    travel: Decimal = Decimal("0")
    pending: Decimal = Decimal("0")
    verdicts: list[YearVerdict] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.fees + self.travel


def _statement(logs: list[WorkLog]) -> Statement:
    statement = Statement(logs=logs)
    for log in logs:
        if log.status == WorkLog.Status.APPROVED:
            statement.fees += log.amount
            statement.travel += log.travel_costs
        elif log.status == WorkLog.Status.SUBMITTED:
            statement.pending += log.amount + log.travel_costs
    return statement


def booking_statement(booking: Booking) -> Statement:
    logs = list(booking.work_logs.select_related("session").order_by("session__date"))
    statement = _statement(logs)
    if booking.pay_mode == PayMode.VOLUNTEER and booking.expert_id:
        years = sorted({log.paid_on.year for log in logs if log.paid_on}) or [
            timezone.localdate().year
        ]
        statement.verdicts = [year_verdict(booking.expert, year) for year in years]
    return statement


def year_statement(user, year: int) -> Statement:
    logs = list(
        WorkLog.objects.filter(
            booking__expert=user,
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .select_related("session", "booking__assignment__organisation")
        .order_by("paid_on", "pk")
    )
    statement = _statement(logs)
    if any(log.booking.pay_mode == PayMode.VOLUNTEER for log in logs) or not logs:
        statement.verdicts = [year_verdict(user, year)]
    return statement
