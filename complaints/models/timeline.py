"""What happens on a case: its timeline, the messages, the access log and the
reminders that went out."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case


class CaseEvent(models.Model):
    """One step on the case's timeline (status change, acknowledgement, hearing...)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=30, choices=Case.Status.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")

    def __str__(self):
        return f"{self.case} {self.get_status_display()} {self.at:%Y-%m-%d}"


class CaseMessage(models.Model):
    """A message between the person and the handler, inside the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    from_handler = models.BooleanField(_("from the handler"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")

    def __str__(self):
        return f"{self.case} {self.sent_at:%Y-%m-%d %H:%M}"


class CaseAccessLog(models.Model):
    """Every read and change of a case. Append-only: nobody edits or deletes it
    (only anonymisation after the retention period removes the case itself)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        DOWNLOAD = "download", _("Downloaded a file")
        EXPORT = "export", _("Exported")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(
        _("who"), max_length=100, help_text=_("handler, filer, guest, system")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("case access log entry")

    def __str__(self):
        return f"{self.case} {self.action} {self.actor} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The case access log cannot be changed.")
        super().save(*args, **kwargs)


class CaseReminder(models.Model):
    """A deadline reminder that went out, so each is sent once per deadline (a
    postponement gives a new deadline and new reminders)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("7 days before the deadline")
        DUE = "due", _("On the deadline")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deadline = models.DateField()
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "deadline"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.case} {self.kind} {self.deadline}"
