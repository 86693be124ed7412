"""The handler's steps while a case is open: taking it on, confirming receipt,
noting a committee, postponing and planning the hearing. Each writes a CaseEvent and
the access log, and tells the person in writing where the law asks for it. A step
the law does not allow raises ValueError with a message for the handler."""

from datetime import date, datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import deadlines
from ..models import (
    Case,
)
from .letters import letter_values, long_date, tell_person
from .records import record_step, require_open

HEARING_NOTICE_DAYS = 10  # Awb 7:2 and case law: invite well ahead (> 10 days)


MAX_POSTPONEMENT_WEEKS = {
    Case.Kind.OBJECTION: deadlines.OBJECTION_MAX_POSTPONEMENT_WEEKS,  # Awb 7:10 lid 3
    Case.Kind.MUNICIPAL_COMPLAINT: deadlines.COMPLAINT_MAX_POSTPONEMENT_WEEKS,  # 9:11
    Case.Kind.PROVIDER_COMPLAINT: deadlines.PROVIDER_MAX_POSTPONEMENT_WEEKS,
}


COMMITTEE_KINDS = (Case.Kind.OBJECTION, Case.Kind.MUNICIPAL_COMPLAINT)


@transaction.atomic
def take_case(case: Case, handler) -> None:
    """The handler takes the case on: from now on reminders go to them."""
    case.handler = handler
    case.save(update_fields=["handler"])
    record_step(case, handler, note=_("Case taken on by a handler."), detail="take")


@transaction.atomic
def acknowledge(case: Case, handler, today: date | None = None) -> str:
    """Confirm receipt in writing (Awb 9:6; 6:14 for objections). Sent even when the
    person switched case updates off: a required notification kind."""
    today = today or timezone.localdate()
    require_open(case)
    if case.acknowledged_on:
        raise ValueError(
            _("Receipt was already confirmed on %(date)s.")
            % {"date": long_date(case.acknowledged_on)}
        )
    case.acknowledged_on = today
    if case.status == Case.Status.RECEIVED:
        case.status = Case.Status.ACKNOWLEDGED
    case.handler = case.handler or handler
    case.save(update_fields=["acknowledged_on", "status", "handler"])
    record_step(
        case, handler, note=_("Receipt confirmed in writing."), detail="acknowledge"
    )
    deadline = case.decision_deadline(today)

    def build():
        values = letter_values(
            case, received=long_date(case.received_on), deadline=long_date(deadline)
        )
        subject = _("We received your %(kind)s (%(reference)s)") % {
            **values,
            "kind": case.get_kind_display().lower(),
        }
        body = "\n\n".join(
            [
                _(
                    "%(organisation)s received your case on %(received)s. Your "
                    "reference is %(reference)s."
                )
                % values,
                _("We will decide by %(deadline)s at the latest.") % values,
                _(
                    "Do you have a question, or do you want to add something? Send "
                    "a message in your case."
                ),
            ]
        )
        return subject, body

    return tell_person(case, "case_acknowledgement", build)


@transaction.atomic
def set_status(case: Case, status: str, handler, note: str = "") -> None:
    """Move an open case to another open status (for example: being handled)."""
    require_open(case)
    if status not in Case.OPEN_STATUSES:
        raise ValueError(_("Use the matching step to end a case."))
    case.status = status
    case.handler = case.handler or handler
    case.save(update_fields=["status", "handler"])
    record_step(case, handler, note=note, detail=f"status:{status}")


@transaction.atomic
def note_committee(case: Case, handler) -> None:
    """An advisory committee (Awb 7:13) or complaints committee (9:14) advises: the
    decision period becomes 12 or 10 weeks."""
    require_open(case)
    if case.kind not in COMMITTEE_KINDS:
        raise ValueError(
            _(
                "An advisory committee can only be noted for objections and complaints about a municipality."
            )
        )
    if case.committee:
        raise ValueError(_("An advisory committee was already noted."))
    case.committee = True
    case.save(update_fields=["committee"])
    record_step(
        case,
        handler,
        note=_("Advisory committee noted: %(rule)s") % {"rule": case.decision_rule()},
        detail="committee",
    )


@transaction.atomic
def postpone(case: Case, weeks: int, notice: str, handler) -> date:
    """Postpone the decision once, with a written notice to the person (Awb 7:10 lid
    3: at most 6 weeks; 9:11 lid 2: at most 4). Returns the new deadline."""
    require_open(case)
    notice = (notice or "").strip()
    if not notice:
        raise ValueError(_("Write the notice of postponement for the person."))
    if case.postponed_weeks:
        raise ValueError(
            _(
                "This case was already postponed once. Postponing again is only possible with the written consent of the person."
            )
        )
    maximum = MAX_POSTPONEMENT_WEEKS[case.kind]
    if weeks < 1:
        raise ValueError(_("Postpone by at least one week."))
    case.postponed_weeks = weeks
    try:
        new_deadline = case.decision_deadline()
    except ValueError as error:
        case.postponed_weeks = 0
        raise ValueError(
            _(
                "The law allows a postponement of at most %(max)s weeks for this case, not %(weeks)s."
            )
            % {"max": maximum, "weeks": weeks}
        ) from error
    case.postponement_notice = notice
    case.save(update_fields=["postponed_weeks", "postponement_notice"])
    record_step(
        case,
        handler,
        note=_("Decision postponed by %(weeks)s weeks, to %(deadline)s.")
        % {"weeks": weeks, "deadline": long_date(new_deadline)},
        detail="postpone",
    )

    def build():
        values = letter_values(case, deadline=long_date(new_deadline))
        subject = _("Your case %(reference)s takes longer") % values
        body = "\n\n".join(
            [
                notice,
                _("We will decide by %(deadline)s at the latest.") % values,
            ]
        )
        return subject, body

    tell_person(case, "case_decision", build)
    return new_deadline


@transaction.atomic
def plan_hearing(
    case: Case, at: datetime, place: str, handler, now: datetime | None = None
) -> bool:
    """Plan the hearing (Awb 7:2 for objections, 9:10 for complaints) and invite the
    person. Returns True when an objection's hearing is less than 10 days ahead."""
    now = now or timezone.now()
    require_open(case)
    if at <= now:
        raise ValueError(_("Choose a date and time in the future."))
    place = (place or "").strip()
    if not place:
        raise ValueError(_("Say where the hearing takes place."))
    case.hearing_at = at
    case.hearing_place = place
    case.status = Case.Status.HEARING_PLANNED
    case.handler = case.handler or handler
    case.save(update_fields=["hearing_at", "hearing_place", "status", "handler"])
    local = timezone.localtime(at)
    record_step(
        case,
        handler,
        note=_("Hearing planned on %(when)s in %(place)s.")
        % {"when": formats.date_format(local, "j F Y H:i"), "place": place},
        detail="hearing",
    )

    def build():
        values = letter_values(
            case,
            day=formats.date_format(local, "l j F Y"),
            time=formats.time_format(local, "H:i"),
            place=place,
        )
        subject = _("Invitation for a hearing about %(reference)s") % values
        body = "\n\n".join(
            [
                _(
                    "We invite you to tell us about your case in person: on "
                    "%(day)s at %(time)s, at %(place)s."
                )
                % values,
                _(
                    "You may bring someone, for example a confidential adviser. Can "
                    "you not come? Send us a message in your case."
                ),
            ]
        )
        return subject, body

    tell_person(case, "case_decision", build)
    short = timezone.localdate(at) - timezone.localdate(now)
    return case.kind == Case.Kind.OBJECTION and short.days < HEARING_NOTICE_DAYS
