"""The deadlines of one case: which rule of complaints.deadlines applies to it, with
which inputs, and whether the case is late. The one source for the model
(Case.decision_deadline, Case.is_overdue, Case.decision_rule), the handler's queue,
the public figures and the reminders.

A list of cases passes `extra_days` (all_atw_extra_days(), one query) so that it
does not query the extra Atw days once per case.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines

if TYPE_CHECKING:
    from .models import Case


def atw_extra_days(around: date | None = None) -> frozenset[date]:
    """The extra Atw days an administrator entered (Algemene termijnenwet art. 3 lid
    3), for passing to the deadline functions as `extra_days`: those of the year of
    `around` and the next, or every one when `around` is None."""
    from .models import AtwExtraDay

    days = AtwExtraDay.objects.values_list("day", flat=True)
    if around is not None:
        days = days.filter(day__year__in=(around.year, around.year + 1))
    return frozenset(days)


def all_atw_extra_days() -> frozenset[date]:
    """Every extra Atw day an administrator entered, in one query."""
    return atw_extra_days()


def last_day_to_object(
    made_known_on: date, extra_days: Collection[date] | None = None
) -> date:
    """The objection period's last day for a decision made known on that day, with
    the extra Atw days an administrator entered."""
    if extra_days is None:
        extra_days = atw_extra_days(made_known_on)
    return deadlines.objection_period_end(made_known_on, extra_days)


def objection_period_end(
    case: Case, extra_days: Collection[date] | None = None
) -> date | None:
    """The last day to object to the decision of an objection case; None for a
    complaint or when the day the decision was made known is not recorded."""
    if case.kind != case.Kind.OBJECTION or not case.decision_made_known_on:
        return None
    return last_day_to_object(case.decision_made_known_on, extra_days)


def suspended_days(case: Case, today: date | None = None) -> int:
    """Days the clock stood still while the person repaired an omission (Awb 7:10
    lid 2)."""
    if not case.repair_requested_on:
        return 0
    end = case.repaired_on or today or timezone.localdate()
    return max((end - case.repair_requested_on).days, 0)


def decision_deadline(
    case: Case,
    today: date | None = None,
    *,
    extra_days: Collection[date] | None = None,
) -> date:
    """The last day for the decision or outcome, by the rule for the case's kind."""
    if case.kind == case.Kind.OBJECTION:
        period_end = objection_period_end(case, extra_days)
        # A late objection: the period runs from its receipt.
        start = max(period_end or case.received_on, case.received_on)
        return deadlines.objection_decision_deadline(
            start,
            committee=case.committee,
            postponed_weeks=case.postponed_weeks,
            suspended_days=suspended_days(case, today),
            extra_days=atw_extra_days(start) if extra_days is None else extra_days,
        )
    if case.kind == case.Kind.MUNICIPAL_COMPLAINT:
        return deadlines.complaint_decision_deadline(
            case.received_on,
            committee=case.committee,
            postponed_weeks=case.postponed_weeks,
            extra_days=(
                atw_extra_days(case.received_on) if extra_days is None else extra_days
            ),
        )
    return deadlines.provider_complaint_deadline(
        case.received_on,
        weeks=case.organisation.complaint_period_weeks,
        postponed_weeks=case.postponed_weeks,
    )


def is_overdue(
    case: Case, today: date | None = None, *, deadline: date | None = None
) -> bool:
    """Decided after the deadline, or still open past it. A late case stays late once
    decided. Pass `deadline` when it is known already."""
    today = today or timezone.localdate()
    if deadline is None:
        deadline = decision_deadline(case, today)
    if case.decided_on:
        return case.decided_on > deadline
    return case.is_open and today > deadline


def decision_weeks(case: Case) -> int:
    """The weeks of the decision period before any postponement, as
    complaints.deadlines counts them for the case's kind."""
    if case.kind == case.Kind.OBJECTION:
        if case.committee:
            return deadlines.OBJECTION_DECISION_WEEKS_COMMITTEE
        return deadlines.OBJECTION_DECISION_WEEKS
    if case.kind == case.Kind.MUNICIPAL_COMPLAINT:
        if case.committee:
            return deadlines.COMPLAINT_DECISION_WEEKS_COMMITTEE
        return deadlines.COMPLAINT_DECISION_WEEKS
    return case.organisation.complaint_period_weeks


def decision_rule(case: Case) -> str:
    """The rule behind decision_deadline, for handlers to check."""
    weeks = decision_weeks(case)
    if case.kind == case.Kind.OBJECTION:
        text = _(
            "Awb 7:10: %(weeks)s weeks from the day after the objection period ended"
        ) % {"weeks": weeks}
    elif case.kind == case.Kind.MUNICIPAL_COMPLAINT:
        text = _("Awb 9:11: %(weeks)s weeks after receipt") % {"weeks": weeks}
    else:
        text = _(
            "The provider's complaints procedure: %(weeks)s weeks after receipt "
            "(no period set by law)"
        ) % {"weeks": weeks}
    parts = [str(text)]
    if case.postponed_weeks:
        parts.append(
            str(_("postponed by %(weeks)s weeks") % {"weeks": case.postponed_weeks})
        )
    if case.kind == case.Kind.OBJECTION and suspended_days(case):
        parts.append(
            str(
                _("plus %(days)s days while something missing was added")
                % {"days": suspended_days(case)}
            )
        )
    if case.kind != case.Kind.PROVIDER_COMPLAINT:
        parts.append(str(_("moved past weekends and holidays (Atw)")))
    return "; ".join(parts)
