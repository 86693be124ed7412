"""Files with a case: stored in private storage under a random name."""

from pathlib import PurePath

from ..models import (
    Case,
    CaseAccessLog,
    CaseAttachment,
)
from .records import actor_for, log_access


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
        actor="handler" if from_handler else actor_for(user),
        detail=f"attachment {attachment.pk} added",
    )
    return attachment
