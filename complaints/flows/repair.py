"""Completing an objection: asking for and adding what it lacks (Awb 6:6), and the
reason for objecting late (Awb 6:11)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Case,
    CaseAccessLog,
)
from .attachments import add_attachment
from .records import actor_for, add_event, log_access

REPAIR_WEEKS = 2  # Awb 6:6: a period to add what an objection lacks


def missing_labels(case: Case) -> list[str]:
    """The names of the parts the objection still lacks, for the person to read."""
    known = {field.name for field in Case._meta.get_fields()}
    return [
        str(Case._meta.get_field(part).verbose_name)
        for part in case.missing_parts
        if part in known
    ]


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
    labels = ", ".join(missing_labels(case))
    add_event(case, case.status, _("Missing: %(parts)s") % {"parts": labels}, by)
    log_access(
        case,
        by,
        CaseAccessLog.Action.CHANGE,
        actor="handler" if by is not None else "system",
        detail="repair requested: " + ", ".join(parts),
    )


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
        add_event(case, case.status, _("The missing parts were added"), user)
    log_access(
        case,
        user,
        CaseAccessLog.Action.CHANGE,
        actor=actor_for(user),
        detail="repaired: " + ", ".join(sorted(allowed)),
    )
    return complete


def give_late_reason(case: Case, reason: str, *, user=None) -> None:
    """Record why an objection came after the period (Awb 6:11)."""

    case.late_reason = reason.strip()
    case.save(update_fields=["late_reason"])
    add_event(case, case.status, _("Reason for objecting late given"), user)
    log_access(
        case,
        user,
        CaseAccessLog.Action.CHANGE,
        actor=actor_for(user),
        detail="late reason",
    )
