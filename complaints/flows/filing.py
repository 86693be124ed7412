"""Filing a case, by a signed-in person or a guest, and the guest's confirmation
of their e-mail address."""

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url

from ..models import (
    Case,
    CaseAccessLog,
)
from ..models.cases import next_reference
from ..permissions import case_link_token
from .attachments import add_attachment
from .records import actor_for, add_event, log_access
from .repair import request_repair


def objection_is_late(case: Case) -> bool:
    """Received after the objection period ended (accepted all the same, Awb 6:11)."""
    end = case.objection_period_end()
    return bool(end and case.received_on > end)


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
    add_event(case, case.status, note, user)
    log_access(
        case, user, CaseAccessLog.Action.CHANGE, actor=actor_for(user), detail="filed"
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
        add_event(case, case.status, _("E-mail address confirmed"))
        if case.missing_parts:
            request_repair(case, case.missing_parts, today=today)
    return True
