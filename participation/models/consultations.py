"""Consultations as Wagtail pages: the overview, the consultation with its phases,
and the questions it asks.

Phases are not stored: `ConsultationPage.phase` computes them from the dates
(see phases.py). `feedback_published_at` is set by services.publish_feedback, and
the live period (`live_starts_at`, `live_ends_at`) by the live sessions
(participation/live/period.py); both are kept when an editor publishes a revision
(see `with_content_json`).

The hooks Wagtail calls on the page (`get_context`, `permissions_for_user`, `save`)
hand over to modules that import these models (listing.py, page_context.py,
admin_permissions); they are imported when called.
"""

from __future__ import annotations

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

from inspraak.pages.translation import TranslatedPage

from ..blocks import ConsultationBodyBlock
from ..phases import Phase, PhaseDates, accepts_input, consultation_phase

MAX_AGE_LIMIT = 120


def age_limit(verbose_name, help_text) -> models.PositiveSmallIntegerField:
    """An optional age bound of who a consultation is for."""
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE_LIMIT)],
        help_text=help_text,
    )


class ConsultationIndexPage(TranslatedPage, Page):
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
            # Wagtail creates pages through save() (add_child, copy, translation),
            # so the model is where every path passes; admin_permissions imports
            # the models, so it is imported here, on call.
            from ..admin_permissions.group import refresh_organisers_group

            refresh_organisers_group()
        return result

    def permissions_for_user(self, user):
        # Wagtail asks the page for its tester; admin_permissions imports the models.
        from ..admin_permissions.pages import ConsultationIndexPermissionTester

        return ConsultationIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context; listing imports the models.
        from ..listing import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self.original, request))
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


class ConsultationPage(TranslatedPage, Page):
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
    min_age = age_limit(_("minimum age"), _("Leave empty if there is no lower limit."))
    max_age = age_limit(_("maximum age"), _("Leave empty if there is no upper limit."))
    audience = models.CharField(
        _("who it is for"),
        max_length=200,
        blank=True,
        help_text=_("For example: young people in youth care and their parents."),
    )
    announced_on = models.DateField(_("announced on"), default=timezone.localdate)
    opens_at = models.DateTimeField(_("input opens at"))
    closes_at = models.DateTimeField(_("input closes at"))
    # The span of the consultation's live sessions, kept by participation.live
    # (period.py) whenever a session changes; never typed in by the editor.
    live_starts_at = models.DateTimeField(
        _("live sessions start at"),
        null=True,
        blank=True,
        help_text=_("Follows the live sessions of this consultation."),
    )
    live_ends_at = models.DateTimeField(
        _("live sessions end at"),
        null=True,
        blank=True,
        help_text=_("Follows the live sessions of this consultation."),
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
                    [
                        FieldPanel("live_starts_at", read_only=True),
                        FieldPanel("live_ends_at", read_only=True),
                    ]
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
    made_in_default_language = True

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
        # Only the organising organisation's organisers (admin_permissions); Wagtail
        # asks the page for its tester, and admin_permissions imports the models.
        from ..admin_permissions.pages import ConsultationPermissionTester

        return ConsultationPermissionTester(user, self)

    def with_content_json(self, content):
        # Publishing a revision must not undo or fake the publication of feedback,
        # nor bring back a live period its sessions have changed since.
        obj = super().with_content_json(content)
        obj.feedback_published_at = self.feedback_published_at
        obj.live_starts_at = self.live_starts_at
        obj.live_ends_at = self.live_ends_at
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
        # Wagtail asks the page for its context; page_context imports the models.
        from ..page_context import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self.original, request, shown=self))
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
