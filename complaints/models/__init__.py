"""The complaints models: holidays.py (the extra Atw days), cases.py (Case and its
reference counter), timeline.py (events, messages, access log, reminders) and
files.py (attachments in private storage). Imported here for Django; migration
0002 also names PrivateStorage and _attachment_path here."""

from .cases import Case, ReferenceCounter
from .files import CaseAttachment, PrivateStorage, _attachment_path
from .holidays import AtwExtraDay
from .timeline import CaseAccessLog, CaseEvent, CaseMessage, CaseReminder

__all__ = [
    "AtwExtraDay",
    "Case",
    "CaseAccessLog",
    "CaseAttachment",
    "CaseEvent",
    "CaseMessage",
    "CaseReminder",
    "PrivateStorage",
    "ReferenceCounter",
    "_attachment_path",
]
