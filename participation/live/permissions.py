"""Who may moderate a live session: the one place that decides it."""

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

MODERATING_ROLES = (Role.MODERATOR, Role.POLICY, Role.ADMIN)


def can_moderate(user, session) -> bool:
    """A superuser; a current member of the consultation's organisation with role
    moderator, policy or admin; or a person assigned to this session."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    organisation_id = session.consultation.organisation_id
    if organisation_id in organisation_ids_for(user, MODERATING_ROLES):
        return True
    return session.moderators.filter(pk=user.pk).exists()


def moderated_sessions(user):
    """The live sessions `user` may moderate (for lists and the console)."""
    from django.db.models import Q

    from .models import LiveSession

    if user is None or not user.is_authenticated or not user.is_active:
        return LiveSession.objects.none()
    if user.is_superuser:
        return LiveSession.objects.all()
    organisation_ids = organisation_ids_for(user, MODERATING_ROLES)
    return LiveSession.objects.filter(
        Q(consultation__organisation_id__in=organisation_ids) | Q(moderators=user)
    ).distinct()
