"""The deadlines of one case: which rule of complaints.deadlines applies to it, with
which inputs, and whether the case is late. The one source for the model
(Case.decision_deadline, Case.is_overdue, Case.decision_rule), the handler's queue,
the public figures and the reminders.

Lists sort, filter and count in the database, so the case stores its deadline
(Case.deadline, with Case.clock_stopped_since): `refresh_deadline` writes both from
`decision_deadline` whenever an input changes (Case.save, bulk writes, a changed Atw
day or provider period, and daily for a clock that stands still).

A list of cases passes `extra_days` (all_atw_extra_days(), one query) so that it
does not query the extra Atw days once per case. The functions also run on the
historical model of a data migration, which has no Case.Kind: hence `_kind()`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines

if TYPE_CHECKING:
    from .models import Case

# A deadline this many days ahead or closer is "due soon": in the queue's words and
# counts, and on the handler's start page ("due this week").
DUE_SOON_DAYS = 7


def _kind():
    """Case.Kind, imported when used: the models import this module."""
    from .models.cases import Case

    return Case.Kind


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
    if case.kind != _kind().OBJECTION or not case.decision_made_known_on:
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
    if case.kind == _kind().OBJECTION:
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
    if case.kind == _kind().MUNICIPAL_COMPLAINT:
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


def overdue_filter(today: date) -> Q:
    """is_overdue as a database filter on the stored deadline: decided after it, or
    still open past it."""
    from .models.cases import Case as CaseModel

    decided_late = Q(decided_on__isnull=False, decided_on__gt=F("deadline"))
    open_past = Q(
        decided_on__isnull=True,
        status__in=CaseModel.OPEN_STATUSES,
        deadline__lt=today,
    )
    return decided_late | open_past


# The stored deadline ----------------------------------------------------------

# What Case stores from these rules, and the fields they read from the case itself
# (the organisation's period, the extra Atw days and, for a stopped clock, the day
# are read elsewhere: see the module docstring).
STORED_FIELDS = ("deadline", "clock_stopped_since")
DEADLINE_INPUTS = frozenset(
    {
        "kind",
        "organisation",
        "organisation_id",
        "received_on",
        "decision_made_known_on",
        "repair_requested_on",
        "repaired_on",
        "committee",
        "postponed_weeks",
    }
)


def clock_stopped_since(case: Case) -> date | None:
    """The day an objection's clock stopped while the person adds what is missing
    (Awb 7:10 lid 2), while it still stands still; None when it runs. Meanwhile
    decision_deadline moves on a day each day."""
    if case.kind != _kind().OBJECTION or case.repaired_on:
        return None
    return case.repair_requested_on


def refresh_deadline(
    case: Case,
    today: date | None = None,
    *,
    extra_days: Collection[date] | None = None,
) -> bool:
    """Set the case's stored deadline from decision_deadline (as of `today` when its
    clock stands still) and whether its clock stands still, without saving. Returns
    True when either changed. Inputs the law does not allow store no deadline."""
    try:
        deadline = decision_deadline(case, today, extra_days=extra_days)
    except ValueError:
        deadline = None
    stopped = clock_stopped_since(case)
    changed = (case.deadline, case.clock_stopped_since) != (deadline, stopped)
    case.deadline, case.clock_stopped_since = deadline, stopped
    return changed


def refresh_stored_deadlines(
    cases: QuerySet,
    today: date | None = None,
    *,
    extra_days: Collection[date] | None = None,
    batch_size: int = 1000,
) -> int:
    """Recompute the stored deadline of every case in `cases` and write those that
    changed, in batches. Also runs on a data migration's historical model (pass its
    `extra_days`). Returns the number of cases changed."""
    manager = cases.model._base_manager
    changed, count = [], 0
    rows = cases.select_related("organisation").order_by("pk")
    for case in rows.iterator(chunk_size=batch_size):
        if extra_days is None:  # read once, and only when there is a case
            extra_days = all_atw_extra_days()
        if refresh_deadline(case, today, extra_days=extra_days):
            changed.append(case)
        if len(changed) == batch_size:
            manager.bulk_update(changed, STORED_FIELDS)
            count, changed = count + len(changed), []
    if changed:
        manager.bulk_update(changed, STORED_FIELDS)
    return count + len(changed)


def refresh_stopped_clocks(today: date | None = None) -> int:
    """Move on the stored deadline of every case whose clock stands still, as of
    `today` (run once a day, before the reminders)."""
    from .models.cases import Case as CaseModel

    cases = CaseModel.objects.filter(clock_stopped_since__isnull=False)
    return refresh_stored_deadlines(cases, today or timezone.localdate())


def refresh_deadlines_around(day: date) -> int:
    """After an extra Atw day was added, moved or removed: recompute every case
    whose deadline could run past it (a rest day only moves an end that falls on
    or before it)."""
    from .models.cases import Case as CaseModel

    return refresh_stored_deadlines(CaseModel.objects.filter(deadline__gte=day))


def decision_weeks(case: Case) -> int:
    """The weeks of the decision period before any postponement, as
    complaints.deadlines counts them for the case's kind."""
    if case.kind == _kind().OBJECTION:
        if case.committee:
            return deadlines.OBJECTION_DECISION_WEEKS_COMMITTEE
        return deadlines.OBJECTION_DECISION_WEEKS
    if case.kind == _kind().MUNICIPAL_COMPLAINT:
        if case.committee:
            return deadlines.COMPLAINT_DECISION_WEEKS_COMMITTEE
        return deadlines.COMPLAINT_DECISION_WEEKS
    return case.organisation.complaint_period_weeks


def decision_explained(case: Case) -> str:
    """The rule behind decision_deadline in plain words, for the person on their
    own pages; the article stays beside it, in brackets (decision_rule is the
    handlers' short form)."""
    weeks = decision_weeks(case)
    if case.kind == _kind().OBJECTION:
        period_end = objection_period_end(case)
        if period_end is not None and period_end >= case.received_on:
            text = _(
                "The municipality has %(weeks)s weeks to decide, counted from the "
                "day after the time to object ended (Awb 7:10)."
            )
        else:
            text = _(
                "The municipality has %(weeks)s weeks to decide, counted from the "
                "day it received your objection (Awb 7:10)."
            )
    elif case.kind == _kind().MUNICIPAL_COMPLAINT:
        text = _(
            "The municipality has %(weeks)s weeks to answer, counted from the day it "
            "received your complaint (Awb 9:11)."
        )
    else:
        text = _(
            "The care provider has %(weeks)s weeks to answer, counted from the day "
            "it received your complaint. Its own complaints procedure sets this "
            "time, not the law."
        )
    sentences = [str(text % {"weeks": weeks})]
    if case.postponed_weeks:
        sentences.append(
            str(
                _("It put off the answer once, by %(weeks)s weeks.")
                % {"weeks": case.postponed_weeks}
            )
        )
    if case.kind == _kind().OBJECTION and suspended_days(case):
        sentences.append(
            str(
                _(
                    "%(days)s days are added: the time stood still while you added "
                    "what was missing."
                )
                % {"days": suspended_days(case)}
            )
        )
    if case.kind != _kind().PROVIDER_COMPLAINT:
        sentences.append(
            str(
                _(
                    "Is the last day a weekend day or a public holiday? Then it is "
                    "the next working day (Algemene termijnenwet)."
                )
            )
        )
    return " ".join(sentences)


def decision_rule(case: Case) -> str:
    """The rule behind decision_deadline, for handlers to check."""
    weeks = decision_weeks(case)
    if case.kind == _kind().OBJECTION:
        text = _(
            "Awb 7:10: %(weeks)s weeks from the day after the objection period ended"
        ) % {"weeks": weeks}
    elif case.kind == _kind().MUNICIPAL_COMPLAINT:
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
    if case.kind == _kind().OBJECTION and suspended_days(case):
        parts.append(
            str(
                _("plus %(days)s days while something missing was added")
                % {"days": suspended_days(case)}
            )
        )
    if case.kind != _kind().PROVIDER_COMPLAINT:
        parts.append(str(_("moved past weekends and holidays (Atw)")))
    return "; ".join(parts)
