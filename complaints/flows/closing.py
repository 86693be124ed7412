"""Ending a case other than by a decision (declined, forwarded, withdrawn), and
closing a decided case, after which its retention period runs."""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import deadlines
from ..case_deadlines import all_atw_extra_days
from ..models import (
    Case,
)
from .decision import one_year_after
from .letters import letter_values, long_date, person_language, tell_person
from .records import record_step, require_open

DECLINE_WEEKS = 4  # Awb 9:8 lid 2: a complaint is declined within 4 weeks


def decline_deadline(case: Case) -> date:
    """The last day to decline a complaint about a municipality: 4 weeks after
    receipt (Awb 9:8 lid 2), Atw applies."""
    return deadlines.atw_extend(
        deadlines.weeks_period_end(case.received_on, DECLINE_WEEKS),
        all_atw_extra_days(),
    )


def _required(text: str | None, refusal: str) -> str:
    """The handler's text, stripped; refused with `refusal` when empty."""
    text = (text or "").strip()
    if not text:
        raise ValueError(refusal)
    return text


def _end(
    case: Case,
    status: str,
    closing_reason: str,
    handler,
    today: date | None,
    *,
    detail: str,
    note: str | None = None,
) -> None:
    """End an open case without a decision: its status, the written reason and the
    day, on the timeline with `note` (the reason when not given)."""
    case.status = status
    case.closing_reason = closing_reason
    case.closed_on = today or timezone.localdate()
    case.save(update_fields=["status", "closing_reason", "closed_on"])
    record_step(
        case, handler, note=closing_reason if note is None else note, detail=detail
    )


@transaction.atomic
def decline(case: Case, reason: str, handler, today: date | None = None) -> None:
    """Decline to handle a complaint (Awb 9:8), in writing, with the reason and the
    ombudsman; for a complaint about a municipality within 4 weeks."""
    today = today or timezone.localdate()
    require_open(case)
    reason = _required(reason, _("Give the reason why the complaint is not handled."))
    if case.kind == Case.Kind.OBJECTION:
        raise ValueError(
            _(
                "An objection is not declined: decide on it (for example: not admissible)."
            )
        )
    if case.kind == Case.Kind.MUNICIPAL_COMPLAINT:
        last_day = decline_deadline(case)
        if today > last_day:
            raise ValueError(
                _(
                    "A complaint can only be declined within 4 weeks after receipt (Awb 9:8), so by %(date)s."
                )
                % {"date": long_date(last_day)}
            )
    with translation.override(person_language(case)):
        ombudsman = _(
            "Do you not agree? Then you can go to the municipal ombudsman or the "
            "Nationale ombudsman, and for the rights of children to the "
            "Kinderombudsman. Do this within one year, by %(date)s at the latest."
        ) % {"date": long_date(one_year_after(today))}
    _end(
        case,
        Case.Status.DECLINED,
        f"{reason}\n\n{ombudsman}",
        handler,
        today,
        note=reason,
        detail="decline",
    )

    def build():
        subject = _("We do not handle your complaint %(reference)s") % letter_values(
            case
        )
        return subject, case.closing_reason

    tell_person(case, "case_decision", build)


@transaction.atomic
def forward(case: Case, reason: str, handler, today: date | None = None) -> None:
    """Send the case on to the body that handles it (for example Awb 2:3), with the
    reason; the person is told."""
    require_open(case)
    reason = _required(reason, _("Say to whom and why the case is forwarded."))
    _end(case, Case.Status.FORWARDED, reason, handler, today, detail="forward")

    def build():
        subject = _("Your case %(reference)s was forwarded") % letter_values(case)
        return subject, reason

    tell_person(case, "case_update", build)


@transaction.atomic
def withdraw(case: Case, note: str, handler, today: date | None = None) -> None:
    """The person withdrew the case (they asked, by message, phone or letter)."""
    require_open(case)
    note = _required(note, _("Say how and when the person withdrew the case."))
    _end(case, Case.Status.WITHDRAWN, note, handler, today, detail="withdraw")

    def build():
        subject = _("Your case %(reference)s was withdrawn") % letter_values(case)
        body = _(
            "You withdrew your case. We stopped handling it. Did you not mean to? "
            "Send us a message."
        )
        return subject, body

    tell_person(case, "case_update", build)


@transaction.atomic
def close_case(case: Case, handler, today: date | None = None) -> None:
    """Close a decided case; from now on its retention period runs."""
    if case.status != Case.Status.DECIDED:
        raise ValueError(_("Only a decided case can be closed."))
    case.status = Case.Status.CLOSED
    case.closed_on = today or timezone.localdate()
    case.save(update_fields=["status", "closed_on"])
    record_step(case, handler, note=_("Case closed."), detail="close")
