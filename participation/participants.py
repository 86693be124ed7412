"""Who an anonymous participant is: a random key in a signed cookie.

The key says nothing about the person; it only lets one browser support a
contribution once, recognise its own contributions and be rate limited.
"""

import secrets

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

COOKIE = "inspraak_participant"
SALT = "participation.participant"
MAX_AGE = 60 * 60 * 24 * 365


def participant_key(request: HttpRequest, create: bool = False) -> str:
    """The participant key of this browser ("" without one, unless `create`).

    A new key is remembered on the request; `remember_participant` writes it."""
    key = getattr(request, "_participant_key", None)
    if key is None:
        key = request.get_signed_cookie(COOKIE, default="", salt=SALT) or ""
        request._participant_key = key
    if not key and create:
        key = secrets.token_urlsafe(18)
        request._participant_key = key
        request._participant_key_new = True
    return key


def remember_participant(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if getattr(request, "_participant_key_new", False):
        response.set_signed_cookie(
            COOKIE,
            request._participant_key,
            salt=SALT,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=not settings.DEBUG and request.is_secure(),
        )
    return response


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the proxy and rewritten into
    # REMOTE_ADDR there if trusted; trusting it here would let anyone pick an IP.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def same_person(user, participant_key: str) -> Q:
    """Rows of this person: by account (when signed in) or by participant key; no
    row at all for someone with neither."""
    condition = Q(pk__in=[])
    if user is not None and user.is_authenticated:
        condition |= Q(user=user)
    if participant_key:
        condition |= Q(participant_key=participant_key)
    return condition
