"""Roles that follow the identity provider's groups.

At every sign-in through a staff provider, the person holds exactly the roles
their groups map to in that organisation, as far as the provider gives them:
memberships an administrator made by hand are left alone.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from inspraak.organisations.models import Membership

from .models import IdentityProvider

logger = logging.getLogger(__name__)


@transaction.atomic
def follow_groups(user, provider: IdentityProvider, claims: dict) -> set[str]:
    """Give `user` the roles of their groups in `claims`, take away the roles this
    provider gave before and the groups no longer bring. Returns the roles now
    granted by the provider."""
    wanted = provider.roles_for(claims)
    removed = []
    for membership in Membership.objects.filter(user=user, granted_by=provider):
        if membership.role not in wanted:
            membership.delete()  # also brings the Wagtail groups in step
            removed.append(membership.role)
    held = set(
        Membership.objects.filter(
            user=user, organisation=provider.organisation
        ).values_list("role", flat=True)
    )
    added = sorted(wanted - held)
    for role in added:
        Membership.objects.create(
            user=user,
            organisation=provider.organisation,
            role=role,
            granted_by=provider,
        )
    if added or removed:
        record_change(
            user,
            f"Roles at {provider.organisation} from the groups at {provider.slug}: "
            + ", ".join(
                [f"+{role}" for role in added] + [f"-{role}" for role in removed]
            ),
        )
    return wanted


def record_change(user, message: str) -> None:
    """Note in the person's admin history (Django admin, "History") and in the
    server log what their identity provider changed: roles open case data."""
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=get_user_model().objects.filter(pk=user.pk),
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )
    logger.info("%s: %s", user.pk, message)


def follow_provider_on_sign_in(sender, request, user, sociallogin=None, **kwargs):
    """allauth's user_logged_in: after a sign-in through a staff provider, roles
    follow its groups and a second factor it proved is recorded (claims.py)."""
    if sociallogin is None:
        return
    from .claims import after_sign_in

    after_sign_in(request, user, sociallogin)
