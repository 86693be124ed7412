"""Experience experts (ervaringsdeskundigen), by topic: profiles (and the yearly
allowance limits), procurement (rounds, criteria, declarations), assignments
(sessions, applications, invitations, outcomes), bookings (hours, reminders,
ratings); choices holds the choices and bounds they share.

Django finds the models here. Workflows that touch several of them live in
services/; who may see what in permissions.py; the tax rule in allowance.py."""

from .assignments import (
    Application,
    Assignment,
    AssignmentOutcome,
    Invitation,
    Session,
)
from .bookings import Booking, Rating, SessionReminder, WorkLog
from .procurement import (
    ConflictDeclaration,
    Criterion,
    DeclaredRelation,
    ProcurementRound,
)
from .profiles import AllowanceLimits, ExpertProfile, new_token

__all__ = [
    "AllowanceLimits",
    "Application",
    "Assignment",
    "AssignmentOutcome",
    "Booking",
    "ConflictDeclaration",
    "Criterion",
    "DeclaredRelation",
    "ExpertProfile",
    "Invitation",
    "ProcurementRound",
    "Rating",
    "Session",
    "SessionReminder",
    "WorkLog",
    "new_token",  # the migrations name it as experience_experts.models.new_token
]
