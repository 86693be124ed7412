"""A parent's consent for an account under 16 (AVG art. 8, UAVG art. 5): ask, remind
once, record the answer, and lift the restriction on the 16th birthday.

Views, the sign-up adapter and the daily command call these functions."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from inspraak.core.dates import age_on, anniversary
from inspraak.core.tasks import send_email

from .models import ParentalConsent, User

# AVG art. 8(1) with UAVG art. 5: below this age a parent consents for the child.
CONSENT_AGE = 16
REMINDER_AFTER = timedelta(days=7)
_SALT = "inspraak.accounts.parental-consent"


def needs_parental_consent(date_of_birth: date, today: date) -> bool:
    """Younger than 16 on `today` (AVG art. 8, UAVG art. 5)."""
    return age_on(date_of_birth, today) < CONSENT_AGE


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def consent_token(consent: ParentalConsent) -> str:
    return signing.dumps({"c": consent.pk, "n": consent.nonce}, salt=_SALT)


def consent_from_token(token: str) -> ParentalConsent | None:
    """The consent a link is for, or None when the link is forged or replaced."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    consent = (
        ParentalConsent.objects.select_related("user").filter(pk=data.get("c")).first()
    )
    if consent is None or not secrets.compare_digest(consent.nonce, data.get("n", "")):
        return None
    return consent


def consent_url(consent: ParentalConsent) -> str:
    with translation.override(consent.user.preferred_language):
        path = reverse("parental_consent", args=[consent_token(consent)])
    return absolute_url(path)


def _privacy_statement_url(language: str) -> str:
    from wagtail.models import Locale, Site

    from inspraak.pages.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    page = site and SiteSettings.for_site(site).privacy_statement
    if not page:
        return ""
    translated = page.get_translations(inclusive=True).filter(
        locale__in=Locale.objects.filter(language_code=language), live=True
    )
    page = translated.first() or page
    return page.full_url or ""


def start_consent(user: User, parent_email: str) -> ParentalConsent:
    """Create or re-address the consent for a young person; the request goes out
    when the young person has confirmed their own e-mail address."""
    consent, _created = ParentalConsent.objects.update_or_create(
        user=user,
        defaults={
            "parent_email": parent_email.strip().lower(),
            "nonce": secrets.token_urlsafe(16),
            "status": ParentalConsent.Status.PENDING,
            "requested_at": None,
            "reminded_at": None,
        },
    )
    return consent


def send_request(consent: ParentalConsent, *, reminder: bool = False) -> None:
    """E-mail the parent a plain explanation and the consent link."""
    user = consent.user
    context = {
        "young_person": user,
        "consent_url": consent_url(consent),
        "privacy_url": _privacy_statement_url(user.preferred_language),
        "reminder": reminder,
    }
    with translation.override(user.preferred_language):
        subject = render_to_string(
            "accounts/email/consent_request_subject.txt", context
        ).strip()
        body = render_to_string("accounts/email/consent_request.txt", context)
    now = timezone.now()
    if reminder:
        consent.reminded_at = now
    else:
        consent.requested_at = now
    consent.save(update_fields=["reminded_at", "requested_at"])
    send_email.enqueue(subject=subject, body=body, to=[consent.parent_email])


def _tell_young_person(consent: ParentalConsent, template: str) -> None:
    user = consent.user
    context = {"young_person": user, "consent": consent}
    with translation.override(user.preferred_language):
        subject = render_to_string(
            f"accounts/email/{template}_subject.txt", context
        ).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[user.email])


# The parent's possible answers: the status it sets, the field that records its
# date, the statuses it may follow, and the e-mail that tells the young person.
_S = ParentalConsent.Status
ANSWERS = {
    "give": (_S.GIVEN, "given_at", {_S.PENDING, _S.REFUSED, _S.WITHDRAWN}),
    "refuse": (_S.REFUSED, "refused_at", {_S.PENDING}),
    "withdraw": (_S.WITHDRAWN, "withdrawn_at", {_S.GIVEN}),
}


def possible_answers(consent: ParentalConsent) -> set[str]:
    """What the parent can answer now (nothing once the young person is 16)."""
    return {
        action for action, (_s, _f, after) in ANSWERS.items() if consent.status in after
    }


def answer(consent: ParentalConsent, action: str, *, with_digid: bool = False) -> bool:
    """Record the parent's answer with its date and tell the young person. Returns
    False (and changes nothing) when the answer is not possible now. `with_digid`:
    the parent who gave consent was proved an adult with DigiD."""
    if action not in possible_answers(consent):
        return False
    status, date_field, _after = ANSWERS[action]
    consent.status = status
    setattr(consent, date_field, timezone.now())
    consent.given_with_digid = action == "give" and with_digid
    consent.save(update_fields=["status", date_field, "given_with_digid"])
    _tell_young_person(consent, f"consent_{status}")
    return True


def send_reminders(now=None) -> int:
    """Remind a parent once when a request is a week old without an answer."""
    now = now or timezone.now()
    due = ParentalConsent.objects.select_related("user").filter(
        status=ParentalConsent.Status.PENDING,
        requested_at__lte=now - REMINDER_AFTER,
        reminded_at__isnull=True,
        user__is_active=True,
    )
    sent = 0
    for consent in due:
        send_request(consent, reminder=True)
        sent += 1
    return sent


def sixteenth_birthday(date_of_birth: date) -> date:
    """The day consent stops being needed (born on 29 February: 1 March in a common
    year, inspraak.core.dates)."""
    return anniversary(date_of_birth, CONSENT_AGE)


def end_at_sixteen(today: date | None = None) -> int:
    """From the 16th birthday the young person decides alone: lift any restriction,
    close the consent and forget the parent's address (it is no longer needed)."""
    today = today or timezone.localdate()
    # Cheap pre-filter on the year; the exact birthday is checked below.
    open_consents = (
        ParentalConsent.objects.select_related("user")
        .exclude(status=ParentalConsent.Status.NOT_NEEDED)
        .filter(user__date_of_birth__year__lte=today.year - CONSENT_AGE)
    )
    ended = 0
    for consent in open_consents:
        if needs_parental_consent(consent.user.date_of_birth, today):
            continue
        with transaction.atomic():
            was_restricted = consent.restricts
            consent.status = ParentalConsent.Status.NOT_NEEDED
            consent.ended_at = timezone.now()
            consent.parent_email = ""
            consent.nonce = secrets.token_urlsafe(16)
            consent.save(update_fields=["status", "ended_at", "parent_email", "nonce"])
        if was_restricted and consent.user.is_active:
            _tell_young_person(consent, "consent_not_needed")
        ended += 1
    return ended
