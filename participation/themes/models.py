"""A run of the theme suggestion, the themes it suggested (or the organiser
accepted) and the input each theme holds.

One piece of input is a visible contribution or a published live question of the
consultation; it sits in at most one theme. Suggested themes are replaced by the
next run; accepted themes stay, with their input, and each has a draft "you said,
we did" item (participation.FeedbackItem) that cites the same input.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_THEMES = 2
MAX_THEMES = 20
DEFAULT_MIN_THEMES = 3
DEFAULT_MAX_THEMES = 10
NAME_MAX = 120


def theme_bound(verbose_name, default):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(MIN_THEMES), MaxValueValidator(MAX_THEMES)],
    )


class ThemeRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Busy")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="theme_runs",
        verbose_name=_("consultation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    step = models.CharField(_("step"), max_length=200, blank=True)
    min_themes = theme_bound(_("at least this many themes"), DEFAULT_MIN_THEMES)
    max_themes = theme_bound(_("at most this many themes"), DEFAULT_MAX_THEMES)
    input_count = models.PositiveIntegerField(_("input"), default=0)
    theme_count = models.PositiveSmallIntegerField(_("themes found"), default=0)
    quality = models.FloatField(_("silhouette"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("theme suggestion run")
        verbose_name_plural = _("theme suggestion runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "-created_at"])]

    def __str__(self):
        return f"{self.consultation_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class SuggestedTheme(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="suggested_themes",
        verbose_name=_("consultation"),
    )
    run = models.ForeignKey(
        ThemeRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name=_("suggested by run"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    words = models.JSONField(_("characteristic words"), default=list, blank=True)
    feedback_item = models.OneToOneField(
        "participation.FeedbackItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggested_theme",
        verbose_name=_('"you said, we did" item'),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["consultation", "sort_order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


class ThemeInput(models.Model):
    """One contribution or one live question in a theme."""

    theme = models.ForeignKey(
        SuggestedTheme,
        on_delete=models.CASCADE,
        related_name="inputs",
        verbose_name=_("theme"),
    )
    contribution = models.ForeignKey(
        "participation.Contribution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contribution"),
    )
    live_question = models.ForeignKey(
        "live.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("live question"),
    )
    closeness = models.FloatField(_("closeness"), default=0.0)
    score = models.FloatField(_("rank score"), default=0.0)
    placed_by_hand = models.BooleanField(_("placed by hand"), default=False)

    class Meta:
        verbose_name = _("input in a theme")
        verbose_name_plural = _("input in themes")
        ordering = ["theme", "-score", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, live_question__isnull=True)
                | Q(contribution__isnull=True, live_question__isnull=False),
                name="themes_input_one_source",
            ),
            models.UniqueConstraint(
                fields=["contribution"],
                condition=Q(contribution__isnull=False),
                name="themes_input_contribution_once",
            ),
            models.UniqueConstraint(
                fields=["live_question"],
                condition=Q(live_question__isnull=False),
                name="themes_input_question_once",
            ),
        ]

    def __str__(self):
        return f"{self.theme_id}: {self.text[:60]}"

    @property
    def source(self):
        return self.contribution or self.live_question

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def support(self) -> int:
        if self.contribution_id:
            return self.contribution.support_count
        return self.live_question.upvotes
