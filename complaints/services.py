"""What happens to cases: the steps views and commands call. Each step writes the
case's access log."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .models import Case, CaseAccessLog, CaseAttachment, CaseEvent, CaseMessage

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
    from pathlib import PurePath

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
    from datetime import timedelta

    from django.utils.translation import gettext as _

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
    from django.template.loader import render_to_string
    from django.urls import reverse

    from inspraak.core.tasks import send_email
    from inspraak.notifications.services import absolute_url

    from .permissions import case_link_token

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

    from django.utils.translation import gettext as _

    from .models import next_reference

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
    from django.utils.translation import gettext as _

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
    from django.utils.translation import gettext as _

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
    from django.utils.translation import gettext as _

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
    return message
