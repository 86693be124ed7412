"""The volunteer allowance rule, table-driven with the 2025 limits: 5.60 an hour
from 21, 3.30 an hour under 21, 210 a month, 2,100 a year (docs/domain.md)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from experience_experts.allowance import (
    KNOWN_LIMITS,
    Exceeded,
    Limits,
    Payment,
    allowance_verdict,
)
from inspraak.core.dates import age_on

LIMITS_2025 = KNOWN_LIMITS[2025]


def pay(day: str, amount: str, hours: str | None = None, age: int = 30) -> Payment:
    return Payment(
        paid_on=date.fromisoformat(day),
        amount=Decimal(amount),
        hours=None if hours is None else Decimal(hours),
        age=age,
    )


def every_month(amount: str, months: int) -> list[Payment]:
    return [pay(f"2025-{month:02d}-15", amount) for month in range(1, months + 1)]


def breach(limit: str, month: int, value: str, maximum: str) -> Exceeded:
    return Exceeded(limit, date(2025, month, 1), Decimal(value), Decimal(maximum))


CASES = [
    pytest.param([], [], id="no payments: nothing to tax"),
    pytest.param([pay("2025-03-10", "150")], [], id="fixed fee within the limits"),
    # Hourly limit, 21 and older.
    pytest.param(
        [pay("2025-03-10", "56.00", "10")], [], id="hourly 21+: exactly 5.60 is within"
    ),
    pytest.param(
        [pay("2025-03-10", "56.10", "10")],
        [breach("hourly_21_plus", 3, "5.61", "5.60")],
        id="hourly 21+: 5.61 is over",
    ),
    pytest.param(
        [pay("2025-03-10", "56.01", "10")],
        [breach("hourly_21_plus", 3, "5.61", "5.60")],
        id="hourly 21+: 5.601 is over and shows rounded up",
    ),
    pytest.param(
        [pay("2025-03-03", "60", "10"), pay("2025-03-20", "80", "10")],
        [breach("hourly_21_plus", 3, "8.00", "5.60")],
        id="hourly 21+: two breaches in a month listed once at the highest rate",
    ),
    pytest.param(
        [pay("2025-03-03", "60", "10"), pay("2025-04-20", "70", "10")],
        [
            breach("hourly_21_plus", 3, "6.00", "5.60"),
            breach("hourly_21_plus", 4, "7.00", "5.60"),
        ],
        id="hourly 21+: a breach in each of two months",
    ),
    # Hourly limit under 21.
    pytest.param(
        [pay("2025-03-10", "33.00", "10", age=20)],
        [],
        id="hourly under 21: exactly 3.30 is within",
    ),
    pytest.param(
        [pay("2025-03-10", "33.01", "10", age=20)],
        [breach("hourly_under_21", 3, "3.31", "3.30")],
        id="hourly under 21: 3.301 is over",
    ),
    pytest.param(
        [pay("2025-03-10", "50", "10", age=20)],
        [breach("hourly_under_21", 3, "5.00", "3.30")],
        id="hourly under 21: 5.00 is fine at 21 but over at 20",
    ),
    pytest.param(
        [pay("2025-03-10", "50", "10", age=21)],
        [],
        id="hourly: at 21 the adult rate applies",
    ),
    pytest.param(
        [pay("2025-03-10", "200", age=17)],
        [],
        id="no hourly fee agreed: no hourly check, even under 21",
    ),
    pytest.param(
        [pay("2025-03-10", "200"), pay("2025-03-12", "10", "1")],
        [breach("hourly_21_plus", 3, "10.00", "5.60")],
        id="hourly check only on the payment with an hourly fee",
    ),
    # Monthly limit, counted over all organisations.
    pytest.param(
        [pay("2025-05-31", "210.00")], [], id="monthly: exactly 210 is within"
    ),
    pytest.param(
        [pay("2025-05-31", "210.01")],
        [breach("monthly", 5, "210.01", "210")],
        id="monthly: 210.01 is over",
    ),
    pytest.param(
        [pay("2025-05-02", "120"), pay("2025-05-28", "100")],
        [breach("monthly", 5, "220", "210")],
        id="monthly: two organisations in one month are added up",
    ),
    pytest.param(
        [pay("2025-05-31", "120"), pay("2025-06-01", "100")],
        [],
        id="monthly: two organisations in two months stay within",
    ),
    pytest.param(
        [pay("2025-05-02", "300"), pay("2025-08-02", "250")],
        [breach("monthly", 5, "300", "210"), breach("monthly", 8, "250", "210")],
        id="monthly: every month over the limit is listed",
    ),
    # Yearly limit.
    pytest.param(every_month("210", 10), [], id="yearly: exactly 2,100 is within"),
    pytest.param(
        every_month("200", 11),
        [breach("yearly", 11, "2200", "2100")],
        id="yearly: over in November without any month over",
    ),
    pytest.param(
        every_month("200", 12),
        [breach("yearly", 11, "2200", "2100")],
        id="yearly: listed once, in the month it first went over",
    ),
    pytest.param(
        [*every_month("190", 11), pay("2025-12-01", "200", "10")],
        [
            breach("hourly_21_plus", 12, "20.00", "5.60"),
            breach("yearly", 12, "2290", "2100"),
        ],
        id="yearly and hourly in the same month",
    ),
    pytest.param(
        [
            pay("2025-01-10", "250", "10"),
            pay("2025-02-10", "100", "10", age=20),
            *[pay(f"2025-{month:02d}-10", "200") for month in range(3, 13)],
        ],
        [
            breach("hourly_21_plus", 1, "25.00", "5.60"),
            breach("monthly", 1, "250", "210"),
            breach("hourly_under_21", 2, "10.00", "3.30"),
            breach("yearly", 11, "2150", "2100"),
        ],
        id="every limit at once, in order of month",
    ),
]


@pytest.mark.parametrize(("payments", "exceeded"), CASES)
def test_allowance_verdict(payments, exceeded):
    verdict = allowance_verdict(LIMITS_2025, payments)

    assert verdict.exceeded == tuple(exceeded)
    assert verdict.tax_free is (not exceeded)
    assert verdict.total == sum((p.amount for p in payments), Decimal(0))


def test_above_any_limit_the_whole_amount_is_taxable():
    verdict = allowance_verdict(
        LIMITS_2025, [pay("2025-01-10", "100"), pay("2025-02-10", "211")]
    )

    assert verdict.tax_free is False
    assert verdict.total == Decimal("311")


def test_monthly_totals_per_month_in_order_from_all_organisations():
    payments = [
        pay("2025-06-30", "40"),
        pay("2025-02-01", "100"),
        pay("2025-02-27", "50.50"),
    ]

    verdict = allowance_verdict(LIMITS_2025, payments)

    assert verdict.monthly_totals == {
        date(2025, 2, 1): Decimal("150.50"),
        date(2025, 6, 1): Decimal("40"),
    }
    assert list(verdict.monthly_totals) == [date(2025, 2, 1), date(2025, 6, 1)]


def test_no_payments_is_tax_free_with_nothing_paid():
    verdict = allowance_verdict(LIMITS_2025, [])

    assert verdict.tax_free is True
    assert verdict.total == Decimal(0)
    assert verdict.monthly_totals == {}


def test_expert_turning_21_mid_year_gets_the_adult_rate_from_the_birthday():
    born_on = date(2004, 7, 15)
    payments = [
        pay(day, "50", "10", age=age_on(born_on, date.fromisoformat(day)))
        for day in ("2025-06-20", "2025-07-14", "2025-07-15", "2025-08-20")
    ]

    verdict = allowance_verdict(LIMITS_2025, payments)

    assert [p.age for p in payments] == [20, 20, 21, 21]
    assert verdict.exceeded == (
        breach("hourly_under_21", 6, "5.00", "3.30"),
        breach("hourly_under_21", 7, "5.00", "3.30"),
    )


def test_both_hourly_limits_in_the_month_of_the_21st_birthday():
    payments = [pay("2025-07-01", "40", "10", age=20), pay("2025-07-31", "57", "10")]

    verdict = allowance_verdict(LIMITS_2025, payments)

    assert verdict.exceeded == (
        breach("hourly_21_plus", 7, "5.70", "5.60"),
        breach("hourly_under_21", 7, "4.00", "3.30"),
    )


def test_payments_from_several_years_are_refused():
    with pytest.raises(ValueError, match="one calendar year"):
        allowance_verdict(
            LIMITS_2025, [pay("2025-12-31", "10"), pay("2026-01-01", "10")]
        )


def test_the_years_limits_decide():
    payments = [pay("2023-05-10", "200")]

    assert allowance_verdict(KNOWN_LIMITS[2023], payments).exceeded == (
        Exceeded("monthly", date(2023, 5, 1), Decimal("200"), Decimal("190")),
    )
    assert allowance_verdict(KNOWN_LIMITS[2024], payments).tax_free is True


def test_known_limits_are_the_published_figures():
    published = {
        2023: Limits(Decimal("5.00"), Decimal("2.75"), Decimal("190"), Decimal("1900")),
        2024: Limits(Decimal("5.50"), Decimal("3.25"), Decimal("210"), Decimal("2100")),
        2025: Limits(Decimal("5.60"), Decimal("3.30"), Decimal("210"), Decimal("2100")),
    }

    assert published == KNOWN_LIMITS


def test_any_object_with_the_four_limits_will_do():
    # The app's AllowanceLimits model has the same four attributes.
    row = SimpleNamespace(
        year=2025,
        hourly_21_plus=Decimal("5.60"),
        hourly_under_21=Decimal("3.30"),
        monthly=Decimal("210.00"),
        yearly=Decimal("2100.00"),
    )

    verdict = allowance_verdict(row, [pay("2025-05-02", "210.01")])

    assert verdict.exceeded == (breach("monthly", 5, "210.01", "210.00"),)


def test_float_limits_are_refused():
    row = SimpleNamespace(
        hourly_21_plus=5.6, hourly_under_21=3.3, monthly=210, yearly=2100
    )

    with pytest.raises(TypeError):
        allowance_verdict(row, [])


@pytest.mark.parametrize(
    ("amount", "hours", "age", "error"),
    [
        pytest.param(10.5, None, 30, TypeError, id="float amount"),
        pytest.param(Decimal("-1"), None, 30, ValueError, id="negative amount"),
        pytest.param(Decimal("10"), Decimal("0"), 30, ValueError, id="zero hours"),
        pytest.param(Decimal("10"), 2.5, 30, TypeError, id="float hours"),
        pytest.param(Decimal("10"), None, -1, ValueError, id="negative age"),
    ],
)
def test_invalid_payments_are_refused(amount, hours, age, error):
    with pytest.raises(error):
        Payment(paid_on=date(2025, 1, 1), amount=amount, hours=hours, age=age)


@pytest.mark.parametrize(
    ("born_on", "day", "age"),
    [
        pytest.param(date(2004, 7, 15), date(2025, 7, 14), 20, id="day before"),
        pytest.param(date(2004, 7, 15), date(2025, 7, 15), 21, id="birthday"),
        pytest.param(date(2004, 2, 29), date(2025, 2, 28), 20, id="leap day, 28 Feb"),
        pytest.param(date(2004, 2, 29), date(2025, 3, 1), 21, id="leap day, 1 March"),
    ],
)
def test_age_on(born_on, day, age):
    assert age_on(born_on, day) == age
