"""The admin side of consultations: "you said, we did" items as a snippet, limited
to the consultations of the organisations where the editor is a policy officer or
administrator. Publishing them (and notifying) is a button on the consultation
page for the same people (views.publish_feedback)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .live.models import Question
from .models import ConsultationPage, Contribution, FeedbackItem
from .permissions import can_publish_feedback, feedback_editable

FEEDBACK_EDITORS_GROUP = "Raadplegingen: terugkoppeling"


def _consultations_for(user):
    return feedback_editable(ConsultationPage.objects.all(), user, "organisation")


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
        consultations = _consultations_for(user)
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


class FeedbackItemViewSet(SnippetViewSet):
    model = FeedbackItem
    icon = "comment"
    menu_label = _("You said, we did")
    menu_name = "you-said-we-did"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "consultation", "sort_order"]
    list_filter = ["consultation"]
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
        return FeedbackItem.objects.filter(
            consultation__in=_consultations_for(request.user)
        ).select_related("consultation", "theme")


register_snippet(FeedbackItemViewSet)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def only_the_organisation_edits_feedback(request, instances):
    items = instances if isinstance(instances, list | tuple) else [instances]
    for item in items:
        if isinstance(item, FeedbackItem) and not can_publish_feedback(
            request.user, item.consultation
        ):
            return permission_denied(request)
    return None


def ensure_feedback_editors_group():
    """The group of people who write "you said, we did" in the admin; the hooks and
    the form narrow it to their own organisation's consultations."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=FEEDBACK_EDITORS_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="participation",
            codename__in=[
                "add_feedbackitem",
                "change_feedbackitem",
                "delete_feedbackitem",
                "view_feedbackitem",
            ],
        ),
    )
    return group
