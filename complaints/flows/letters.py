"""Writing to the person who filed a case: in their language, to their account
(a notification) or as a guest (an e-mail with their link)."""

from datetime import date

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from inspraak.core.tasks import send_email
from inspraak.notifications.services import absolute_url, notify

from ..models import (
    Case,
)
from ..permissions import case_link_token


def long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def person_language(case: Case) -> str:
    if case.filed_by_id and case.filed_by.preferred_language:
        return case.filed_by.preferred_language
    return settings.LANGUAGE_CODE


def person_case_url(case: Case) -> str:
    """Where the person follows their case: the page for signed-in people, or the
    guest's signed link; empty when that page does not exist (yet)."""
    try:
        if case.filed_by_id:
            return reverse("complaints:case", args=[case.reference])
        return reverse("complaints:guest_case", args=[case_link_token(case)])
    except NoReverseMatch:
        return ""


def tell_person(case: Case, kind: str, build) -> str:
    """Write to the person who filed the case. `build()` returns (subject, body) and
    runs in the person's language. Accounts get `notify(kind)`; guests an e-mail to
    their confirmed address with their link. Returns what happened."""
    url = person_case_url(case)
    filer = case.filed_by
    if filer is not None:
        with translation.override(filer.preferred_language or settings.LANGUAGE_CODE):
            subject, body = build()
        return str(notify(filer, kind, subject=subject, body=body, url=url))
    if case.guest_email:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = build()
            if url:
                body = f"{body}\n\n{_('Follow your case here:')}\n{absolute_url(url)}"
        send_email.enqueue(subject=str(subject), body=str(body), to=[case.guest_email])
        return "guest"
    return "unreachable"


def letter_values(case: Case, **extra) -> dict:
    return {
        "reference": case.reference,
        "kind": case.get_kind_display(),
        "organisation": case.organisation.name,
        **extra,
    }
