"""The log of data-subject requests (AVG art. 15, 17, 20): what was asked, when, and
when it was answered."""

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def data_request_deadline(received_on: date) -> date:
    """The last day to answer a data-subject request: one month after receipt
    (AVG art. 12(3)); the same day next month, or that month's last day."""
    year = received_on.year + (received_on.month // 12)
    month = received_on.month % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(received_on.day, last_day))


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=DataRequest.Status.COMPLETED)

    def overdue(self, today: date | None = None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class DataRequest(models.Model):
    class Kind(models.TextChoices):
        EXPORT = "export", _("Download of all data")
        ERASURE = "erasure", _("Deletion of the account")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed, being handled by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
        verbose_name=_("user"),
    )
    # Kept after deletion so the log still shows which account it was, without
    # any personal data.
    account_number = models.PositiveBigIntegerField(_("account number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    due_on = models.DateField(_("answer due on"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.account_number} ({self.requested_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.due_on:
            self.due_on = data_request_deadline(timezone.localdate(self.requested_at))
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.COMPLETED and self.due_on < timezone.localdate()
        )
