"""Councils: the overview, the council pages with their members, and the public
advice tracker page.

The page hooks Wagtail calls on the page object (`permissions_for_user`,
`get_context`) and `CouncilMember.save` hand over to modules that import these
models (page_permissions.py, page_context.py, tracker.py); they are imported when
called, so this module imports nothing of the app above the models.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from inspraak.pages.blocks import ContentStreamBlock
from inspraak.pages.translation import TranslatedPage, localize

from ..rules import DEFAULT_ANSWER_WEEKS


class CouncilTreePage(TranslatedPage, Page):
    """Council and advice pages check the council's own roles on top of Wagtail's."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Wagtail asks the page for its tester; the tester asks councils.permissions,
        # which imports these models: so it is imported here, on call.
        from ..page_permissions import CouncilPagePermissionTester

        return CouncilPagePermissionTester(user, self)


class CouncilIndexPage(TranslatedPage, Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["councils.CouncilPage", "councils.AdviceTrackerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("council overview")

    def get_context(self, request, *args, **kwargs):
        # The councils of the original overview, each in the reader's language.
        context = super().get_context(request, *args, **kwargs)
        original = self.original
        context["councils"] = localize(
            CouncilPage.objects.live()
            .public()
            .child_of(original)
            .select_related("organisation")
            .order_by("title"),
            request,
        )
        tracker = AdviceTrackerPage.objects.live().public().child_of(original).first()
        context["tracker"] = localize([tracker], request)[0] if tracker else None
        return context


class CouncilPage(CouncilTreePage):
    class Kind(models.TextChoices):
        YOUTH = "youth", _("Youth council")
        PARENT = "parent", _("Parent council")
        CLIENT = "client", _("Client council")
        YOUTH_AND_PARENT = "youth_and_parent", _("Youth and parent council")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="councils",
        verbose_name=_("organisation it advises"),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Who the council is and what it does, at language level B1."),
    )
    answer_period_weeks = models.PositiveSmallIntegerField(
        _("answer period in weeks"),
        default=DEFAULT_ANSWER_WEEKS,
        help_text=_("How long the organisation has to answer advice."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    meetings = RichTextField(
        _("meetings"),
        blank=True,
        features=["bold", "link", "ul"],
        help_text=_("When and where the council meets, and whether visitors can come."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("organisation"), FieldPanel("summary")],
            heading=_("Council"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("answer_period_weeks"),
                FieldPanel("contact_email"),
                FieldPanel("meetings"),
            ],
            heading=_("Answers, contact and meetings"),
        ),
        FieldPanel("body"),
        InlinePanel("members", heading=_("Members"), label=_("member")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = ["councils.AdvicePage", "councils.CouncilYearReportPage"]
    made_in_default_language = True
    # Members belong to the council, not to a copy: a translation (or a copied
    # council) starts without them, so it gives nobody rights or a public name.
    exclude_fields_in_copy = ["members"]

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def current_members(self, on: date | None = None):
        return self.members.current(on).select_related("user")

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context; page_context imports the models.
        from ..page_context import council_context

        context = super().get_context(request, *args, **kwargs)
        context.update(council_context(self.original, request))
        return context


class CouncilMemberQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        """Members whose term runs on `on` (today), with an active account and, under
        16, a parent's consent: until the parent consents, an accepted applicant is
        not a member yet (AVG art. 8)."""
        from inspraak.accounts.models import ParentalConsent

        day = on or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            user__is_active=True,
        ).exclude(user__parental_consent__status__in=ParentalConsent.RESTRICTING)

    def past(self, on: date | None = None):
        """Former members: their term ended before `on` (today). Kept as history."""
        return self.filter(ends_on__lt=on or timezone.localdate())


class CouncilMember(Orderable):
    class Role(models.TextChoices):
        # Strongest first (permissions.council_role relies on this order).
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        # They support the council but do not vote on advice.
        COACH = "coach", _("Coach")
        CIVIL_SERVANT = "civil_servant", _("Civil servant")

    ADOPTING_ROLES = (Role.CHAIR, Role.SECRETARY)
    VOTING_ROLES = (Role.CHAIR, Role.SECRETARY, Role.MEMBER)
    SUPPORTING_ROLES = (Role.COACH, Role.CIVIL_SERVANT)
    # Who reviews applications to join the council.
    RECRUITING_ROLES = (Role.CHAIR, Role.SECRETARY, Role.COACH)

    council = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="council_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    starts_on = models.DateField(_("term starts on"), null=True, blank=True)
    ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    show_publicly = models.BooleanField(
        _("show on the council page"),
        default=False,
        help_text=_(
            "Only with the member's own consent: shows their first name, role and "
            "since when."
        ),
    )
    # The chair's reminder two months before the term ends (councils/terms.py).
    term_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)

    objects = CouncilMemberQuerySet.as_manager()

    panels = [
        FieldPanel("user"),
        FieldPanel("role"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("show_publicly"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._sync_page_permissions()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._sync_page_permissions()
        return result

    def _sync_page_permissions(self):
        # Members draft advice in the Wagtail admin through their council's groups.
        # Wagtail's InlinePanel saves members without a flow in between, so the
        # model keeps the groups in step; page_permissions imports the models.
        from ..page_permissions import sync_council_permissions

        sync_council_permissions(self.council)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The term cannot end before it starts.")}
            )


class AdviceTrackerPage(TranslatedPage, Page):
    """The public tracker of every published advice (views in tracker.py)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("advice tracker")

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context; tracker imports the models.
        from ..tracker import tracker_context

        context = super().get_context(request, *args, **kwargs)
        context.update(tracker_context(request))
        return context
