"""The log of data-subject requests (AVG art. 15, 17, 20): what was asked, when, and
when it was answered."""

import calendar
from collections.abc import Collection
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.holidays import atw_extend

DATA_REQUEST_MONTHS = 1  # AVG art. 12(3): within one month of receipt
DATA_REQUEST_MAX_EXTENSION_MONTHS = 2  # AVG art. 12(3): by two further months


def data_request_deadline(
    received_on: date,
    *,
    extended_by_months: int = 0,
    extra_days: Collection[date] = (),
) -> date:
    """The last day to answer a data-subject request: one month after receipt, or up
    to three when extended (AVG art. 12(3)); the same day that month, or its last
    day (Regulation 1182/71 art. 3(2)(c)); a Saturday, Sunday or public holiday runs
    on to the next working day (art. 3(4))."""
    if not 0 <= extended_by_months <= DATA_REQUEST_MAX_EXTENSION_MONTHS:
        raise ValueError(
            "AVG art. 12(3) allows an extension of at most "
            f"{DATA_REQUEST_MAX_EXTENSION_MONTHS} months, not {extended_by_months}."
        )
    months = received_on.month - 1 + DATA_REQUEST_MONTHS + extended_by_months
    year = received_on.year + months // 12
    month = months % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    end = date(year, month, min(received_on.day, last_day))
    # 1182/71 art. 3(4): the public holidays of the Member State concerned, for the
    # Netherlands the Atw list (inspraak.core.holidays).
    return atw_extend(end, extra_days)


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
