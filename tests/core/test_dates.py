"""One rule for periods in years: an anniversary that does not exist falls on 1 March."""

from datetime import date

import pytest

from inspraak.core.dates import age_on, anniversary


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2026, 3, 1), 5, date(2031, 3, 1)),
        (date(2026, 11, 30), 7, date(2033, 11, 30)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),  # a leap year again
        (date(2024, 2, 29), 5, date(2029, 3, 1)),  # no 29 February: 1 March
        (date(2084, 2, 29), 16, date(2100, 3, 1)),  # 2100 is not a leap year
        (date(2024, 2, 29), -1, date(2023, 3, 1)),
        (date(2024, 2, 28), 1, date(2025, 2, 28)),
    ],
)
def test_anniversary(day, years, expected):
    assert anniversary(day, years) == expected


@pytest.mark.parametrize(
    ("born", "day", "expected"),
    [
        (date(2010, 6, 15), date(2026, 6, 14), 15),
        (date(2010, 6, 15), date(2026, 6, 15), 16),
        (date(2004, 2, 29), date(2025, 2, 28), 20),
        (date(2004, 2, 29), date(2025, 3, 1), 21),
        (date(2004, 2, 29), date(2028, 2, 28), 23),
        (date(2004, 2, 29), date(2028, 2, 29), 24),
        (date(2026, 11, 30), date(2026, 11, 30), 0),
    ],
)
def test_age_on(born, day, expected):
    assert age_on(born, day) == expected


@pytest.mark.parametrize(
    "born", [date(2004, 2, 29), date(2009, 12, 31), date(2010, 1, 1)]
)
def test_age_and_anniversary_agree(born):
    """Whoever is N years old has reached their Nth anniversary, and not a day sooner."""
    for years in range(1, 30):
        turning = anniversary(born, years)
        assert age_on(born, turning) == years
        assert age_on(born, turning.fromordinal(turning.toordinal() - 1)) == years - 1
