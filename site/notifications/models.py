"""What each person chose per kind of notification, and the notifications waiting for
their daily digest."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, Frequency, NotificationKind


class NotificationPreference(models.Model):
    """A choice that differs from, or confirms, a kind's default. No row: the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    # A key of kinds.KINDS; no choices, so that a new kind needs no migration.
    kind = models.CharField(_("kind of notification"), max_length=50)
    enabled = models.BooleanField(_("send this e-mail"), default=True)
    frequency = models.CharField(
        _("when"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_preference_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


class PendingNotificationQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class PendingNotification(models.Model):
    """A notification held back for the person's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_notifications",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind of notification"), max_length=50)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = PendingNotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification for the daily e-mail")
        verbose_name_plural = _("notifications for the daily e-mail")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "user"])]

    def __str__(self):
        return self.subject


@dataclass(frozen=True)
class EffectivePreference:
    """What applies to one person for one kind: their choice, or the default."""

    kind: NotificationKind
    enabled: bool
    frequency: Frequency
    is_default: bool


def preferences_for(user) -> dict[str, EffectivePreference]:
    """The effective setting for every kind, keyed and ordered like KINDS. Required
    kinds are always on and immediate, whatever is stored."""
    stored = {row.kind: row for row in NotificationPreference.objects.filter(user=user)}
    result = {}
    for key, kind in KINDS.items():
        row = stored.get(key)
        if kind.required:
            result[key] = EffectivePreference(kind, True, Frequency.IMMEDIATE, True)
        elif row is None:
            result[key] = EffectivePreference(
                kind, kind.default_enabled, kind.default_frequency, True
            )
        else:
            result[key] = EffectivePreference(
                kind, row.enabled, Frequency(row.frequency), False
            )
    return result
