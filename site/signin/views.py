import logging

from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

import requests
from allauth.socialaccount.adapter import get_adapter

from .forms import DiscoveryForm
from .models import IdentityProvider

logger = logging.getLogger(__name__)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return ""


def _go_to(request, provider: IdentityProvider, next_url: str, **auth_params):
    """Send the browser to the provider through allauth's OpenID Connect flow, or
    say that it cannot be reached now (its discovery document is read first)."""
    allauth_provider = get_adapter(request).get_provider(request, provider.slug)
    try:
        return allauth_provider.redirect(
            request, "login", next_url=next_url or None, auth_params=auth_params
        )
    except (requests.RequestException, ValueError, KeyError):
        logger.warning(
            "Identity provider %s unreachable", provider.issuer, exc_info=True
        )
        return render(
            request,
            "signin/unavailable.html",
            {"provider": provider},
            status=503,
        )


@require_http_methods(["GET", "POST"])
def discovery(request):
    """'Inloggen met je organisatie-account': type your work address, and we take
    you to your organisation's identity provider."""
    form = DiscoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _go_to(
            request,
            form.provider,
            _next_url(request),
            login_hint=form.cleaned_data["email"],
        )
    return render(
        request,
        "signin/discovery.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@require_POST
def digid(request, slug):
    """Identify a resident with DigiD through the municipality's broker."""
    provider = get_object_or_404(
        IdentityProvider, slug=slug, kind=IdentityProvider.Kind.DIGID, is_active=True
    )
    return _go_to(request, provider, _next_url(request))


def signed_out(request):
    """Where the identity provider sends the browser after ending its session."""
    return render(request, "signin/signed_out.html")
