"""Download of a case (AVG art. 15): everything the platform holds on it, as a
ZIP."""

import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder

from ..models import (
    Case,
    CaseAccessLog,
)
from .records import log_access

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
