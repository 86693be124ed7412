"""Online contributions to a consultation, the support they get and the reports
people send about them."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .consultations import ConsultationPage, ConsultationQuestion

NICKNAME_MAX = 40
CONTRIBUTION_MAX = 2000


def one_per_person(name: str) -> list[models.UniqueConstraint]:
    """At most one row per contribution for each account and each participant key
    (`participation_<name>_one_per_user`, `..._one_per_key`)."""
    return [
        models.UniqueConstraint(
            fields=["contribution", "user"],
            condition=Q(user__isnull=False),
            name=f"participation_{name}_one_per_user",
        ),
        models.UniqueConstraint(
            fields=["contribution", "participant_key"],
            condition=~Q(participant_key=""),
            name=f"participation_{name}_one_per_key",
        ),
    ]


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def newest(self):
        return self.order_by("-created_at", "-pk")

    def most_supported(self):
        return self.order_by("-support_count", "-created_at", "-pk")

    def reported(self):
        """Contributions with a report nobody has handled yet."""
        open_reports = ContributionReport.objects.filter(
            contribution=OuterRef("pk"), resolved_at__isnull=True
        )
        return self.filter(Exists(open_reports))


class Contribution(models.Model):
    """An answer to one of the organiser's questions, or an idea (no question)."""

    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("consultation"),
    )
    question = models.ForeignKey(
        ConsultationQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("question"),
    )
    nickname = models.CharField(_("nickname"), max_length=NICKNAME_MAX)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("account"),
    )
    # The anonymous participant key of the browser that wrote it (random, from a
    # signed cookie): lets that browser see its own text and not support it.
    participant_key = models.CharField(max_length=64, blank=True, db_index=True)
    text = models.TextField(_("text"), max_length=CONTRIBUTION_MAX)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    support_count = models.PositiveIntegerField(_("support"), default=0)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["consultation", "-created_at"]),
            models.Index(fields=["consultation", "-support_count"]),
            # The moderation list: newest first over all of a person's consultations.
            models.Index(
                fields=["-created_at", "-id"], name="participation_contrib_newest"
            ),
        ]

    def __str__(self):
        return f"{self.nickname}: {self.text[:60]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_idea(self) -> bool:
        return self.question_id is None


class Support(models.Model):
    """One person's support for a contribution: a signed-in user, an anonymous
    participant key, or both (the key of the browser a signed-in person used)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contribution_supports",
    )
    participant_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            *one_per_person("support"),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(participant_key=""),
                name="participation_support_has_person",
            ),
        ]

    def __str__(self):
        return f"{self.contribution_id}: {self.user_id or self.participant_key[:8]}"


class ContributionReport(models.Model):
    """Someone flags a contribution for the organisation's moderators."""

    class Reason(models.TextChoices):
        HURTFUL = "hurtful", _("Hurtful or discriminating")
        PRIVATE = "private", _("Shares private information")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.OTHER
    )
    note = models.CharField(_("explanation"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution_reports",
    )
    participant_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = one_per_person("report")

    def __str__(self):
        return f"{self.contribution_id}: {self.get_reason_display()}"
