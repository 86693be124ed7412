"""The volunteer allowance (vrijwilligersvergoeding) as a pure function.

Belastingdienst rule (the volunteer exception of Wet LB 1964 art. 2 lid 3
onderdeel c, with the limits the Belastingdienst publishes each year): an allowance
to a volunteer stays free of wage and income tax only while it stays within every
limit: an hourly maximum when an hourly fee was agreed (a lower one under 21), a
monthly maximum and a yearly maximum. The limits count the person's total over all
organisations. Above any limit the WHOLE amount is taxable, not only the part above
it. docs/domain.md ("Paying experience experts") holds the figures; the platform keeps
them as data per year (the admin maintains them) and `KNOWN_LIMITS` has the
published ones for data migrations and tests.

Amounts exactly at a limit are within it. Money is `Decimal` throughout; a float is
refused with TypeError so that rounding errors cannot creep into a tax verdict.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_UP, Decimal
from typing import Protocol

HOURLY_21_PLUS = "hourly_21_plus"
HOURLY_UNDER_21 = "hourly_under_21"
MONTHLY = "monthly"
YEARLY = "yearly"
LIMIT_NAMES = (HOURLY_21_PLUS, HOURLY_UNDER_21, MONTHLY, YEARLY)

ADULT_RATE_AGE = 21  # the hourly maximum for 21 and older; a lower one below
CENT = Decimal("0.01")


class LimitFigures(Protocol):
    """A year's limits: `Limits` below, or the app's `AllowanceLimits` model."""

    hourly_21_plus: Decimal
    hourly_under_21: Decimal
    monthly: Decimal
    yearly: Decimal


def _as_decimal(value: object, name: str) -> Decimal:
    """`value` as Decimal; ints and numeric strings pass, floats never do."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}.")


@dataclass(frozen=True)
class Limits:
    """The four limits of one year, in euros."""

    hourly_21_plus: Decimal
    hourly_under_21: Decimal
    monthly: Decimal
    yearly: Decimal


# Published by the Belastingdienst (docs/domain.md). 2026: not verified yet, so absent.
KNOWN_LIMITS: dict[int, Limits] = {
    2023: Limits(Decimal("5.00"), Decimal("2.75"), Decimal("190"), Decimal("1900")),
    2024: Limits(Decimal("5.50"), Decimal("3.25"), Decimal("210"), Decimal("2100")),
    2025: Limits(Decimal("5.60"), Decimal("3.30"), Decimal("210"), Decimal("2100")),
}


@dataclass(frozen=True)
class Payment:
    """One allowance paid to the expert by any organisation.

    `hours` is None when no hourly fee was agreed (a fixed fee): then the hourly
    limit does not apply to this payment. `age` is the expert's age on `paid_on`
    (see `inspraak.core.dates.age_on`). `amount` is what counts towards the limits;
    whether a cost reimbursement belongs in it is for the caller to decide.
    """

    paid_on: date
    amount: Decimal
    hours: Decimal | None
    age: int

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Payment.amount must be a Decimal.")
        if self.amount < 0:
            raise ValueError("Payment.amount cannot be negative.")
        if self.hours is not None:
            if not isinstance(self.hours, Decimal):
                raise TypeError("Payment.hours must be a Decimal or None.")
            if self.hours <= 0:
                raise ValueError("Payment.hours must be positive, or None.")
        if self.age < 0:
            raise ValueError("Payment.age cannot be negative.")


@dataclass(frozen=True)
class Exceeded:
    """A limit that was exceeded, in the month it happened (first day of the month).

    `value` is the hourly rate (rounded up to the cent) or the total that went over;
    `maximum` is the limit.
    """

    limit: str
    month: date
    value: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class Verdict:
    """Whether the year's payments stay tax-free, and every limit they exceeded."""

    tax_free: bool
    exceeded: tuple[Exceeded, ...]
    total: Decimal
    monthly_totals: dict[date, Decimal] = field(default_factory=dict)


def _month(day: date) -> date:
    return day.replace(day=1)


def _hourly_limit(age: int) -> str:
    return HOURLY_21_PLUS if age >= ADULT_RATE_AGE else HOURLY_UNDER_21


def allowance_verdict(limits: LimitFigures, payments: Iterable[Payment]) -> Verdict:
    """Judge one calendar year of allowances to one expert against the volunteer
    allowance limits (Belastingdienst, vrijwilligersvergoeding).

    Pass every payment of one calendar year, from all organisations, and that year's
    `limits`; payments from several years raise ValueError. The verdict lists each
    hourly breach once per month and limit (with the month's highest rate), each
    month over the monthly limit, and the yearly limit once, in the month the running
    total first went over it. Above any limit nothing is tax-free.
    """
    maxima = {name: _as_decimal(getattr(limits, name), name) for name in LIMIT_NAMES}
    ordered: Sequence[Payment] = sorted(payments, key=lambda p: p.paid_on)
    years = {payment.paid_on.year for payment in ordered}
    if len(years) > 1:
        raise ValueError(
            "Pass the payments of one calendar year; got "
            + ", ".join(str(year) for year in sorted(years))
            + "."
        )

    monthly_totals: dict[date, Decimal] = {}
    highest_rates: dict[tuple[str, date], Decimal] = {}
    for payment in ordered:
        month = _month(payment.paid_on)
        monthly_totals[month] = monthly_totals.get(month, Decimal(0)) + payment.amount
        if payment.hours is None:
            continue
        limit = _hourly_limit(payment.age)
        # Compare without rounding: 5.6001 an hour is over a limit of 5.60.
        if payment.amount > maxima[limit] * payment.hours:
            rate = (payment.amount / payment.hours).quantize(CENT, rounding=ROUND_UP)
            key = (limit, month)
            highest_rates[key] = max(rate, highest_rates.get(key, rate))

    exceeded: list[Exceeded] = [
        Exceeded(limit, month, rate, maxima[limit])
        for (limit, month), rate in highest_rates.items()
    ]
    running = Decimal(0)
    yearly_seen = False
    for month, month_total in monthly_totals.items():
        if month_total > maxima[MONTHLY]:
            exceeded.append(Exceeded(MONTHLY, month, month_total, maxima[MONTHLY]))
        running += month_total
        if not yearly_seen and running > maxima[YEARLY]:
            exceeded.append(Exceeded(YEARLY, month, running, maxima[YEARLY]))
            yearly_seen = True

    exceeded.sort(key=lambda item: (item.month, LIMIT_NAMES.index(item.limit)))
    return Verdict(
        tax_free=not exceeded,
        exceeded=tuple(exceeded),
        total=running,
        monthly_totals=monthly_totals,
    )
