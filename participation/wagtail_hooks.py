"""The admin side of consultations, for the organisers of the organising
organisation (policy officers and administrators; superusers too): consultation
pages, "you said, we did" items as a snippet and, in live/wagtail_hooks.py, live
sessions. Who reaches what is decided in admin_permissions/; here are the forms,
whose choices are limited to the same scope, and the hooks of the page choosers.
Publishing feedback (and notifying) is a button on the consultation page
(views.publish_feedback)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from inspraak.organisations.permissions import organisations_for

from .admin_permissions.bulk_actions import OutOfScopeUnlistedMixin, page_bulk_actions
from .admin_permissions.pages import register_page_policy, scope_pages
from .admin_permissions.rows import (
    OrganisedChooserViewSet,
    OrganisedViewSetMixin,
    visible_rows,
)
from .live.models import Question
from .models import ConsultationPage, Contribution, FeedbackItem
from .permissions import ORGANISER_ROLES, organised

register_page_policy()


def organised_consultations(user):
    """The consultations `user` may attach things to in the admin."""
    return organised(ConsultationPage.objects.all(), user)


class ConsultationPageForm(WagtailAdminPageForm):
    """A consultation is organised by one of the editor's own organisations: the
    choice is limited, so another one is refused as an invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "organisation" in self.fields and not (user and user.is_superuser):
            self.fields["organisation"].queryset = organisations_for(
                user, ORGANISER_ROLES
            ).order_by("name")


ConsultationPage.base_form_class = ConsultationPageForm


class FeedbackItemForm(WagtailAdminModelForm):
    # The link lives on the live app's side (live.Question.feedback_items).
    live_questions = forms.ModelMultipleChoiceField(
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Questions from live sessions"),
        help_text=_("The questions from live sessions that this item answers."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        consultations = organised_consultations(user)
        questions = Question.objects.filter(
            status=Question.Status.PUBLISHED, session__consultation__in=consultations
        )
        if self.instance.consultation_id:
            questions = questions.filter(
                session__consultation_id=self.instance.consultation_id
            )
        self.fields["live_questions"].queryset = questions.order_by("-upvotes", "pk")
        if self.instance.pk:
            self.initial["live_questions"] = list(
                self.instance.live_questions.values_list("pk", flat=True)
            )
        self.fields["consultation"].queryset = consultations.order_by("title")
        contributions = Contribution.objects.visible().filter(
            consultation__in=consultations
        )
        if self.instance.consultation_id:
            contributions = contributions.filter(
                consultation_id=self.instance.consultation_id
            )
        self.fields["contributions"].queryset = contributions.order_by(
            "-support_count", "created_at"
        )
        self.fields["contributions"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["contributions"].choices
        )

    def clean(self):
        cleaned = super().clean()
        consultation = cleaned.get("consultation")
        for contribution in cleaned.get("contributions") or []:
            if consultation and contribution.consultation_id != consultation.pk:
                self.add_error(
                    "contributions",
                    _("Choose only contributions to this consultation."),
                )
                break
        for question in cleaned.get("live_questions") or []:
            if consultation and question.session.consultation_id != consultation.pk:
                self.add_error(
                    "live_questions",
                    _("Choose only questions from live sessions of this consultation."),
                )
                break
        return cleaned

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            item.live_questions.set(self.cleaned_data.get("live_questions") or [])
        return item


FeedbackItem.base_form_class = FeedbackItemForm


class FeedbackItemFilterSet(WagtailFilterSet):
    # The filter offers the editor's own consultations, not every title.
    consultation = django_filters.ModelChoiceFilter(
        label=_("consultation"),
        queryset=lambda request: organised_consultations(
            getattr(request, "user", None)
        ).order_by("title"),
    )

    class Meta:
        model = FeedbackItem
        fields = ["consultation"]


class FeedbackItemViewSet(OrganisedViewSetMixin, SnippetViewSet):
    model = FeedbackItem
    icon = "comment"
    menu_label = _("You said, we did")
    menu_name = "you-said-we-did"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "consultation", "sort_order"]
    filterset_class = FeedbackItemFilterSet
    chooser_viewset_class = OrganisedChooserViewSet
    panels = [
        FieldPanel("consultation"),
        FieldPanel("theme"),
        FieldPanel("heading"),
        FieldPanel("what_we_heard"),
        FieldPanel("what_we_did"),
        FieldPanel("contributions"),
        FieldPanel("live_questions"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return visible_rows(FeedbackItem, request.user).select_related(
            "consultation", "theme"
        )


register_snippet(FeedbackItemViewSet)


@hooks.register("construct_page_chooser_queryset")
@hooks.register("construct_explorer_page_queryset")
def only_organised_consultations(*args):
    # (pages, request) for the chooser, (parent_page, pages, request) for the
    # explorer; the page policy narrows the other listings the same way.
    pages, request = args[-2], args[-1]
    return scope_pages(pages, request.user)


class FeedbackItemDeleteBulkAction(OutOfScopeUnlistedMixin, DeleteBulkAction):
    models = [FeedbackItem]


# Order 1: after Wagtail's own bulk actions (order 0), so these take their place.
for _action in [*page_bulk_actions(), FeedbackItemDeleteBulkAction]:
    hooks.register("register_bulk_action", _action, order=1)
