import logging

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import requests
from allauth.socialaccount.adapter import get_adapter

from .forms import DiscoveryForm
from .models import IdentityProvider

logger = logging.getLogger(__name__)


def safe_path(candidate: str) -> bool:
    """A path on this site ("/klachten/"), not another site ("//evil") and without
    control characters."""
    return (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and candidate.isprintable()
        and len(candidate) <= 2000
    )


def _next_url(request) -> str:
    """The page to come back to: a path on this site, or nothing."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if not safe_path(candidate):
        return ""
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return ""


class ProviderUnreachable(Exception):
    pass


def _go_to(request, provider: IdentityProvider, next_url: str, **auth_params):
    """Send the browser to the provider through allauth's OpenID Connect flow. Its
    discovery document is read first; ProviderUnreachable when that fails."""
    allauth_provider = get_adapter(request).get_provider(request, provider.slug)
    try:
        return allauth_provider.redirect(
            request, "login", next_url=next_url or None, auth_params=auth_params
        )
    except (requests.RequestException, ValueError, KeyError) as error:
        logger.warning(
            "Identity provider %s unreachable", provider.issuer, exc_info=True
        )
        raise ProviderUnreachable from error


def _unreachable_message(provider: IdentityProvider) -> str:
    return _(
        "We cannot reach the sign-in page of %(name)s right now. Try again in a "
        "few minutes."
    ) % {"name": provider.name}


@require_http_methods(["GET", "POST"])
def discovery(request):
    """'Inloggen met je organisatie-account': type your work address, and we take
    you to your organisation's identity provider."""
    form = DiscoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _go_to(
                request,
                form.provider,
                _next_url(request),
                login_hint=form.cleaned_data["email"],
            )
        except ProviderUnreachable:
            form.add_error(None, _unreachable_message(form.provider))
    return render(
        request,
        "signin/discovery.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@require_POST
def digid(request, slug):
    """Identify a resident with DigiD through the municipality's broker; back to
    where they came from, with a message, when it cannot be reached."""
    provider = get_object_or_404(
        IdentityProvider, slug=slug, kind=IdentityProvider.Kind.DIGID, is_active=True
    )
    next_url = _next_url(request)
    try:
        return _go_to(request, provider, next_url)
    except ProviderUnreachable:
        messages.error(request, _unreachable_message(provider))
        return HttpResponseRedirect(next_url or "/")


def signed_out(request):
    """Where the identity provider sends the browser after ending its session."""
    return render(request, "signin/signed_out.html")


def provider_login(request, provider_id):
    """allauth's start of an OpenID Connect sign-in, with a message instead of a
    server error when the provider cannot be reached."""
    from allauth.socialaccount.providers.openid_connect import views as oidc_views

    try:
        return oidc_views.login(request, provider_id)
    except (requests.RequestException, ValueError, KeyError):
        logger.warning("Identity provider %s unreachable", provider_id, exc_info=True)
        provider = IdentityProvider.objects.filter(slug=provider_id).first()
        messages.error(
            request,
            _unreachable_message(provider)
            if provider
            else _("This way of signing in is not available."),
        )
        return redirect("account_login")
