"""Councils (youth, parent, client councils), their advice as Wagtail pages, and the
answers of the organisations they advise.

The answer clock lives in `AdviceDispatch`, not on the page: page fields are restored
from a revision on every publish, so they cannot hold state that changes later.
"""

from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from inspraak.pages.blocks import ContentStreamBlock

DEFAULT_ANSWER_WEEKS = 6


def answer_due_on(sent_on: date, weeks: int) -> date:
    """The last day for an answer: `weeks` after the day the advice was sent. No law
    sets this period (Jeugdwet 2.10 leaves it to the municipal bylaw), so the council
    sets it; the default is 6 weeks."""
    return sent_on + timedelta(weeks=weeks)


@register_snippet
class Theme(index.Indexed, models.Model):
    """A theme advice and consultations are filed under (e.g. waiting lists)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CouncilPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed where groups cannot say the rule.

    The rights themselves come from each council's Wagtail groups (page_permissions.py:
    members add and edit, the chair and secretary also publish). Every admin path asks
    this tester (create, edit, revisions, copy, move, bulk actions, the admin API's
    actions), so the narrowing holds on all of them: advice only by the council's
    current members who may post (an account under 16 waits for consent); the
    council page itself only by its chair or secretary; and publishing advice (which
    is adopting it) only by the chair or secretary, even for someone whose other
    groups may publish anywhere. The rules are councils.workflow.may_change and
    may_adopt."""

    def _may_change(self) -> bool:
        from .workflow import may_change

        return may_change(self.user, self.page)

    def _is_advice(self) -> bool:
        return issubclass(self.page.specific_class, AdvicePage)

    def _is_council(self) -> bool:
        return issubclass(self.page.specific_class, CouncilPage)

    def can_edit(self):
        return super().can_edit() and self._may_change()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._may_change()

    def can_unpublish(self):
        return super().can_unpublish() and self._may_change()

    def can_move(self):
        return super().can_move() and self._may_change()

    def can_publish(self):
        from .workflow import may_adopt

        if not (super().can_publish() and self._may_change()):
            return False
        if self._is_advice():
            # Publishing advice sends it: that is adoption by the chair or secretary.
            return self.user.is_superuser or may_adopt(self.user, self.page)
        return True

    def can_publish_subpage(self):
        """Creating advice and publishing it at once, publishing a copy or making
        an alias under a council: adoption again."""
        from .permissions import can_adopt

        if not super().can_publish_subpage():
            return False
        if self._is_council():
            return self.user.is_superuser or can_adopt(self.user, self.page.specific)
        return True

    def can_add_subpage(self):
        from .permissions import can_write

        if not super().can_add_subpage():
            return False
        if self._is_council():
            return can_write(self.user, self.page.specific)
        return True

    def can_move_to(self, destination):
        """Wagtail reads the destination's raw group rights here; moving advice into
        a council also needs that council's membership, and moving live advice
        there publishes it, so it needs that council's chair or secretary."""
        if not super().can_move_to(destination):
            return False
        if self.user.is_superuser or not issubclass(
            destination.specific_class, CouncilPage
        ):
            return True
        destination_perms = destination.specific.permissions_for_user(self.user)
        if not destination_perms.can_add_subpage():
            return False
        publishes = self.page.live or self.page.get_descendants().live().exists()
        return not publishes or destination_perms.can_publish_subpage()


class CouncilTreePage(Page):
    """Council and advice pages check the council's own roles on top of Wagtail's."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return CouncilPagePermissionTester(user, self)


class CouncilIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["councils.CouncilPage", "councils.AdviceTrackerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("council overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["councils"] = (
            CouncilPage.objects.live()
            .public()
            .child_of(self)
            .select_related("organisation")
            .order_by("title")
        )
        context["tracker"] = (
            AdviceTrackerPage.objects.live().public().child_of(self).first()
        )
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
    subpage_types = ["councils.AdvicePage"]

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def current_members(self, on: date | None = None):
        return self.members.current(on).select_related("user")

    def get_context(self, request, *args, **kwargs):
        from .tracker import advice_pages, label_statuses, open_requests

        context = super().get_context(request, *args, **kwargs)
        members = list(self.current_members())
        # Names only of members who chose to be shown; the rest are only counted.
        context["shown_members"] = [m for m in members if m.show_publicly]
        context["hidden_member_count"] = sum(not m.show_publicly for m in members)
        context["advice_list"] = label_statuses(
            advice_pages()
            .live()
            .public()
            .child_of(self)
            .with_status()
            .select_related("addressee", "dispatch", "answer")
            .prefetch_related("themes")
            .order_by(models.F("dispatch__sent_on").desc(nulls_last=True), "-pk")
        )
        context["open_requests"] = open_requests(self)
        from .permissions import can_adopt, is_member

        context["is_member"] = request.user.is_authenticated and is_member(
            request.user, self
        )
        context["may_decide_requests"] = context["is_member"] and can_adopt(
            request.user, self
        )
        return context


class CouncilMemberQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        day = on or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            user__is_active=True,
        )


class CouncilMember(Orderable):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    ADOPTING_ROLES = (Role.CHAIR, Role.SECRETARY)

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
        help_text=_("Only with the member's own consent: shows their display name."),
    )

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
        from .page_permissions import sync_council_permissions

        sync_council_permissions(self.council)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The term cannot end before it starts.")}
            )


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
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked by"),
    )
    requested_on = models.DateField(_("asked on"), default=timezone.localdate)
    decided_on = models.DateField(_("council decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")
        ordering = ["-requested_on", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.question[:60]}"


class AdviceStatus(models.TextChoices):
    DRAFT = "draft", _("Not sent yet")
    AWAITING = "awaiting", _("Awaiting answer")
    OVERDUE = "overdue", _("Overdue")
    ANSWERED = "answered", _("Answered")
    ANSWERED_LATE = "answered_late", _("Answered late")


class AdvicePageQuerySet(PageQuerySet):
    def with_status(self, today: date | None = None):
        """Annotate `status` (AdviceStatus) in the database, so lists can filter and
        count by it without a query per row."""
        today = today or timezone.localdate()
        return self.annotate(
            status=Case(
                When(dispatch__isnull=True, then=Value(AdviceStatus.DRAFT)),
                When(
                    answer__isnull=False,
                    answer__answered_on__gt=models.F("dispatch__answer_due_on"),
                    then=Value(AdviceStatus.ANSWERED_LATE),
                ),
                When(answer__isnull=False, then=Value(AdviceStatus.ANSWERED)),
                When(
                    dispatch__answer_due_on__lt=today,
                    then=Value(AdviceStatus.OVERDUE),
                ),
                default=Value(AdviceStatus.AWAITING),
                output_field=models.CharField(),
            )
        )


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

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    @property
    def council(self) -> CouncilPage:
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["council"] = self.council
        context["status"] = (
            AdvicePage.objects.with_status()
            .filter(pk=self.pk)
            .values_list("status", flat=True)
            .first()
        )
        context["status_label"] = (
            AdviceStatus(context["status"]).label if context["status"] else ""
        )
        context["dispatch"] = AdviceDispatch.objects.filter(advice=self).first()
        answer = AdviceAnswer.objects.filter(advice=self).first()
        context["answer"] = answer
        context["answer_points"] = list(answer.points.all()) if answer else []
        context["follow_up"] = FollowUp.objects.filter(advice=self).first()
        context["attachments"] = self.attachments.all()
        # What the visitor may do next (links shown only to those allowed).
        from .permissions import can_answer, can_follow_up

        user = request.user
        context["may_answer"] = bool(
            context["dispatch"] and not answer and can_answer(user, self)
        )
        context["may_follow_up"] = bool(
            answer and not context["follow_up"] and can_follow_up(user, self)
        )
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

    def __str__(self):
        return f"{self.advice} ({self.sent_on})"


class AdviceAnswer(models.Model):
    """The addressee's answer (Wmcz 2018 art. 7: reasons for any deviation)."""

    class Verdict(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    advice = models.OneToOneField(
        AdvicePage, on_delete=models.CASCADE, related_name="answer"
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    summary = models.TextField(_("answer"))
    reasons = models.TextField(
        _("reasons"),
        blank=True,
        help_text=_("Required when the advice is not fully adopted."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answer letter"),
    )
    answered_on = models.DateField(_("answered on"), default=timezone.localdate)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("answer to advice")
        verbose_name_plural = _("answers to advice")

    def __str__(self):
        return f"{self.advice}: {self.get_verdict_display()}"

    @property
    def is_late(self) -> bool:
        dispatch = getattr(self.advice, "dispatch", None)
        return bool(dispatch and self.answered_on > dispatch.answer_due_on)


class AnswerPoint(models.Model):
    """The answer to one point of the advice, with its own verdict and reasons."""

    answer = models.ForeignKey(
        AdviceAnswer, on_delete=models.CASCADE, related_name="points"
    )
    point = models.CharField(_("point of the advice"), max_length=300)
    verdict = models.CharField(
        _("verdict"), max_length=20, choices=AdviceAnswer.Verdict.choices
    )
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer per point")

    def __str__(self):
        return self.point


class FollowUp(models.Model):
    """The council's one reaction to the answer."""

    advice = models.OneToOneField(
        AdvicePage, on_delete=models.CASCADE, related_name="follow_up"
    )
    text = models.TextField(_("reaction of the council"))
    written_on = models.DateField(_("written on"), default=timezone.localdate)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("follow-up reaction")

    def __str__(self):
        return f"{self.advice} – {self.written_on}"


class AdviceTrackerPage(Page):
    """The public tracker of every published advice (views in tracker.py)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["councils.CouncilIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("advice tracker")

    def get_context(self, request, *args, **kwargs):
        from .tracker import tracker_context

        context = super().get_context(request, *args, **kwargs)
        context.update(tracker_context(request))
        return context


# The adoption workflow task is a model too; importing it here registers it.
from .workflow import CouncilAdoptionTask  # noqa: E402, F401
