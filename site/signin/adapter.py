from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp

from .claims import (
    claims_of,
    drop_national_numbers,
    provider_of,
    remember_digid,
)
from .models import IdentityProvider
from .renewal import reactivate_if_deactivated_by
from .views import safe_path


def social_app(provider: IdentityProvider) -> SocialApp:
    """The allauth app of an identity provider, built from our own row (never
    stored in allauth's table, so the admin has one place to configure it)."""
    return SocialApp(
        provider="openid_connect",
        provider_id=provider.slug,
        name=provider.name,
        client_id=provider.client_id,
        secret=provider.client_secret,
        settings={
            "server_url": provider.issuer,
            # Staff addresses are in the organisation's own domains (checked in
            # pre_social_login): the organisation vouches for them.
            "verified_email": provider.kind == IdentityProvider.Kind.STAFF,
            "oauth_pkce_enabled": True,
            # offline_access: a refresh token, with which Inspraak later learns
            # whether the account still exists (renewal.py). Entra ID needs it.
            "scope": ["openid", "profile", "email"]
            + (
                ["offline_access"]
                if provider.kind == IdentityProvider.Kind.STAFF
                else []
            ),
        },
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        rows = IdentityProvider.objects.filter(is_active=True)
        if provider and provider != "openid_connect":
            rows = rows.filter(slug=provider)
        if client_id:
            rows = rows.filter(client_id=client_id)
        return apps + [social_app(row) for row in rows]

    def pre_social_login(self, request, sociallogin):
        provider = provider_of(sociallogin)
        if provider is None:
            raise ImmediateHttpResponse(
                refuse(request, _("This way of signing in is not available."))
            )
        claims = claims_of(sociallogin)
        drop_national_numbers(sociallogin)
        if provider.kind == IdentityProvider.Kind.DIGID:
            # Residents are identified for this session, not given an account.
            remember_digid(request, provider, claims)
            next_url = sociallogin.state.get("next") or ""
            raise ImmediateHttpResponse(
                HttpResponseRedirect(next_url if safe_path(next_url) else "/")
            )
        email = claims.get("email") or ""
        if sociallogin.is_existing:
            # The provider let this account in: it exists (again).
            reactivate_if_deactivated_by(sociallogin.user, provider)
        if not provider.accepts_email(email):
            raise ImmediateHttpResponse(
                refuse(
                    request,
                    _(
                        "You signed in as %(email)s, but %(organisation)s only lets "
                        "addresses ending in %(domains)s in. Sign in with your work "
                        "account, or ask your organisation's administrator."
                    )
                    % {
                        "email": email or _("(no e-mail address)"),
                        "organisation": provider.organisation.name,
                        "domains": ", ".join("@" + d for d in provider.domains),
                    },
                )
            )

    def is_auto_signup_allowed(self, request, sociallogin):
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.display_name = (name or data.get("email") or "").strip()[:80]
        return user


def refuse(request, message: str):
    return render(request, "signin/refused.html", {"message": message}, status=403)
