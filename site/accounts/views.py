import math
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inspraak.signin.claims import adult_proving_providers, digid_identification

from . import ratelimit
from .consent import (
    answer,
    consent_from_token,
    send_request,
    sixteenth_birthday,
    start_consent,
)
from .forms import ParentalConsentForm, ParentEmailForm, ProfileForm

RESEND_AFTER = timedelta(days=1)

# allauth's views with a rate limit of their own, and the ACCOUNT_RATE_LIMITS key.
_RATE_LIMITED_VIEWS = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
}


def too_many_requests(request, wait: float | None = None, failed_sign_ins=False):
    """The 429 page, saying how long to wait (ROOT_URLCONF's handler429, which
    allauth calls). Without a known wait, the longest window of the view's limits:
    after that long the request is let through."""
    if wait is None:
        match = request.resolver_match
        action = _RATE_LIMITED_VIEWS.get(match.url_name) if match else None
        rates = ratelimit.configured_rates(action) if action else []
        wait = max((rate.seconds for rate in rates), default=60)
    response = render(
        request,
        "429.html",
        {
            "wait_minutes": max(1, math.ceil(wait / 60)),
            "failed_sign_ins": failed_sign_ins,
        },
        status=429,
    )
    response["Retry-After"] = str(math.ceil(wait))
    return response


@login_required
def profile(request):
    """The person's own details: display name, language, date of birth."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, user=user)
        if form.is_valid():
            for field in ("display_name", "preferred_language", "date_of_birth"):
                setattr(user, field, form.cleaned_data[field])
            user.save(
                update_fields=["display_name", "preferred_language", "date_of_birth"]
            )
            messages.success(request, _("Your details have been saved."))
            return redirect(translate_url(request.path, user.preferred_language))
    else:
        form = ProfileForm(
            user=user,
            initial={
                "display_name": user.display_name,
                "preferred_language": user.preferred_language,
                "date_of_birth": user.date_of_birth,
            },
        )
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def consent_status(request):
    """For a young person under 16: whether their parent has answered, and a way to
    send the request again or to another parent."""
    consent = getattr(request.user, "parental_consent", None)
    if consent is None:
        return redirect("account_profile")
    form = ParentEmailForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"parent_email": consent.parent_email},
    )
    if request.method == "POST" and consent.restricts and form.is_valid():
        new_address = form.cleaned_data["parent_email"]
        if new_address != consent.parent_email or consent.requested_at is None:
            consent = start_consent(request.user, new_address)
        elif consent.requested_at > timezone.now() - RESEND_AFTER:
            messages.info(
                request,
                _("We sent the request less than a day ago. Please wait a little."),
            )
            return redirect("account_consent")
        send_request(consent)
        messages.success(request, _("We have sent the request to your parent."))
        return redirect("account_consent")
    return render(
        request,
        "accounts/consent_status.html",
        {
            "consent": consent,
            "form": form,
            "turns_16_on": sixteenth_birthday(request.user.date_of_birth)
            if request.user.date_of_birth
            else None,
        },
    )


@never_cache
def parental_consent(request, token):
    """The page a parent reaches from the e-mail: no account needed; the signed
    link is the proof. GET only shows; the answer is a POST."""
    consent = consent_from_token(token)
    if consent is None:
        return render(request, "accounts/consent_invalid.html", status=404)
    digid = digid_identification(request)
    form = ParentalConsentForm(
        request.POST if request.method == "POST" else None,
        consent=consent,
        digid=digid,
    )
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        answer(consent, action, with_digid=form.given_with_digid)
        messages.success(request, ParentalConsentForm.DONE_MESSAGES[action])
        return redirect(request.path)
    return render(
        request,
        "accounts/parental_consent.html",
        {
            "consent": consent,
            "young_person": consent.user,
            "form": form,
            "digid": digid,
            "digid_providers": (
                [] if form.given_with_digid else adult_proving_providers()
            ),
        },
    )
