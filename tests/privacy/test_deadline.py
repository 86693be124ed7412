"""The date a data-subject request must be answered: one month (AVG art. 12(3)),
counted and moved past rest days as Regulation 1182/71 art. 3 does. Weekdays worked
out by hand from the calendar (Easter 2026: 5 April)."""

from datetime import date

import pytest

from inspraak.privacy.models import data_request_deadline


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 22), date(2026, 12, 22)),  # a Tuesday: the same day
        (date(2026, 12, 15), date(2027, 1, 15)),  # over the turn of the year
        (date(2026, 2, 28), date(2026, 3, 30)),  # Saturday 28 March -> Monday
        (date(2026, 2, 1), date(2026, 3, 2)),  # Sunday 1 March -> Monday
        (date(2025, 1, 31), date(2025, 2, 28)),  # no 31 February: its last day
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday
        (date(2026, 3, 31), date(2026, 4, 30)),  # no 31 April
        (date(2026, 3, 27), date(2026, 4, 28)),  # Koningsdag (Monday 27 April)
        (date(2026, 3, 6), date(2026, 4, 7)),  # Tweede Paasdag (Monday 6 April)
        (date(2026, 3, 3), date(2026, 4, 7)),  # Goede Vrijdag, weekend, Paasmaandag
        (date(2026, 4, 14), date(2026, 5, 15)),  # Hemelvaartsdag (Thursday 14 May)
        (date(2026, 11, 25), date(2026, 12, 28)),  # Christmas Friday, then weekend
        (date(2025, 11, 25), date(2025, 12, 29)),  # Christmas Thursday and Friday
    ],
)
def test_a_data_request_is_answered_within_one_month(received, due):
    assert data_request_deadline(received) == due


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        (date(2026, 9, 22), 2, date(2026, 12, 22)),  # three months in all
        (date(2026, 10, 31), 2, date(2027, 2, 1)),  # 31 Jan 2027 is a Sunday
        (date(2026, 11, 30), 2, date(2027, 3, 1)),  # 28 Feb 2027 is a Sunday
        (date(2026, 12, 31), 1, date(2027, 3, 1)),  # 31 Feb is the 28th, a Sunday
    ],
)
def test_an_extension_adds_months_and_still_skips_rest_days(received, months, due):
    assert data_request_deadline(received, extended_by_months=months) == due


def test_an_extension_beyond_two_months_is_refused():
    with pytest.raises(ValueError, match="at most 2 months"):
        data_request_deadline(date(2026, 1, 5), extended_by_months=3)


def test_an_extra_day_by_royal_decree_counts_as_a_holiday():
    bridge_day = date(2026, 5, 15)  # the Friday after Ascension
    assert data_request_deadline(date(2026, 4, 15)) == bridge_day
    assert data_request_deadline(date(2026, 4, 15), extra_days={bridge_day}) == date(
        2026, 5, 18
    )
