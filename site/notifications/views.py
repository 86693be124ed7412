"""The preferences page: for the signed-in person, and through the link in every
e-mail (no sign-in needed), plus the RFC 8058 one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferencesForm
from .tokens import LINK_MAX_AGE, ExpiredToken, InvalidToken, read_token


def _preferences(request, user, template, highlight=None, extra=None):
    # GET only shows: mail scanners open links, and must never change anything.
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        user=user,
        highlight=highlight,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices have been saved."))
        return redirect(request.get_full_path())
    context = {"form": form, "person": user, "highlight": highlight, **(extra or {})}
    return render(request, template, context)


def _invalid_link(request, error: InvalidToken):
    if isinstance(error, ExpiredToken):
        return render(
            request,
            "notifications/link_expired.html",
            {"days": LINK_MAX_AGE.days},
            status=410,
        )
    return render(request, "notifications/link_invalid.html", status=404)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """The signed-in person's own notification choices."""
    return _preferences(request, request.user, "notifications/preferences.html")


@never_cache
@require_http_methods(["GET", "POST"])
def preferences_by_link(request, token):
    """The same choices through the signed link in an e-mail, without signing in."""
    try:
        user, kind = read_token(token)
    except InvalidToken as error:
        return _invalid_link(request, error)
    return _preferences(
        request,
        user,
        "notifications/preferences_by_link.html",
        highlight=kind,
        extra={"token": token},
    )


@never_cache
@csrf_exempt  # RFC 8058: the mail client POSTs without a session or CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe: a POST switches off the kind in the link."""
    try:
        user, kind = read_token(token)
    except InvalidToken as error:
        return _invalid_link(request, error)
    if request.method == "GET":
        # A mail client without one-click support opens the link in a browser:
        # show the choices instead of changing anything.
        return redirect(reverse("notifications:preferences_by_link", args=[token]))
    # A kind required by law stays on: then nothing is switched off.
    switched_off = services.unsubscribe(user, kind)
    return render(
        request,
        "notifications/unsubscribed.html",
        {"switched_off": switched_off, "token": token, "person": user},
    )
