"""Who may see and do what with experience experts' data. Every rule here has a
test for the person who must not get in (tests/experience_experts/test_permissions.py).

- An organisation's assignments, applicants, bookings and hours: its current
  administrators, policy officers and procurement officers (ORGANISER_ROLES).
- A profile (health data): the expert, and organisations the expert applied to or is
  booked by. Organisations searching for candidates see only what the expert allowed
  (`findable`): name, kinds of work, regions, days and whether the themes fit.
- Bookings and statements: the expert and the booking organisation; the statement per
  year: the expert only.
- Declarations: the expert and the organisation that runs the procurement round.
"""

from django.db.models import Q, QuerySet

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import has_role, organisation_ids_for

from .models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    WorkLog,
)

ORGANISER_ROLES = (Role.ADMIN, Role.POLICY, Role.PROCUREMENT)


def organiser_ids(user) -> set[int]:
    return organisation_ids_for(user, ORGANISER_ROLES)


def is_organiser_anywhere(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or organiser_ids(user)))


def organises(user, organisation_id: int) -> bool:
    return has_role(user, organisation_id, *ORGANISER_ROLES)


def assignments_for_organiser(user) -> QuerySet:
    if user.is_authenticated and user.is_superuser:
        return Assignment.objects.all()
    return Assignment.objects.filter(organisation_id__in=organiser_ids(user))


def can_view_assignment(user, assignment: Assignment) -> bool:
    """Open and later assignments are public to experts; drafts only to the
    organisation."""
    if organises(user, assignment.organisation_id):
        return True
    return assignment.state != Assignment.State.DRAFT


def can_view_profile(user, profile: ExpertProfile) -> bool:
    if not user.is_authenticated:
        return False
    if profile.user_id == user.pk or user.is_superuser:
        return True
    ids = organiser_ids(user)
    if not ids:
        return False
    applied = Application.objects.filter(
        expert_id=profile.user_id, assignment__organisation_id__in=ids
    ).exists()
    return (
        applied
        or Booking.objects.filter(
            expert_id=profile.user_id, assignment__organisation_id__in=ids
        ).exists()
    )


def applications_visible_to(user, assignment: Assignment) -> QuerySet:
    if not organises(user, assignment.organisation_id):
        return Application.objects.none()
    return assignment.applications.all()


def can_view_booking(user, booking: Booking) -> bool:
    if not user.is_authenticated:
        return False
    if booking.expert_id is not None and booking.expert_id == user.pk:
        return True
    return organises(user, booking.assignment.organisation_id)


def is_booked_expert(user, booking: Booking) -> bool:
    return user.is_authenticated and booking.expert_id == user.pk


def can_decide_on_hours(user, log: WorkLog) -> bool:
    return organises(user, log.booking.assignment.organisation_id)


def declarations_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return ConflictDeclaration.objects.none()
    if user.is_superuser:
        return ConflictDeclaration.objects.all()
    return ConflictDeclaration.objects.filter(
        Q(expert=user) | Q(procurement_round__organisation_id__in=organiser_ids(user))
    )


def can_view_declaration(user, declaration: ConflictDeclaration) -> bool:
    if not user.is_authenticated:
        return False
    if declaration.expert_id is not None and declaration.expert_id == user.pk:
        return True
    return organises(user, declaration.procurement_round.organisation_id)


def can_decide_declaration(user, declaration: ConflictDeclaration) -> bool:
    return organises(user, declaration.procurement_round.organisation_id)
