"""The case's timeline and access log, which every flow writes: who did what, and
who read or changed the case."""

from django.utils.translation import gettext as _

from ..models import (
    Case,
    CaseAccessLog,
    CaseEvent,
)


def log_access(case: Case, user, action: str, *, actor: str, detail: str = "") -> None:
    """Write who read or changed a case. Append-only (CaseAccessLog.save)."""
    CaseAccessLog.objects.create(
        case=case,
        user=user if getattr(user, "is_authenticated", False) else None,
        actor=actor,
        action=action,
        detail=detail[:300],
    )


def actor_for(user) -> str:
    return "filer" if getattr(user, "is_authenticated", False) else "guest"


def add_event(case: Case, status: str, note: str = "", by=None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        status=status,
        note=str(note),
        by=by if getattr(by, "is_authenticated", False) else None,
    )


def record_step(case: Case, by, *, note: str = "", detail: str = "") -> None:
    """A handler's step: an event on the timeline and a change in the access log."""
    add_event(case, case.status, note, by)
    log_access(
        case, by, CaseAccessLog.Action.CHANGE, actor="handler", detail=detail or note
    )


def require_open(case: Case) -> None:
    if not case.is_open:
        raise ValueError(_("This case is no longer open."))
