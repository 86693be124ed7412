"""Who may moderate a consultation, publish its feedback and organise it: the
people of the organising organisation with one of the roles below (superusers too).
Organisers manage the consultation, its "you said, we did" and its live sessions in
the Wagtail admin (admin_permissions/)."""

from django.db.models import QuerySet

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import has_role, scope

MODERATION_ROLES = (Role.MODERATOR, Role.POLICY, Role.ADMIN)
FEEDBACK_ROLES = (Role.POLICY, Role.ADMIN)
ORGANISER_ROLES = FEEDBACK_ROLES


def can_moderate(user, consultation) -> bool:
    return bool(user and user.is_authenticated) and has_role(
        user, consultation.organisation_id, *MODERATION_ROLES
    )


def can_publish_feedback(user, consultation) -> bool:
    return bool(user and user.is_authenticated) and has_role(
        user, consultation.organisation_id, *FEEDBACK_ROLES
    )


def moderated(queryset: QuerySet, user, field: str = "organisation") -> QuerySet:
    """`queryset` narrowed to the consultations `user` moderates."""
    return scope(queryset, user, MODERATION_ROLES, field=field)


def feedback_editable(queryset: QuerySet, user, field: str) -> QuerySet:
    return scope(queryset, user, FEEDBACK_ROLES, field=field)


def organised(queryset: QuerySet, user, field: str = "organisation") -> QuerySet:
    """`queryset` narrowed to what hangs off the consultations `user` organises."""
    return scope(queryset, user, ORGANISER_ROLES, field=field)


def organises(user, organisation_id: int | None) -> bool:
    return (
        bool(user and user.is_authenticated)
        and organisation_id is not None
        and has_role(user, organisation_id, *ORGANISER_ROLES)
    )
