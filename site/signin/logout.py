"""Signing out ends the session at the identity provider too (OpenID Connect
RP-Initiated Logout 1.0): the browser goes to the provider's end-session
endpoint, which sends it back to Inspraak's home page."""

import logging

from django.urls import reverse
from django.utils.http import urlencode

from allauth.socialaccount.adapter import get_adapter

from .claims import SESSION_PROVIDER
from .models import IdentityProvider

logger = logging.getLogger(__name__)


def end_session_url(request) -> str | None:
    """Where to send the browser to end the provider's session, or None when the
    person did not sign in through a provider (or it cannot be reached)."""
    provider = IdentityProvider.objects.filter(
        pk=request.session.get(SESSION_PROVIDER), is_active=True
    ).first()
    if provider is None:
        return None
    try:
        allauth_provider = get_adapter(request).get_provider(request, provider.slug)
        config = allauth_provider.get_oauth2_adapter(request).openid_config
    except Exception:  # the provider is down: still sign out of Inspraak
        logger.warning(
            "No end-session endpoint from %s", provider.issuer, exc_info=True
        )
        return None
    endpoint = config.get("end_session_endpoint")
    if not endpoint:
        return None
    query = urlencode(
        {
            "client_id": provider.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse("signed_out")
            ),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
