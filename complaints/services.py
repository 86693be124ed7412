"""What happens to cases: the steps views and commands call. Each step writes the
case's access log."""

import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url, notify
from inspraak.organisations.models import Membership, Role

from . import deadlines
from .models import (
    AtwExtraDay,
    Case,
    CaseAccessLog,
    CaseAttachment,
    CaseEvent,
    CaseMessage,
    CaseReminder,
    next_reference,
)
from .permissions import case_link_token, is_handler

RETENTION_YEARS = 5  # municipal complaint files (Selectielijst gemeenten, DOMAIN.md)


def log_access(case: Case, user, action: str, *, actor: str, detail: str = "") -> None:
    """Write who read or changed a case. Append-only (CaseAccessLog.save)."""
    CaseAccessLog.objects.create(
        case=case,
        user=user if getattr(user, "is_authenticated", False) else None,
        actor=actor,
        action=action,
        detail=detail[:300],
    )


def retention_ends_on(closed_on: date, years: int = RETENTION_YEARS) -> date:
    """The day a closed case's personal data goes: `years` after closing (29 February
    becomes 28 February in a common year)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


@transaction.atomic
def anonymise_case(case: Case) -> None:
    """Remove every personal detail from a closed case; keep what the public figures
    need (kind, organisation, dates, status, outcome)."""
    for attachment in CaseAttachment.objects.filter(case=case):
        attachment.file.delete(save=False)
        attachment.delete()
    CaseMessage.objects.filter(case=case).delete()
    CaseEvent.objects.filter(case=case).update(note="", by=None)
    CaseAccessLog.objects.filter(case=case).update(user=None, detail="")
    Case.objects.filter(pk=case.pk).update(
        filed_by=None,
        handler=None,
        guest_email="",
        name="",
        address="",
        phone="",
        on_behalf_of="",
        decision_description="",
        decision_reference="",
        conduct_description="",
        grounds="",
        wish="",
        late_reason="",
        missing_parts=[],
        postponement_notice="",
        hearing_place="",
        outcome_text="",
        closing_reason="",
        anonymised_on=timezone.localdate(),
    )


def anonymise_closed_cases(
    today: date | None = None, years: int = RETENTION_YEARS
) -> int:
    """Anonymise every closed case whose retention period has ended."""
    today = today or timezone.localdate()
    due = [
        case
        for case in Case.objects.filter(
            closed_on__isnull=False, anonymised_on__isnull=True
        )
        if retention_ends_on(case.closed_on, years) <= today
    ]
    for case in due:
        anonymise_case(case)
    return len(due)


# Filing, and the steps the person takes on their own case ---------------------

REPAIR_WEEKS = 2  # Awb 6:6: a period to add what an objection lacks


def _actor(user) -> str:
    return "filer" if getattr(user, "is_authenticated", False) else "guest"


def _event(case: Case, status: str, note: str = "", by=None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        status=status,
        note=str(note),
        by=by if getattr(by, "is_authenticated", False) else None,
    )


def objection_is_late(case: Case) -> bool:
    """Received after the objection period ended (accepted all the same, Awb 6:11)."""
    end = case.objection_period_end()
    return bool(end and case.received_on > end)


def add_attachment(
    case: Case, uploaded, *, user=None, from_handler: bool = False
) -> CaseAttachment:
    """Store a checked upload in private storage under a random name (the person's
    file name is kept only as text)."""
    import secrets

    suffix = PurePath(uploaded.name).suffix.lower()[:10]
    attachment = CaseAttachment(
        case=case, original_name=uploaded.name[:200], from_handler=from_handler
    )
    attachment.file.save(f"{secrets.token_hex(16)}{suffix}", uploaded, save=False)
    attachment.save()
    log_access(
        case,
        user,
        CaseAccessLog.Action.CHANGE,
        actor="handler" if from_handler else _actor(user),
        detail=f"attachment {attachment.pk} added",
    )
    return attachment


def request_repair(
    case: Case, parts: list[str], *, by=None, today: date | None = None
) -> None:
    """Ask for what an objection lacks, with a period to add it (Awb 6:6); the
    decision clock stands still meanwhile (7:10 lid 2)."""

    today = today or timezone.localdate()
    case.missing_parts = list(parts)
    case.status = Case.Status.REPAIR_REQUESTED
    case.repair_requested_on = today
    case.repair_due_on = today + timedelta(weeks=REPAIR_WEEKS)
    case.repaired_on = None
    case.save(
        update_fields=[
            "missing_parts",
            "status",
            "repair_requested_on",
            "repair_due_on",
            "repaired_on",
        ]
    )
    labels = ", ".join(str(Case._meta.get_field(part).verbose_name) for part in parts)
    _event(case, case.status, _("Missing: %(parts)s") % {"parts": labels}, by)
    log_access(
        case,
        by,
        CaseAccessLog.Action.CHANGE,
        actor="handler" if by is not None else "system",
        detail="repair requested: " + ", ".join(parts),
    )


def send_guest_link(case: Case) -> None:
    """E-mail a guest the link that confirms their address and opens their case, in
    the language they used."""

    context = {
        "case": case,
        "url": absolute_url(reverse("complaints:verify", args=[case_link_token(case)])),
    }
    subject = render_to_string("complaints/email/verify_subject.txt", context).strip()
    body = render_to_string("complaints/email/verify.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[case.guest_email])


@transaction.atomic
def file_case(
    *,
    kind: str,
    data: dict,
    user=None,
    guest_email: str = "",
    files=(),
    missing_parts=(),
    today: date | None = None,
) -> Case:
    """File a case for a signed-in person or a guest. A guest's case waits until
    they confirm their address with the link we e-mail. Missing parts of an
    objection are asked for, not refused (Awb 6:6); a late one is flagged (6:11)."""
    import secrets

    today = today or timezone.localdate()
    signed_in = bool(getattr(user, "is_authenticated", False))
    if not signed_in and not guest_email:
        raise ValueError("A guest needs an e-mail address.")
    fields = dict(data)
    if fields.get("filed_as", Case.FiledAs.SELF) == Case.FiledAs.SELF:
        fields["on_behalf_of"] = ""
    case = Case(
        kind=kind,
        reference=next_reference(kind, today.year),
        received_on=today,
        filed_by=user if signed_in else None,
        guest_email="" if signed_in else guest_email,
        access_nonce=secrets.token_hex(16),
        status=(
            Case.Status.RECEIVED if signed_in else Case.Status.AWAITING_VERIFICATION
        ),
        **fields,
    )
    case.is_late = objection_is_late(case)
    case.save()
    note = _("Filed online (%(filed_as)s)") % {"filed_as": case.get_filed_as_display()}
    if case.on_behalf_of:
        note += " " + _("for %(name)s") % {"name": case.on_behalf_of}
    _event(case, case.status, note, user)
    log_access(
        case, user, CaseAccessLog.Action.CHANGE, actor=_actor(user), detail="filed"
    )
    for uploaded in files:
        add_attachment(case, uploaded, user=user)
    if signed_in and missing_parts:
        request_repair(case, list(missing_parts), today=today)
    elif missing_parts:
        case.missing_parts = list(missing_parts)
        case.save(update_fields=["missing_parts"])
    if not signed_in:
        send_guest_link(case)
    return case


@transaction.atomic
def verify_guest(case: Case, *, today: date | None = None) -> bool:
    """Confirm a guest's address (they used the link we sent). Returns False when it
    was confirmed before."""

    if case.guest_verified_at is not None or not case.guest_email:
        return False
    case.guest_verified_at = timezone.now()
    case.save(update_fields=["guest_verified_at"])
    log_access(
        case,
        None,
        CaseAccessLog.Action.CHANGE,
        actor="guest",
        detail="e-mail address confirmed",
    )
    if case.status == Case.Status.AWAITING_VERIFICATION:
        case.status = Case.Status.RECEIVED
        case.save(update_fields=["status"])
        _event(case, case.status, _("E-mail address confirmed"))
        if case.missing_parts:
            request_repair(case, case.missing_parts, today=today)
    return True


@transaction.atomic
def repair(
    case: Case, data: dict, *, user=None, files=(), today: date | None = None
) -> bool:
    """Add missing parts of an objection. Returns True once nothing is missing: the
    case is received again and the decision clock runs on (Awb 7:10 lid 2)."""

    today = today or timezone.localdate()
    allowed = set(case.missing_parts)
    for field, value in data.items():
        if field in allowed and value:
            setattr(case, field, value.strip() if isinstance(value, str) else value)
    case.missing_parts = [
        part for part in case.missing_parts if not getattr(case, part)
    ]
    complete = not case.missing_parts
    if complete and case.status == Case.Status.REPAIR_REQUESTED:
        case.status = Case.Status.RECEIVED
        case.repaired_on = today
    case.save()
    for uploaded in files:
        add_attachment(case, uploaded, user=user)
    if complete:
        _event(case, case.status, _("The missing parts were added"), user)
    log_access(
        case,
        user,
        CaseAccessLog.Action.CHANGE,
        actor=_actor(user),
        detail="repaired: " + ", ".join(sorted(allowed)),
    )
    return complete


def give_late_reason(case: Case, reason: str, *, user=None) -> None:
    """Record why an objection came after the period (Awb 6:11)."""

    case.late_reason = reason.strip()
    case.save(update_fields=["late_reason"])
    _event(case, case.status, _("Reason for objecting late given"), user)
    log_access(
        case,
        user,
        CaseAccessLog.Action.CHANGE,
        actor=_actor(user),
        detail="late reason",
    )


@transaction.atomic
def add_message(
    case: Case, text: str, *, user=None, from_handler: bool = False, files=()
) -> CaseMessage:
    """A message in the case, from the person or from a handler, with files."""
    message = CaseMessage.objects.create(
        case=case,
        text=text.strip(),
        from_handler=from_handler,
        author=user if getattr(user, "is_authenticated", False) else None,
    )
    actor = "handler" if from_handler else _actor(user)
    log_access(
        case, user, CaseAccessLog.Action.CHANGE, actor=actor, detail="message sent"
    )
    for uploaded in files:
        add_attachment(case, uploaded, user=user, from_handler=from_handler)
    if not from_handler:
        tell_handlers_about_message(case)
    return message


def tell_handlers_about_message(case: Case) -> None:
    """The case's handler (or every handler of the organisation) hears that the
    person wrote; the message itself stays in the case."""

    url = reverse("complaints:handle", args=[case.reference])
    for handler in reminder_recipients(case):
        with translation.override(handler.preferred_language):
            notify(
                handler,
                "case_message_for_staff",
                subject=_("New message in case %(reference)s")
                % {"reference": case.reference},
                body=_(
                    "The person sent a message in case %(reference)s. Read it in the "
                    "case."
                )
                % {"reference": case.reference},
                url=url,
            )


# Handling a case (complaints.handling) --------------------------------------
# The handler's steps. Each one writes a CaseEvent and the access log, and tells
# the person in writing where the law asks for it. A step the law does not allow
# raises ValueError with a message for the handler.

HEARING_NOTICE_DAYS = 10  # Awb 7:2 and case law: invite well ahead (> 10 days)
DECLINE_WEEKS = 4  # Awb 9:8 lid 2: a complaint is declined within 4 weeks
OMBUDSMAN_YEARS = 1  # Awb 9:24: the ombudsman may refuse a request after a year
REMINDER_DAYS_BEFORE = 7
MAX_POSTPONEMENT_WEEKS = {
    Case.Kind.OBJECTION: deadlines.OBJECTION_MAX_POSTPONEMENT_WEEKS,  # Awb 7:10 lid 3
    Case.Kind.MUNICIPAL_COMPLAINT: deadlines.COMPLAINT_MAX_POSTPONEMENT_WEEKS,  # 9:11
    Case.Kind.PROVIDER_COMPLAINT: deadlines.PROVIDER_MAX_POSTPONEMENT_WEEKS,
}
COMMITTEE_KINDS = (Case.Kind.OBJECTION, Case.Kind.MUNICIPAL_COMPLAINT)


def all_atw_extra_days() -> frozenset[date]:
    """Every extra Atw day an administrator entered, in one query."""
    return frozenset(AtwExtraDay.objects.values_list("day", flat=True))


def decision_deadline_with(
    case: Case, extra_days: frozenset[date], today: date | None = None
) -> date:
    """Case.decision_deadline with the extra Atw days passed in, so that a list of
    cases costs one query for them instead of one per case. Keep in step with the
    model method (tests compare both)."""
    if case.kind == Case.Kind.OBJECTION:
        period_end = None
        if case.decision_made_known_on:
            period_end = deadlines.objection_period_end(
                case.decision_made_known_on, extra_days
            )
        start = max(period_end or case.received_on, case.received_on)
        return deadlines.objection_decision_deadline(
            start,
            committee=case.committee,
            postponed_weeks=case.postponed_weeks,
            suspended_days=case.suspended_days(today),
            extra_days=extra_days,
        )
    if case.kind == Case.Kind.MUNICIPAL_COMPLAINT:
        return deadlines.complaint_decision_deadline(
            case.received_on,
            committee=case.committee,
            postponed_weeks=case.postponed_weeks,
            extra_days=extra_days,
        )
    return deadlines.provider_complaint_deadline(
        case.received_on,
        weeks=case.organisation.complaint_period_weeks,
        postponed_weeks=case.postponed_weeks,
    )


def is_late(case: Case, deadline: date, today: date) -> bool:
    """Case.is_overdue for a known deadline: decided after it, or still open past
    it. A late case stays late once decided."""
    if case.decided_on:
        return case.decided_on > deadline
    return case.is_open and today > deadline


def _date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _record(case: Case, by, *, note: str = "", detail: str = "") -> None:
    CaseEvent.objects.create(case=case, status=case.status, note=note, by=by)
    log_access(
        case, by, CaseAccessLog.Action.CHANGE, actor="handler", detail=detail or note
    )


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValueError(_("This case is no longer open."))


def person_case_url(case: Case) -> str:
    """Where the person follows their case: the page for signed-in people, or the
    guest's signed link; empty when that page does not exist (yet)."""
    try:
        if case.filed_by_id:
            return reverse("complaints:case", args=[case.reference])
        return reverse("complaints:guest_case", args=[case_link_token(case)])
    except NoReverseMatch:
        return ""


def tell_person(case: Case, kind: str, build) -> str:
    """Write to the person who filed the case. `build()` returns (subject, body) and
    runs in the person's language. Accounts get `notify(kind)`; guests an e-mail to
    their confirmed address with their link. Returns what happened."""
    url = person_case_url(case)
    filer = case.filed_by
    if filer is not None:
        with translation.override(filer.preferred_language or settings.LANGUAGE_CODE):
            subject, body = build()
        return str(notify(filer, kind, subject=subject, body=body, url=url))
    if case.guest_email:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = build()
            if url:
                body = f"{body}\n\n{_('Follow your case here:')}\n{absolute_url(url)}"
        send_email.enqueue(subject=str(subject), body=str(body), to=[case.guest_email])
        return "guest"
    return "unreachable"


def _values(case: Case, **extra) -> dict:
    return {
        "reference": case.reference,
        "kind": case.get_kind_display(),
        "organisation": case.organisation.name,
        **extra,
    }


@transaction.atomic
def take_case(case: Case, handler) -> None:
    """The handler takes the case on: from now on reminders go to them."""
    case.handler = handler
    case.save(update_fields=["handler"])
    _record(case, handler, note=_("Case taken on by a handler."), detail="take")


@transaction.atomic
def acknowledge(case: Case, handler, today: date | None = None) -> str:
    """Confirm receipt in writing (Awb 9:6; 6:14 for objections). Sent even when the
    person switched case updates off: a required notification kind."""
    today = today or timezone.localdate()
    _require_open(case)
    if case.acknowledged_on:
        raise ValueError(
            _("Receipt was already confirmed on %(date)s.")
            % {"date": _date(case.acknowledged_on)}
        )
    case.acknowledged_on = today
    if case.status == Case.Status.RECEIVED:
        case.status = Case.Status.ACKNOWLEDGED
    case.handler = case.handler or handler
    case.save(update_fields=["acknowledged_on", "status", "handler"])
    _record(
        case, handler, note=_("Receipt confirmed in writing."), detail="acknowledge"
    )
    deadline = case.decision_deadline(today)

    def build():
        values = _values(
            case, received=_date(case.received_on), deadline=_date(deadline)
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
    _require_open(case)
    if status not in Case.OPEN_STATUSES:
        raise ValueError(_("Use the matching step to end a case."))
    case.status = status
    case.handler = case.handler or handler
    case.save(update_fields=["status", "handler"])
    _record(case, handler, note=note, detail=f"status:{status}")


@transaction.atomic
def note_committee(case: Case, handler) -> None:
    """An advisory committee (Awb 7:13) or complaints committee (9:14) advises: the
    decision period becomes 12 or 10 weeks."""
    _require_open(case)
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
    _record(
        case,
        handler,
        note=_("Advisory committee noted: %(rule)s") % {"rule": case.decision_rule()},
        detail="committee",
    )


@transaction.atomic
def postpone(case: Case, weeks: int, notice: str, handler) -> date:
    """Postpone the decision once, with a written notice to the person (Awb 7:10 lid
    3: at most 6 weeks; 9:11 lid 2: at most 4). Returns the new deadline."""
    _require_open(case)
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
    _record(
        case,
        handler,
        note=_("Decision postponed by %(weeks)s weeks, to %(deadline)s.")
        % {"weeks": weeks, "deadline": _date(new_deadline)},
        detail="postpone",
    )

    def build():
        values = _values(case, deadline=_date(new_deadline))
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
    _require_open(case)
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
    _record(
        case,
        handler,
        note=_("Hearing planned on %(when)s in %(place)s.")
        % {"when": formats.date_format(local, "j F Y H:i"), "place": place},
        detail="hearing",
    )

    def build():
        values = _values(
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


def one_year_after(day: date) -> date:
    return retention_ends_on(day, OMBUDSMAN_YEARS)


def next_step(case: Case, decided_on: date, *, jeugdwet: bool = True) -> str:
    """What the person can do when they do not agree, with its deadline: appeal to
    the court within 6 weeks (Awb 6:7, 8:1), or the ombudsman within a year
    (9:24)."""
    if case.kind == Case.Kind.OBJECTION:
        # The appeal period runs from the day after the decision was sent (6:8).
        until = deadlines.objection_period_end(decided_on, all_atw_extra_days())
        court = (
            _("the juvenile judge (kinderrechter) of the court")
            if jeugdwet
            else _("the administrative court")
        )
        return _(
            "Do you not agree with this decision? Then you can appeal to "
            "%(court)s. Do this within 6 weeks, by %(date)s at the latest (Awb 6:7 "
            "and 8:1)."
        ) % {"court": court, "date": _date(until)}
    until = one_year_after(decided_on)
    if case.kind == Case.Kind.MUNICIPAL_COMPLAINT:
        return _(
            "Are you not satisfied with how we handled your complaint? Then you can "
            "go to the municipal ombudsman or the Nationale ombudsman, and for the "
            "rights of children to the Kinderombudsman. Do this within one year, by "
            "%(date)s at the latest (Awb 9:24)."
        ) % {"date": _date(until)}
    return _(
        "Are you not satisfied with the outcome? Then you can go to the "
        "Kinderombudsman or the Nationale ombudsman within one year, by %(date)s at "
        "the latest. You can also go to the civil court."
    ) % {"date": _date(until)}


@transaction.atomic
def decide(
    case: Case,
    outcome: str,
    text: str,
    handler,
    today: date | None = None,
    *,
    jeugdwet: bool = True,
) -> None:
    """The written, reasoned outcome (Awb 9:12; 7:12 for objections). The next step
    and its deadline are added to the text and sent to the person."""
    today = today or timezone.localdate()
    _require_open(case)
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Write the reasons for the outcome."))
    if outcome not in Case.Outcome.values:
        raise ValueError(_("Choose an outcome."))
    with translation.override(_person_language(case)):
        step = next_step(case, today, jeugdwet=jeugdwet)
    case.decided_on = today
    case.outcome = outcome
    case.outcome_text = f"{text}\n\n{step}"
    case.status = Case.Status.DECIDED
    case.handler = case.handler or handler
    case.save(
        update_fields=["decided_on", "outcome", "outcome_text", "status", "handler"]
    )
    _record(
        case,
        handler,
        note=_("Decided: %(outcome)s.") % {"outcome": case.get_outcome_display()},
        detail="decide",
    )

    def build():
        values = _values(case, outcome=case.get_outcome_display())
        subject = _("Decision on your case %(reference)s") % values
        body = "\n\n".join([_("Outcome: %(outcome)s.") % values, case.outcome_text])
        return subject, body

    tell_person(case, "case_decision", build)


def _person_language(case: Case) -> str:
    if case.filed_by_id and case.filed_by.preferred_language:
        return case.filed_by.preferred_language
    return settings.LANGUAGE_CODE


def decline_deadline(case: Case) -> date:
    """The last day to decline a complaint about a municipality: 4 weeks after
    receipt (Awb 9:8 lid 2), Atw applies."""
    return deadlines.atw_extend(
        deadlines.weeks_period_end(case.received_on, DECLINE_WEEKS),
        all_atw_extra_days(),
    )


@transaction.atomic
def decline(case: Case, reason: str, handler, today: date | None = None) -> None:
    """Decline to handle a complaint (Awb 9:8), in writing, with the reason and the
    ombudsman; for a complaint about a municipality within 4 weeks."""
    today = today or timezone.localdate()
    _require_open(case)
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Give the reason why the complaint is not handled."))
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
                % {"date": _date(last_day)}
            )
    with translation.override(_person_language(case)):
        ombudsman = _(
            "Do you not agree? Then you can go to the municipal ombudsman or the "
            "Nationale ombudsman, and for the rights of children to the "
            "Kinderombudsman. Do this within one year, by %(date)s at the latest."
        ) % {"date": _date(one_year_after(today))}
    case.status = Case.Status.DECLINED
    case.closing_reason = f"{reason}\n\n{ombudsman}"
    case.closed_on = today
    case.save(update_fields=["status", "closing_reason", "closed_on"])
    _record(case, handler, note=reason, detail="decline")

    def build():
        subject = _("We do not handle your complaint %(reference)s") % _values(case)
        return subject, case.closing_reason

    tell_person(case, "case_decision", build)


@transaction.atomic
def forward(case: Case, reason: str, handler, today: date | None = None) -> None:
    """Send the case on to the body that handles it (for example Awb 2:3), with the
    reason; the person is told."""
    _require_open(case)
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Say to whom and why the case is forwarded."))
    case.status = Case.Status.FORWARDED
    case.closing_reason = reason
    case.closed_on = today or timezone.localdate()
    case.save(update_fields=["status", "closing_reason", "closed_on"])
    _record(case, handler, note=reason, detail="forward")

    def build():
        subject = _("Your case %(reference)s was forwarded") % _values(case)
        return subject, reason

    tell_person(case, "case_update", build)


@transaction.atomic
def withdraw(case: Case, note: str, handler, today: date | None = None) -> None:
    """The person withdrew the case (they asked, by message, phone or letter)."""
    _require_open(case)
    note = (note or "").strip()
    if not note:
        raise ValueError(_("Say how and when the person withdrew the case."))
    case.status = Case.Status.WITHDRAWN
    case.closing_reason = note
    case.closed_on = today or timezone.localdate()
    case.save(update_fields=["status", "closing_reason", "closed_on"])
    _record(case, handler, note=note, detail="withdraw")

    def build():
        subject = _("Your case %(reference)s was withdrawn") % _values(case)
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
    _record(case, handler, note=_("Case closed."), detail="close")


@transaction.atomic
def handler_message(case: Case, handler, text: str) -> CaseMessage:
    """A message from the handler to the person. The e-mail only says there is a
    message; the text stays in the case."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Write a message."))
    message = CaseMessage.objects.create(
        case=case, from_handler=True, author=handler, text=text
    )
    _record(case, handler, note=_("Message sent to the person."), detail="message")

    def build():
        values = _values(case)
        subject = _("New message about your case %(reference)s") % values
        body = (
            _(
                "%(organisation)s sent you a message about your case %(reference)s. "
                "Open your case to read it."
            )
            % values
        )
        return subject, body

    tell_person(case, "case_update", build)
    return message


# Reminders ------------------------------------------------------------------
# Run once a day (manage.py send_case_reminders). A reminder goes out exactly 7
# days before the deadline and on the deadline itself, so one run a day sends each
# reminder once; nothing is stored. A day the command does not run is not caught
# up.


def reminder_recipients(case: Case) -> list:
    """The case's handler while they still handle cases there, else every current
    handler of the organisation."""
    if case.handler_id and is_handler(case.handler, case):
        return [case.handler]
    memberships = (
        Membership.objects.current()
        .filter(organisation_id=case.organisation_id, role=Role.CASE_HANDLER)
        .select_related("user")
        .order_by("user_id")
    )
    users = {m.user_id: m.user for m in memberships}
    return list(users.values())


def send_case_reminders(today: date | None = None) -> int:
    """Remind handlers 7 days before and on each open case's decision deadline.
    Returns the number of reminders sent or queued."""
    today = today or timezone.localdate()
    extra_days = all_atw_extra_days()
    cases = Case.objects.filter(status__in=Case.OPEN_STATUSES).select_related(
        "organisation", "handler"
    )
    count = 0
    for case in cases:
        deadline = decision_deadline_with(case, extra_days, today)
        days_left = (deadline - today).days
        if days_left > REMINDER_DAYS_BEFORE:
            continue
        # Each reminder once per deadline, and a missed day is caught up.
        kind = CaseReminder.Kind.DUE if days_left <= 0 else CaseReminder.Kind.BEFORE
        _reminder, created = CaseReminder.objects.get_or_create(
            case=case, kind=kind, deadline=deadline, defaults={"sent_on": today}
        )
        if not created:
            continue
        try:
            url = reverse("complaints:handle", args=[case.reference])
        except NoReverseMatch:
            url = ""
        for user in reminder_recipients(case):
            with translation.override(
                user.preferred_language or settings.LANGUAGE_CODE
            ):
                values = _values(
                    case, deadline=_date(deadline), rule=case.decision_rule()
                )
                if days_left < 0:
                    subject = _("Deadline passed: case %(reference)s") % values
                elif days_left == 0:
                    subject = _("Deadline today: case %(reference)s") % values
                else:
                    subject = _("Deadline in %(days)s days: case %(reference)s") % {
                        **values,
                        "days": days_left,
                    }
                body = "\n\n".join(
                    [
                        _(
                            "The decision on case %(reference)s (%(kind)s, "
                            "%(organisation)s) is due by %(deadline)s at the latest."
                        )
                        % values,
                        _("Rule: %(rule)s.") % values,
                    ]
                )
            notify(
                user,
                "staff_deadline_reminder",
                subject=subject,
                body=body,
                url=url,
            )
            count += 1
    return count


# Download of a case (AVG art. 15) -------------------------------------------

CASE_EXPORT_FIELDS = (
    "reference",
    "kind",
    "status",
    "received_on",
    "filed_as",
    "name",
    "address",
    "phone",
    "guest_email",
    "on_behalf_of",
    "decision_description",
    "decision_reference",
    "decision_date",
    "decision_made_known_on",
    "conduct_description",
    "conduct_date",
    "grounds",
    "wish",
    "is_late",
    "late_reason",
    "missing_parts",
    "acknowledged_on",
    "hearing_at",
    "hearing_place",
    "postponed_weeks",
    "postponement_notice",
    "decided_on",
    "outcome",
    "outcome_text",
    "closing_reason",
    "closed_on",
)


def write_case_archive(case: Case, target, *, user=None, actor: str) -> None:
    """Everything the platform holds on one case, as a ZIP: case.json (the case, its
    timeline, messages and the access log) and the files. Logged as an export."""

    data = {field: getattr(case, field) for field in CASE_EXPORT_FIELDS}
    data["organisation"] = case.organisation.name
    data["decision_deadline"] = case.decision_deadline()
    data["decision_rule"] = case.decision_rule()
    data["timeline"] = [
        {"status": event.status, "note": event.note, "at": event.at}
        for event in case.events.all()
    ]
    data["messages"] = [
        {
            "from_handler": message.from_handler,
            "text": message.text,
            "at": message.sent_at,
        }
        for message in case.messages.all()
    ]
    data["access_log"] = [
        {"who": entry.actor, "action": entry.action, "at": entry.at}
        for entry in case.access_log.all()
    ]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "case.json",
            json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        )
        for attachment in case.attachments.all():
            with attachment.file.open("rb") as source:
                archive.writestr(
                    f"files/{attachment.pk}-{attachment.original_name}", source.read()
                )
    log_access(case, user, CaseAccessLog.Action.EXPORT, actor=actor)
