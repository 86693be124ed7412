"""The "you said, we did" answer of a consultation and the e-mail addresses that
want to hear when it is published."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .consultations import ConsultationPage
from .contributions import Contribution


class FeedbackItem(models.Model):
    """One answer in "you said, we did": per theme, what we heard and what we did,
    citing the contributions (and, from the live app, the live questions) it answers."""

    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="feedback_items",
        verbose_name=_("consultation"),
    )
    theme = models.ForeignKey(
        "councils.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    heading = models.CharField(
        _("heading"),
        max_length=120,
        blank=True,
        help_text=_("Optional; the theme's name is used when empty."),
    )
    what_we_heard = models.TextField(_("you said"), max_length=2000)
    what_we_did = models.TextField(
        _("we did"),
        max_length=2000,
        blank=True,
        help_text=_("Required before the feedback is published."),
    )
    contributions = models.ManyToManyField(
        Contribution,
        blank=True,
        related_name="feedback_items",
        verbose_name=_("contributions it answers"),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _('"you said, we did" item')
        verbose_name_plural = _('"you said, we did" items')
        ordering = ["consultation", "sort_order", "pk"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        if self.heading:
            return self.heading
        if self.theme_id:
            return self.theme.name
        return str(_("Other"))


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedbackSubscription(models.Model):
    """An e-mail address that wants to hear when feedback is published.

    Personal data without an account: deleted right after the notification is
    sent, or by `purge_feedback_subscriptions` once the consultation has ended.
    """

    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="feedback_subscriptions",
    )
    email = models.EmailField(_("e-mail address"))
    consent_given_at = models.DateTimeField(_("consent given at"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("feedback subscription")
        verbose_name_plural = _("feedback subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "email"],
                name="participation_subscription_one_per_address",
            )
        ]

    def __str__(self):
        return f"{self.consultation_id}: {self.email}"
