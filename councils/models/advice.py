"""Advice as Wagtail pages, with their attachments and the sending that starts the
answer clock.

The answer clock lives in `AdviceDispatch`, not on the page: page fields are restored
from a revision on every publish, so they cannot hold state that changes later.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from inspraak.pages.blocks import ContentStreamBlock

from .councils import CouncilPage, CouncilTreePage
from .requests import AdviceRequest
from .themes import Theme


class AdviceStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent yet")
    AWAITING = "awaiting", _("Awaiting answer")
    OVERDUE = "overdue", _("Overdue")
    ANSWERED = "answered", _("Answered")
    ANSWERED_LATE = "answered_late", _("Answered late")


def status_q(status: AdviceStatus, today: date) -> Q:
    """The one rule for an advice's status, as a condition the database checks: sent
    advice (it has a dispatch) is answered, answered late, overdue or awaiting its
    answer; the conditions exclude each other. `with_status` annotates from these,
    and lists filter on them directly, so an index on the dispatch can serve them."""
    sent = Q(dispatch__isnull=False)
    # On the answer's own key (not its id), which PostgreSQL reads as "no answer
    # row" (an anti-join) instead of guessing how many joined rows are empty.
    unanswered = Q(answer__advice__isnull=True)
    due = "dispatch__answer_due_on"
    conditions = {
        AdviceStatus.DRAFT: Q(dispatch__isnull=True),
        AdviceStatus.ANSWERED_LATE: sent & Q(answer__answered_on__gt=F(due)),
        AdviceStatus.ANSWERED: sent & Q(answer__answered_on__lte=F(due)),
        AdviceStatus.OVERDUE: sent & unanswered & Q(**{f"{due}__lt": today}),
        AdviceStatus.AWAITING: sent & unanswered & Q(**{f"{due}__gte": today}),
    }
    return conditions[AdviceStatus(status)]


class AdvicePageQuerySet(PageQuerySet):
    def with_status(self, today: date | None = None):
        """Annotate `status` (AdviceStatus) in the database, so lists can filter and
        count by it without a query per row."""
        today = today or timezone.localdate()
        return self.annotate(
            status=Case(
                *(
                    When(status_q(status, today), then=Value(status))
                    for status in AdviceStatus
                ),
                output_field=models.CharField(),
            )
        )

    def in_status(self, status: AdviceStatus, today: date | None = None):
        """Only advice with `status` today."""
        return self.filter(status_q(status, today or timezone.localdate()))


AdvicePageManager = PageManager.from_queryset(AdvicePageQuerySet)


class AdvicePageForm(WagtailAdminPageForm):
    """New advice is addressed to the organisation the council advises, unless the
    member chooses another; only this council's requests can be linked."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        council = self.instance.get_parent() if self.instance.pk else parent_page
        council = council.specific if council is not None else None
        if not isinstance(council, CouncilPage):
            return
        if not self.instance.addressee_id and "addressee" in self.fields:
            self.initial["addressee"] = council.organisation_id
        if "request" in self.fields:
            self.fields["request"].queryset = AdviceRequest.objects.filter(
                council=council
            ).exclude(status=AdviceRequest.Status.DECLINED)
        if "adopted_at_meeting" in self.fields:
            from .meetings import Meeting

            self.fields["adopted_at_meeting"].queryset = Meeting.objects.filter(
                council=council
            ).order_by("-starts_at")


class AdvicePage(CouncilTreePage):
    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Requested advice")
        UNSOLICITED = "unsolicited", _("Unsolicited advice")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.UNSOLICITED
    )
    addressee = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="advice_received",
        verbose_name=_("addressed to"),
    )
    request = models.ForeignKey(
        AdviceRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice",
        verbose_name=_("answers the request"),
    )
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("The advice in a few sentences, at language level B1."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("full text"))
    adopted_on = models.DateField(
        _("adopted on"),
        null=True,
        blank=True,
        help_text=_("Filled in when the chair or secretary approves the advice."),
    )
    adopted_at_meeting = models.ForeignKey(
        "councils.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopted_advice",
        verbose_name=_("adopted at the meeting"),
    )

    objects = AdvicePageManager()
    base_form_class = AdvicePageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("addressee"),
                FieldPanel("request"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("adopted_at_meeting"),
            ],
            heading=_("Advice"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("addressee"),
    ]
    parent_page_types = ["councils.CouncilPage"]
    subpage_types = []
    made_in_default_language = True

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    @property
    def council(self) -> CouncilPage:
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context; page_context imports the models.
        from ..page_context import advice_context

        context = super().get_context(request, *args, **kwargs)
        context.update(advice_context(self.original, request))
        return context

    def clean(self):
        super().clean()
        if self.request_id and self.kind != self.Kind.REQUESTED:
            raise ValidationError(
                {"kind": _("Advice that answers a request is requested advice.")}
            )


class AdviceAttachment(Orderable):
    advice = ParentalKey(
        AdvicePage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    panels = [FieldPanel("document")]


class AdviceDispatch(models.Model):
    """When the advice went to the addressee and the answer clock it started."""

    advice = models.OneToOneField(
        AdvicePage, on_delete=models.CASCADE, related_name="dispatch"
    )
    sent_on = models.DateField(_("sent on"))
    answer_due_on = models.DateField(_("answer due on"))
    reminder_before_sent_on = models.DateField(null=True, blank=True)
    reminder_due_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("sending of advice")
        indexes = [
            # Lists of sent advice, newest first (tracker, council page, feeds):
            # read in index order from either end, never sorted whole.
            models.Index(
                fields=["-sent_on", "-advice"], name="councils_dispatch_sent_idx"
            ),
            # The dashboard's awaiting and overdue lists, soonest due first.
            models.Index(fields=["answer_due_on"], name="councils_dispatch_due_idx"),
        ]

    def __str__(self):
        return f"{self.advice} ({self.sent_on})"
