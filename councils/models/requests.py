"""Requests for advice: an organisation asks a council a question."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .councils import CouncilPage
from .fields import recorded_by


class AdviceRequest(models.Model):
    """An organisation asks a council for advice on a question."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the council")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    council = models.ForeignKey(
        CouncilPage,
        on_delete=models.CASCADE,
        related_name="advice_requests",
        verbose_name=_("council"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="advice_requests",
        verbose_name=_("organisation asking"),
    )
    question = models.TextField(_("question"))
    desired_on = models.DateField(_("advice wanted by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    requested_by = recorded_by(_("asked by"))
    requested_on = models.DateField(_("asked on"), default=timezone.localdate)
    decided_on = models.DateField(_("council decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.question[:60]}"
