"""The Dutch calendar of rest days: weekends and the recognised public holidays of
the Algemene termijnenwet (Atw), with Easter computed. Every legal period that runs
on past a weekend or holiday (Atw art. 1, Regulation 1182/71 art. 3(4)) counts with
this one list.

Extra days set by Royal Decree (Atw art. 3 lid 3) are data, not rules: callers pass
them in as `extra_days`.
"""

from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter


def koningsdag(year: int) -> date:
    """The King's birthday as celebrated: 27 April, or the 26th when the 27th is a
    Sunday (Atw art. 3 lid 1)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def atw_holidays(year: int) -> frozenset[date]:
    """The recognised holidays of Atw art. 3 lid 1 and lid 2 in `year` (without the
    extra days of a Royal Decree, art. 3 lid 3, which are data). Computed once per
    year and kept: every day a deadline counts asks for it (a handler's queue of
    10,000 cases asked 469,000 times)."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            easter_sunday - timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2)
            easter_sunday + timedelta(days=1),  # Tweede Paasdag
            koningsdag(year),
            date(year, 5, 5),  # Bevrijdingsdag, every year
            easter_sunday + timedelta(days=39),  # Hemelvaartsdag
            easter_sunday + timedelta(days=50),  # Tweede Pinksterdag
            date(year, 12, 25),  # Eerste Kerstdag
            date(year, 12, 26),  # Tweede Kerstdag
        }
    )


def is_atw_holiday(day: date, extra_days: Collection[date] = ()) -> bool:
    """A recognised holiday (Atw art. 3), including extra days set by Royal Decree
    (art. 3 lid 3), which the caller passes in as data."""
    return day in atw_holidays(day.year) or day in extra_days


def is_atw_rest_day(day: date, extra_days: Collection[date] = ()) -> bool:
    """A Saturday, a Sunday or a recognised holiday (Atw art. 1)."""
    return day.weekday() >= 5 or is_atw_holiday(day, extra_days)


def atw_extend(day: date, extra_days: Collection[date] = ()) -> date:
    """A period that ends on a rest day runs on to the next day that is none (Atw
    art. 1)."""
    while is_atw_rest_day(day, extra_days):
        day += timedelta(days=1)
    return day
