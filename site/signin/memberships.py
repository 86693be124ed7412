"""Roles that follow the identity provider's groups.

At every sign-in through a staff provider, the person holds exactly the roles
their groups map to in that organisation, as far as the provider gives them:
memberships an administrator made by hand are left alone.
"""

from django.db import transaction

from inspraak.organisations.models import Membership

from .models import IdentityProvider


@transaction.atomic
def follow_groups(user, provider: IdentityProvider, claims: dict) -> set[str]:
    """Give `user` the roles of their groups in `claims`, take away the roles this
    provider gave before and the groups no longer bring. Returns the roles now
    granted by the provider."""
    wanted = provider.roles_for(claims)
    granted = Membership.objects.filter(user=user, granted_by=provider)
    for membership in granted:
        if membership.role not in wanted:
            membership.delete()  # also brings the Wagtail groups in step
    held = set(
        Membership.objects.filter(
            user=user, organisation=provider.organisation
        ).values_list("role", flat=True)
    )
    for role in sorted(wanted - held):
        Membership.objects.create(
            user=user,
            organisation=provider.organisation,
            role=role,
            granted_by=provider,
        )
    return wanted


def follow_provider_on_sign_in(sender, request, user, sociallogin=None, **kwargs):
    """allauth's user_logged_in: after a sign-in through a staff provider, roles
    follow its groups and a second factor it proved is recorded (claims.py)."""
    if sociallogin is None:
        return
    from .claims import after_sign_in

    after_sign_in(request, user, sociallogin)
