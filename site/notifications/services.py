"""Sending notifications by e-mail, with each person's choices applied.

Other apps call `notify(user, kind_key, subject=..., body=..., url=...)` and need
nothing else: the choice per kind, the daily digest, the language, the preference link
and the List-Unsubscribe headers (RFC 8058) are handled here.
"""

import logging
from enum import StrEnum
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import ngettext

from allauth.account.models import EmailAddress

from inspraak.core.tasks import send_email
from inspraak.organisations.permissions import organisation_ids_for

from .kinds import KINDS, Audience, Frequency, NotificationKind, get_kind
from .models import NotificationPreference, PendingNotification, preferences_for
from .tokens import make_token

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    """What `notify` did."""

    SENT = "sent"
    QUEUED = "queued"  # held for the daily digest
    SWITCHED_OFF = "switched_off"  # the person switched this kind off
    NOT_FOR_USER = "not_for_user"  # a kind for staff; the person is not staff
    UNREACHABLE = "unreachable"  # inactive account or no verified e-mail address


class RequiredKindError(ValueError):
    """A kind required by law cannot be switched off or held for a digest."""


# Who may receive what -------------------------------------------------------


def is_staff_audience(user) -> bool:
    """Staff of Inspraak, or someone with a current role in an organisation."""
    return bool(user.is_staff or user.is_superuser or organisation_ids_for(user))


def kinds_for(user) -> list[NotificationKind]:
    """The kinds `user` can receive, and so sees on the preferences page."""
    staff = is_staff_audience(user)
    return [
        kind for kind in KINDS.values() if kind.audience == Audience.EVERYONE or staff
    ]


def deliverable_address(user) -> str | None:
    """The address we may write to: the person's own, once they confirmed it. An
    unconfirmed address may belong to someone else (a typo), who did not ask for it."""
    if not user.is_active or not user.email:
        return None
    confirmed = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    return user.email if confirmed else None


# Links ----------------------------------------------------------------------


def absolute_url(path: str) -> str:
    """`path` on the public site (WAGTAILADMIN_BASE_URL); full URLs pass unchanged."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path)


def preferences_url(user, kind: NotificationKind | None = None) -> str:
    """The link to `user`'s preferences that works without signing in, in their
    language."""
    with translation.override(user.preferred_language):
        path = reverse(
            "notifications:preferences_by_link", args=[make_token(user, kind)]
        )
    return absolute_url(path)


def unsubscribe_url(user, kind: NotificationKind | None = None) -> str:
    """The RFC 8058 one-click address: a POST switches `kind` off (all optional
    kinds when None)."""
    with translation.override(user.preferred_language):
        path = reverse("notifications:unsubscribe", args=[make_token(user, kind)])
    return absolute_url(path)


def _list_unsubscribe_headers(url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# Sending --------------------------------------------------------------------


def _one_line(text: str | Promise, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


def notify(
    user,
    kind_key: str,
    *,
    subject: str | Promise,
    body: str | Promise,
    url: str = "",
) -> Outcome:
    """Tell `user` about something, by e-mail now or in tomorrow's digest, as they
    chose for `kind_key`. Lazy strings are rendered in the person's language."""
    kind = get_kind(kind_key)
    address = deliverable_address(user)
    if address is None:
        return Outcome.UNREACHABLE
    if kind.audience == Audience.STAFF and not is_staff_audience(user):
        return Outcome.NOT_FOR_USER
    preference = preferences_for(user)[kind.key]
    if not preference.enabled:
        return Outcome.SWITCHED_OFF
    with translation.override(user.preferred_language):
        subject_text = _one_line(subject)
        body_text = str(body).strip()
    if preference.frequency == Frequency.DAILY and not kind.required:
        PendingNotification.objects.create(
            user=user,
            kind=kind.key,
            subject=subject_text,
            body=body_text,
            url=url,
        )
        return Outcome.QUEUED
    _send_notification(user, address, kind, subject_text, body_text, url)
    return Outcome.SENT


def _send_notification(user, address, kind, subject, body, url) -> None:
    with translation.override(user.preferred_language):
        text = render_to_string(
            "notifications/email/notification.txt",
            {
                "user": user,
                "kind": kind,
                "body": body,
                "url": absolute_url(url) if url else "",
                "preferences_url": preferences_url(user, kind),
            },
        )
    # A required notice carries the link too, but one click there switches off the
    # optional kinds only: the notice itself cannot be switched off.
    one_click = unsubscribe_url(user, None if kind.required else kind)
    send_email.enqueue(
        subject=subject,
        body=text,
        to=[address],
        headers=_list_unsubscribe_headers(one_click),
    )


def send_digests(now=None) -> int:
    """Send each person one e-mail with all their waiting notifications and mark
    them sent. Safe to run twice: sent ones are never sent again. Returns the number
    of e-mails sent."""
    now = now or timezone.now()
    user_ids = (
        PendingNotification.objects.unsent()
        .filter(created_at__lte=now)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(_send_digest(user_id, now) for user_id in list(user_ids))


def _send_digest(user_id: int, now) -> bool:
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        items = list(
            PendingNotification.objects.select_for_update(skip_locked=True)
            .unsent()
            .filter(user_id=user_id, created_at__lte=now)
        )
        if not items:
            return False
        user = get_user_model()._default_manager.get(pk=user_id)
        address = deliverable_address(user)
        preferences = preferences_for(user)
        visible = {kind.key for kind in kinds_for(user)}
        wanted = [
            item
            for item in items
            if address and item.kind in visible and preferences[item.kind].enabled
        ]
        # Switched off since, or no longer reachable: never sent, so not kept.
        dropped = [item.pk for item in items if item not in wanted]
        if dropped:
            PendingNotification.objects.filter(pk__in=dropped).delete()
        if not wanted:
            return False
        PendingNotification.objects.filter(pk__in=[i.pk for i in wanted]).update(
            sent_at=now
        )
        with translation.override(user.preferred_language):
            subject = ngettext(
                "%(count)d new message from Inspraak",
                "%(count)d new messages from Inspraak",
                len(wanted),
            ) % {"count": len(wanted)}
            text = render_to_string(
                "notifications/email/digest.txt",
                {
                    "user": user,
                    "items": [
                        {
                            "kind": KINDS[item.kind],
                            "subject": item.subject,
                            "body": item.body,
                            "url": absolute_url(item.url) if item.url else "",
                        }
                        for item in wanted
                    ],
                    "preferences_url": preferences_url(user),
                },
            )
        # Queued in the same transaction (database backend): marked sent only
        # together with the e-mail that sends them.
        send_email.enqueue(
            subject=subject,
            body=text,
            to=[address],
            headers=_list_unsubscribe_headers(unsubscribe_url(user)),
        )
    return True


# Changing preferences -------------------------------------------------------


def set_preference(
    user,
    kind_key: str,
    *,
    enabled: bool,
    frequency: Frequency | str | None = None,
) -> NotificationPreference | None:
    """Store `user`'s choice for one kind. Raises RequiredKindError when a kind
    required by law would be switched off or delayed."""
    kind = get_kind(kind_key)
    if kind.required:
        if not enabled or (frequency and frequency != Frequency.IMMEDIATE):
            raise RequiredKindError(
                f"{kind.key!r} is required by law and cannot be switched off."
            )
        return None
    if frequency is None:
        frequency = preferences_for(user)[kind.key].frequency
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user,
        kind=kind.key,
        defaults={"enabled": enabled, "frequency": Frequency(frequency)},
    )
    return preference


def unsubscribe(user, kind: NotificationKind | None = None) -> list[NotificationKind]:
    """Switch off `kind`, or every optional kind when None; required kinds stay on.
    Returns the kinds that are now off."""
    targets = [kind] if kind is not None else list(kinds_for(user))
    switched_off = []
    with transaction.atomic():
        for target in targets:
            if target.required:
                continue
            set_preference(user, target.key, enabled=False)
            switched_off.append(target)
    logger.info("Notifications switched off by one click for user %s", user.pk)
    return switched_off
