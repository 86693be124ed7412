"""Legal deadlines, table-driven: weekends, Easter, Koningsdag on a Sunday, 5 May,
Ascension, Whitsun and the turn of the year. Expected dates worked out by hand from
the calendar (Easter 2025: 20 April; 2026: 5 April)."""

from datetime import date

import pytest

from complaints.deadlines import (
    _atw_period_end,
    atw_extend,
    complaint_decision_deadline,
    is_atw_holiday,
    koningsdag,
    objection_decision_deadline,
    objection_period_end,
    provider_complaint_deadline,
)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2026, 1, 1), True),  # Nieuwjaarsdag
        (date(2026, 4, 3), True),  # Goede Vrijdag (Atw art. 3 lid 2)
        (date(2026, 4, 5), False),  # Eerste Paasdag: a Sunday, not listed
        (date(2026, 4, 6), True),  # Tweede Paasdag
        (date(2026, 4, 27), True),  # Koningsdag on a Monday
        (date(2025, 4, 26), True),  # Koningsdag moved: 27 April 2025 is a Sunday
        (date(2025, 4, 27), False),
        (date(2026, 5, 5), True),  # Bevrijdingsdag, every year under the Atw
        (date(2027, 5, 5), True),
        (date(2026, 5, 1), False),  # not an Atw holiday
        (date(2026, 5, 14), True),  # Hemelvaartsdag
        (date(2026, 5, 15), False),  # bridge day only by Royal Decree
        (date(2026, 5, 25), True),  # Tweede Pinksterdag
        (date(2026, 12, 25), True),
        (date(2026, 12, 26), True),
        (date(2026, 12, 31), False),
    ],
)
def test_atw_holidays(day, holiday):
    assert is_atw_holiday(day) is holiday


@pytest.mark.parametrize(
    ("year", "day"),
    [(2025, date(2025, 4, 26)), (2026, date(2026, 4, 27)), (2031, date(2031, 4, 26))],
)
def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday(year, day):
    assert koningsdag(year) == day


@pytest.mark.parametrize(
    ("day", "extended"),
    [
        (date(2026, 4, 8), date(2026, 4, 8)),  # a Wednesday stays
        (date(2026, 4, 18), date(2026, 4, 20)),  # Saturday → Monday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday → past Easter Monday
        (date(2027, 1, 1), date(2027, 1, 4)),  # New Year on a Friday → Monday
    ],
)
def test_atw_extend(day, extended):
    assert atw_extend(day) == extended


def test_extra_days_by_royal_decree_are_data():
    bridge_day = date(2026, 5, 15)  # the Friday after Ascension
    assert atw_extend(bridge_day) == bridge_day
    assert atw_extend(bridge_day, extra_days={bridge_day}) == date(2026, 5, 18)


def test_atw_article_2_two_working_days_in_a_short_period():
    # 25–27 Dec 2026: Christmas, Boxing Day, Sunday; art. 1 gives Monday 28th, which
    # is one working day; art. 2 needs two, so Tuesday the 29th.
    assert _atw_period_end(date(2026, 12, 25), date(2026, 12, 27)) == date(2026, 12, 29)


@pytest.mark.parametrize(
    ("made_known_on", "last_day"),
    [
        # 6 weeks after Friday 20 Feb is Good Friday 3 April; then Saturday, Easter
        # Sunday and Easter Monday: Tuesday 7 April 2026.
        (date(2026, 2, 20), date(2026, 4, 7)),
        (date(2026, 2, 19), date(2026, 4, 2)),  # a plain Thursday
        (date(2026, 3, 7), date(2026, 4, 20)),  # ends on a Saturday → Monday
        (date(2026, 3, 16), date(2026, 4, 28)),  # ends on Koningsdag (Monday)
        (date(2026, 3, 24), date(2026, 5, 6)),  # ends on 5 May
        (date(2026, 4, 2), date(2026, 5, 15)),  # ends on Ascension Day
        (date(2026, 4, 13), date(2026, 5, 26)),  # ends on Whit Monday
        (date(2025, 3, 7), date(2025, 4, 22)),  # Good Friday 2025 → Tuesday
        (date(2026, 11, 13), date(2026, 12, 28)),  # Christmas, then the weekend
        (date(2026, 11, 19), date(2026, 12, 31)),  # New Year's Eve is a workday
        (date(2026, 11, 20), date(2027, 1, 4)),  # New Year's Day (Friday) → Monday
    ],
)
def test_objection_period_end(made_known_on, last_day):
    assert objection_period_end(made_known_on) == last_day


@pytest.mark.parametrize(
    ("period_end", "kwargs", "deadline"),
    [
        (date(2026, 4, 7), {}, date(2026, 5, 19)),
        (date(2026, 4, 7), {"committee": True}, date(2026, 6, 30)),
        (date(2026, 4, 7), {"postponed_weeks": 6}, date(2026, 6, 30)),
        (date(2026, 4, 7), {"suspended_days": 10}, date(2026, 5, 29)),
        (date(2026, 4, 2), {}, date(2026, 5, 15)),  # lands on Ascension Day
        (
            date(2026, 11, 13),
            {"committee": True, "postponed_weeks": 1},
            date(2027, 2, 12),
        ),
    ],
)
def test_objection_decision_deadline(period_end, kwargs, deadline):
    assert objection_decision_deadline(period_end, **kwargs) == deadline


@pytest.mark.parametrize(
    "kwargs",
    [{"postponed_weeks": 7}, {"postponed_weeks": -1}, {"suspended_days": -3}],
)
def test_objection_decision_deadline_refuses_what_the_law_does_not_allow(kwargs):
    with pytest.raises(ValueError):
        objection_decision_deadline(date(2026, 4, 7), **kwargs)


@pytest.mark.parametrize(
    ("received_on", "kwargs", "deadline"),
    [
        (date(2026, 11, 16), {}, date(2026, 12, 28)),
        (date(2026, 11, 13), {}, date(2026, 12, 28)),  # Christmas Day → Monday
        (date(2026, 2, 20), {"committee": True}, date(2026, 5, 1)),  # 1 May: workday
        (date(2026, 2, 20), {"postponed_weeks": 4}, date(2026, 5, 1)),
        (date(2026, 3, 24), {}, date(2026, 5, 6)),  # 5 May → 6 May
    ],
)
def test_complaint_decision_deadline(received_on, kwargs, deadline):
    assert complaint_decision_deadline(received_on, **kwargs) == deadline


def test_complaint_postponement_is_at_most_four_weeks():
    with pytest.raises(ValueError, match="at most 4 weeks"):
        complaint_decision_deadline(date(2026, 2, 20), postponed_weeks=5)


@pytest.mark.parametrize(
    ("kwargs", "deadline"),
    [
        ({}, date(2026, 12, 25)),  # not set by law: no Atw extension
        ({"weeks": 8}, date(2027, 1, 8)),
        ({"postponed_weeks": 4}, date(2027, 1, 22)),
    ],
)
def test_provider_complaint_deadline(kwargs, deadline):
    assert provider_complaint_deadline(date(2026, 11, 13), **kwargs) == deadline


@pytest.mark.parametrize(
    "kwargs", [{"weeks": 0}, {"postponed_weeks": 5}, {"postponed_weeks": -1}]
)
def test_provider_complaint_deadline_refuses_impossible_input(kwargs):
    with pytest.raises(ValueError):
        provider_complaint_deadline(date(2026, 11, 13), **kwargs)


@pytest.mark.django_db
def test_extra_days_an_administrator_entered_extend_the_period():
    from complaints.case_deadlines import atw_extra_days
    from complaints.models import AtwExtraDay

    AtwExtraDay.objects.create(day=date(2026, 5, 15), reason="Besluit (voorbeeld)")
    extra = atw_extra_days(date(2026, 4, 2))
    assert objection_period_end(date(2026, 4, 2)) == date(2026, 5, 15)
    assert objection_period_end(date(2026, 4, 2), extra) == date(2026, 5, 18)
