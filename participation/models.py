"""Consultations (Wagtail pages), their online contributions, support, reports and
the "you said, we did" feedback with its e-mail subscriptions.

Phases are not stored: `ConsultationPage.phase` computes them from the dates
(see phases.py). `feedback_published_at` is set by services.publish_feedback and
kept when an editor publishes a revision (see `with_content_json`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import ConsultationBodyBlock
from .phases import Phase, PhaseDates, accepts_input, consultation_phase

NICKNAME_MAX = 40
CONTRIBUTION_MAX = 2000


class ConsultationIndexPage(Page):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two short sentences at language level B1."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["participation.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation overview")

    def save(self, *args, **kwargs):
        creating = self._state.adding
        result = super().save(*args, **kwargs)
        if creating:
            # A new overview (a translation too) is open to the organisers at once.
            from .admin_permissions import refresh_organisers_group

            refresh_organisers_group()
        return result

    def permissions_for_user(self, user):
        from .admin_permissions import ConsultationIndexPermissionTester

        return ConsultationIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .listing import index_context

        context.update(index_context(self, request))
        return context


class ConsultationPageQuerySet(PageQuerySet):
    def open_on(self, now):
        return self.filter(opens_at__lte=now, closes_at__gt=now).exclude(
            feedback_published_at__lte=now
        )

    def upcoming(self, now):
        return self.filter(opens_at__gt=now)

    def past(self, now):
        return self.filter(Q(closes_at__lte=now) | Q(feedback_published_at__lte=now))

    def organised_by(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class ConsultationPage(Page):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("organising organisation"),
    )
    themes = ParentalManyToManyField(
        "councils.Theme",
        blank=True,
        related_name="consultations",
        verbose_name=_("themes"),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "What this is about and what you want to know, at language level B1 "
            "(short sentences, everyday words)."
        ),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty if there is no lower limit."),
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty if there is no upper limit."),
    )
    audience = models.CharField(
        _("who it is for"),
        max_length=200,
        blank=True,
        help_text=_("For example: young people in youth care and their parents."),
    )
    announced_on = models.DateField(_("announced on"), default=timezone.localdate)
    opens_at = models.DateTimeField(_("input opens at"))
    closes_at = models.DateTimeField(_("input closes at"))
    live_starts_at = models.DateTimeField(
        _("live sessions start at"),
        null=True,
        blank=True,
        help_text=_("Leave empty if there are no live sessions."),
    )
    live_ends_at = models.DateTimeField(
        _("live sessions end at"), null=True, blank=True
    )
    feedback_due_on = models.DateField(
        _("feedback promised by"),
        help_text=_("The date by which you will tell people what you did with it."),
    )
    ends_on = models.DateField(
        _("consultation ends on"),
        null=True,
        blank=True,
        help_text=_("After this date the consultation is closed. Optional."),
    )
    # Set by services.publish_feedback, never by the page editor.
    feedback_published_at = models.DateTimeField(
        _("feedback published at"), null=True, blank=True, editable=False
    )
    body = StreamField(ConsultationBodyBlock(), blank=True, verbose_name=_("body"))

    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("themes"),
                FieldPanel("summary"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
            ],
            heading=_("Consultation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("announced_on"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel(
                    [FieldPanel("live_starts_at"), FieldPanel("live_ends_at")]
                ),
                FieldRowPanel([FieldPanel("feedback_due_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Phases"),
        ),
        FieldPanel("body"),
        InlinePanel("questions", heading=_("Questions"), label=_("question")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["participation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        errors = {}
        closes_on = self.closes_at and timezone.localdate(self.closes_at)
        checks = [
            (
                "max_age",
                self.min_age is not None
                and self.max_age is not None
                and self.min_age > self.max_age,
                _("The maximum age cannot be lower than the minimum age."),
            ),
            (
                "closes_at",
                self.opens_at and self.closes_at and self.closes_at <= self.opens_at,
                _("Input must close after it opens."),
            ),
            (
                "live_ends_at",
                self.live_starts_at
                and self.live_ends_at
                and self.live_ends_at <= self.live_starts_at,
                _("Live sessions must end after they start."),
            ),
            (
                "live_starts_at",
                self.live_ends_at and not self.live_starts_at,
                _("Give the start of the live sessions too."),
            ),
            (
                "feedback_due_on",
                closes_on and self.feedback_due_on and self.feedback_due_on < closes_on,
                _("Feedback cannot be promised before input closes."),
            ),
            (
                "ends_on",
                self.feedback_due_on
                and self.ends_on
                and self.ends_on < self.feedback_due_on,
                _("The consultation cannot end before the feedback is due."),
            ),
        ]
        for field, failed, message in checks:
            if failed:
                errors[field] = message
        if errors:
            raise ValidationError(errors)

    def permissions_for_user(self, user):
        # Only the organising organisation's organisers (admin_permissions.py).
        from .admin_permissions import ConsultationPermissionTester

        return ConsultationPermissionTester(user, self)

    def with_content_json(self, content):
        # Publishing a revision must not undo or fake the publication of feedback.
        obj = super().with_content_json(content)
        obj.feedback_published_at = self.feedback_published_at
        return obj

    # Phases ---------------------------------------------------------------

    @property
    def phase_dates(self) -> PhaseDates:
        return PhaseDates(
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            live_starts_at=self.live_starts_at,
            live_ends_at=self.live_ends_at,
            feedback_published_at=self.feedback_published_at,
            ends_on=self.ends_on,
        )

    def phase_at(self, now=None) -> Phase:
        now = now or timezone.now()
        return consultation_phase(self.phase_dates, now, timezone.localdate(now))

    @property
    def phase(self) -> Phase:
        return self.phase_at()

    def accepts_input(self, now=None) -> bool:
        return accepts_input(self.phase_dates, now or timezone.now())

    @property
    def feedback_is_published(self) -> bool:
        return self.feedback_published_at is not None

    @property
    def age_range(self) -> tuple[int | None, int | None]:
        return self.min_age, self.max_age

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .page_context import consultation_context

        context.update(consultation_context(self, request))
        return context


class ConsultationQuestion(Orderable):
    """A question the organiser asks; contributions answer one or are ideas."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=250)
    help_text = models.CharField(
        _("explanation"),
        max_length=300,
        blank=True,
        help_text=_("Optional: an example or a short explanation."),
    )

    panels = [FieldPanel("text"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def newest(self):
        return self.order_by("-created_at", "-pk")

    def most_supported(self):
        return self.order_by("-support_count", "-created_at", "-pk")

    def reported(self):
        return self.filter(reports__resolved_at__isnull=True).distinct()


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
            models.UniqueConstraint(
                fields=["contribution", "user"],
                condition=Q(user__isnull=False),
                name="participation_support_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["contribution", "participant_key"],
                condition=~Q(participant_key=""),
                name="participation_support_one_per_key",
            ),
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
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "participant_key"],
                condition=~Q(participant_key=""),
                name="participation_report_one_per_key",
            ),
            models.UniqueConstraint(
                fields=["contribution", "user"],
                condition=Q(user__isnull=False),
                name="participation_report_one_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.contribution_id}: {self.get_reason_display()}"


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
    what_we_did = models.TextField(_("we did"), max_length=2000)
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
