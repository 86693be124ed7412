"""Does the organisation account still exist?

OpenID Connect has no question "does this person still exist?", but a provider
answers every renewal of a sign-in (the refresh-token grant, RFC 6749 6) with
`invalid_grant` once the account is deleted or blocked there. So, for a session
that signed in through a staff provider, Inspraak renews at most every
SIGNIN_CHECK_EVERY seconds, at the person's next request:

- renewed: nothing changes (a rotated refresh token is kept);
- `invalid_grant`: the account is deactivated and signed out, and its roles from
  the provider's groups go. A later sign-in through the same provider, which
  proves the account exists again, reactivates it; an administrator can too.
- the provider does not answer: nothing changes; the next request tries again.

The refresh token lives in the session only, never in the database.
"""

import logging
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

import requests

from .claims import SESSION_PROVIDER
from .memberships import record_change
from .models import Deactivation, IdentityProvider

logger = logging.getLogger(__name__)

SESSION_REFRESH = "signin_refresh"
SESSION_CHECKED = "signin_checked_at"


class Renewal(Enum):
    RENEWED = "renewed"
    GONE = "gone"
    UNKNOWN = "unknown"


def check_every() -> timedelta:
    return timedelta(seconds=getattr(settings, "SIGNIN_CHECK_EVERY", 600))


def remember(request, sociallogin) -> None:
    """After a sign-in: keep the refresh token for the checks, if there is one."""
    token = getattr(sociallogin, "token", None)
    refresh = getattr(token, "token_secret", "") if token is not None else ""
    if refresh:
        request.session[SESSION_REFRESH] = refresh
        request.session[SESSION_CHECKED] = timezone.now().isoformat()


def is_due(request, now=None) -> bool:
    checked = request.session.get(SESSION_CHECKED)
    if not checked or not request.session.get(SESSION_REFRESH):
        return False
    now = now or timezone.now()
    return now - datetime.fromisoformat(checked) >= check_every()


def renew(provider: IdentityProvider, refresh_token: str) -> tuple[Renewal, str]:
    """Ask the provider to renew; the outcome and the (possibly rotated) token."""
    try:
        session = requests.Session()
        config = session.get(
            provider.issuer.rstrip("/") + "/.well-known/openid-configuration",
            timeout=10,
        ).json()
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        auth = None
        if "client_secret_post" in config.get(
            "token_endpoint_auth_methods_supported", ["client_secret_basic"]
        ):
            data.update(
                client_id=provider.client_id, client_secret=provider.client_secret
            )
        else:
            auth = (provider.client_id, provider.client_secret)
        response = session.post(
            config["token_endpoint"], data=data, auth=auth, timeout=10
        )
    except (requests.RequestException, ValueError, KeyError):
        logger.warning("Could not renew at %s", provider.issuer, exc_info=True)
        return Renewal.UNKNOWN, refresh_token
    if response.status_code == 200:
        try:
            return Renewal.RENEWED, response.json().get(
                "refresh_token"
            ) or refresh_token
        except ValueError:
            return Renewal.UNKNOWN, refresh_token
    try:
        error = response.json().get("error")
    except ValueError:
        error = None
    if response.status_code == 400 and error == "invalid_grant":
        return Renewal.GONE, ""
    logger.warning(
        "Renewal at %s answered %s %s", provider.issuer, response.status_code, error
    )
    return Renewal.UNKNOWN, refresh_token


@transaction.atomic
def deactivate(user, provider: IdentityProvider) -> None:
    """The provider says the account is gone: no more signing in, no roles."""
    from inspraak.organisations.models import Membership

    for membership in Membership.objects.filter(user=user, granted_by=provider):
        membership.delete()
    user.is_active = False
    user.save(update_fields=["is_active"])
    Deactivation.objects.update_or_create(user=user, defaults={"provider": provider})
    record_change(user, f"Switched off: {provider.slug} says the account is gone")


def reactivate_if_deactivated_by(user, provider: IdentityProvider) -> bool:
    """A sign-in through `provider` proves the account exists again."""
    if user is None or user.pk is None or user.is_active:
        return False
    deleted, _ = Deactivation.objects.filter(user=user, provider=provider).delete()
    if not deleted:
        return False  # switched off by an administrator: stays off
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_change(user, f"Switched on: signed in through {provider.slug} again")
    return True


class ProviderAccountMiddleware:
    """At a signed-in person's next request after the interval, check that their
    organisation account still exists (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(SESSION_PROVIDER)
            and is_due(request)
        ):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        provider = IdentityProvider.objects.filter(
            pk=request.session[SESSION_PROVIDER]
        ).first()
        if provider is None:
            return None
        outcome, token = renew(provider, request.session[SESSION_REFRESH])
        if outcome is Renewal.GONE:
            user = request.user
            deactivate(user, provider)
            logout(request)
            messages.error(
                request,
                _(
                    "Your account at %(organisation)s no longer exists, so your "
                    "Inspraak account is switched off. Is this a mistake? Ask your "
                    "organisation's administrator."
                )
                % {"organisation": provider.organisation.name},
            )
            return redirect("account_login")
        request.session[SESSION_CHECKED] = timezone.now().isoformat()
        request.session[SESSION_REFRESH] = token
        return None
