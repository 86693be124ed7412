"""Legal deadlines for objections and complaints, as pure functions on dates.

Every function takes and returns `datetime.date` and refuses what the law does not
allow (a postponement beyond the maximum) with ValueError. Each rule names the
article it applies; docs/domain.md ("Counting legal periods") has the background.

A period "of N weeks" starts the day after the triggering day and ends on the same
weekday N weeks later (Awb 6:8 for the objection period). When a period set by law
ends on a Saturday, Sunday or recognised holiday, it runs on to the next day that is
none of these (Algemene termijnenwet, Atw).
"""

from collections.abc import Collection
from datetime import date, timedelta

# The calendar of rest days lives in the project package, so that other periods
# (privacy's data requests) count with the same list; re-exported here.
from inspraak.core.holidays import (  # noqa: F401
    atw_extend,
    atw_holidays,
    is_atw_holiday,
    is_atw_rest_day,
    koningsdag,
)

OBJECTION_PERIOD_WEEKS = 6  # Awb 6:7
OBJECTION_DECISION_WEEKS = 6  # Awb 7:10 lid 1
OBJECTION_DECISION_WEEKS_COMMITTEE = 12  # Awb 7:10 lid 1, advisory committee (7:13)
OBJECTION_MAX_POSTPONEMENT_WEEKS = 6  # Awb 7:10 lid 3
COMPLAINT_DECISION_WEEKS = 6  # Awb 9:11 lid 1
COMPLAINT_DECISION_WEEKS_COMMITTEE = 10  # Awb 9:11 lid 1, complaints committee (9:14)
COMPLAINT_MAX_POSTPONEMENT_WEEKS = 4  # Awb 9:11 lid 2
PROVIDER_DEFAULT_WEEKS = 6  # no statutory count found (docs/domain.md): per provider
PROVIDER_MAX_POSTPONEMENT_WEEKS = 4


def _atw_period_end(
    first_day: date, last_day: date, extra_days: Collection[date] = ()
) -> date:
    """Atw art. 1, then art. 2: a period of three days or more holds at least two
    days that are no rest day."""
    end = atw_extend(last_day, extra_days)
    if (end - first_day).days + 1 >= 3:
        while _working_days(first_day, end, extra_days) < 2:
            end = atw_extend(end + timedelta(days=1), extra_days)
    return end


def _working_days(first: date, last: date, extra_days: Collection[date]) -> int:
    return sum(
        not is_atw_rest_day(first + timedelta(days=offset), extra_days)
        for offset in range((last - first).days + 1)
    )


def weeks_period_end(trigger: date, weeks: int) -> date:
    """The last day of a period of `weeks` weeks that starts the day after `trigger`:
    the same weekday `weeks` weeks later (Awb 6:8 lid 1), before any Atw extension."""
    if weeks < 0:
        raise ValueError("A period cannot have a negative number of weeks.")
    return trigger + timedelta(weeks=weeks)


def _check_postponement(weeks: int, maximum: int, article: str) -> None:
    if weeks < 0:
        raise ValueError("A postponement cannot be negative.")
    if weeks > maximum:
        raise ValueError(
            f"{article} allows a postponement of at most {maximum} weeks, not {weeks}."
        )


def objection_period_end(
    made_known_on: date, extra_days: Collection[date] = ()
) -> date:
    """The last day to object: 6 weeks (Awb 6:7) from the day after the decision was
    made known (6:8), extended past weekends and holidays (Atw art. 1 and 2)."""
    return _atw_period_end(
        made_known_on + timedelta(days=1),
        weeks_period_end(made_known_on, OBJECTION_PERIOD_WEEKS),
        extra_days,
    )


def objection_decision_deadline(
    objection_period_end: date,
    *,
    committee: bool = False,
    postponed_weeks: int = 0,
    suspended_days: int = 0,
    extra_days: Collection[date] = (),
) -> date:
    """The last day to decide on an objection: 6 weeks, or 12 with an advisory
    committee, from the day after the objection period ended (Awb 7:10 lid 1);
    stopped while the objector repairs an omission (7:10 lid 2); postponed once by at
    most 6 weeks (7:10 lid 3); Atw applies."""
    _check_postponement(postponed_weeks, OBJECTION_MAX_POSTPONEMENT_WEEKS, "Awb 7:10")
    if suspended_days < 0:
        raise ValueError("A suspension cannot be negative.")
    weeks = (
        OBJECTION_DECISION_WEEKS_COMMITTEE if committee else OBJECTION_DECISION_WEEKS
    )
    last_day = weeks_period_end(objection_period_end, weeks + postponed_weeks)
    last_day += timedelta(days=suspended_days)
    return _atw_period_end(
        objection_period_end + timedelta(days=1), last_day, extra_days
    )


def complaint_decision_deadline(
    received_on: date,
    *,
    committee: bool = False,
    postponed_weeks: int = 0,
    extra_days: Collection[date] = (),
) -> date:
    """The last day to handle a complaint about a municipality: 6 weeks after
    receipt, or 10 with a complaints committee (Awb 9:11 lid 1); postponed once by at
    most 4 weeks (9:11 lid 2); Atw applies."""
    _check_postponement(postponed_weeks, COMPLAINT_MAX_POSTPONEMENT_WEEKS, "Awb 9:11")
    weeks = (
        COMPLAINT_DECISION_WEEKS_COMMITTEE if committee else COMPLAINT_DECISION_WEEKS
    )
    return _atw_period_end(
        received_on + timedelta(days=1),
        weeks_period_end(received_on, weeks + postponed_weeks),
        extra_days,
    )


def provider_complaint_deadline(
    received_on: date, *, weeks: int = PROVIDER_DEFAULT_WEEKS, postponed_weeks: int = 0
) -> date:
    """The last day for a youth-care provider's complaints committee: the provider's
    own period (Jeugdwet 4.2.1 sets none; default 6 weeks) plus at most 4 weeks'
    postponement. Not a period set by law, so the Atw does not extend it."""
    if weeks < 1:
        raise ValueError("A provider's complaint period is at least one week.")
    _check_postponement(
        postponed_weeks, PROVIDER_MAX_POSTPONEMENT_WEEKS, "The provider's procedure"
    )
    return weeks_period_end(received_on, weeks + postponed_weeks)
