"""Forms of the consultation pages. Text is cleaned here (text.clean_text) so the
form shows what will be stored when it comes back with an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm
from inspraak.organisations.models import Organisation

from .models.consultations import ConsultationPage
from .models.contributions import (
    CONTRIBUTION_MAX,
    NICKNAME_MAX,
    ContributionReport,
)
from .text import clean_text

IDEA = "idea"
STATUS_CHOICES = [
    ("", _("All")),
    ("open", _("Open now")),
    ("upcoming", _("Coming soon")),
    ("past", _("Finished")),
]
SORT_CHOICES = [("newest", _("Newest first")), ("support", _("Most supported"))]


class ContributionForm(BoundedForm):
    question = forms.ChoiceField(label=_("What do you want to respond to?"))
    nickname = forms.CharField(
        label=_("Your nickname"),
        max_length=NICKNAME_MAX,
        help_text=_("Others see this name. You do not have to use your real name."),
    )
    text = forms.CharField(
        label=_("Your answer or idea"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Do not write names, addresses or other private details of yourself "
            "or others."
        ),
    )

    def __init__(
        self, *args, consultation: ConsultationPage, user=None, worded=None, **kwargs
    ):
        """`worded`: {question id: the question as the reader's page words it}
        (page_context.worded_questions); the record's own words otherwise."""
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.questions = {str(q.pk): q for q in consultation.questions.all()}
        worded = worded or {}
        choices = [(pk, worded.get(q.pk, q).text) for pk, q in self.questions.items()]
        choices.append((IDEA, _("An idea of my own")))
        self.fields["question"].choices = choices
        if not self.questions:
            self.fields["question"].widget = forms.HiddenInput()
            self.fields["question"].initial = IDEA
        if user is not None and user.is_authenticated:
            self.fields["nickname"].initial = user.display_name
            self.fields["nickname"].help_text = _(
                "You post with your account. Others see this name."
            )

    def clean_nickname(self):
        nickname = clean_text(self.cleaned_data["nickname"], multiline=False)
        if not nickname:
            raise forms.ValidationError(_("Fill in a nickname."))
        return nickname

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if len(text) < 2:
            raise forms.ValidationError(_("Write a few words."))
        return text

    def chosen_question(self):
        return self.questions.get(self.cleaned_data["question"])


class ReportForm(BoundedForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=ContributionReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation (optional)"), max_length=300, required=False
    )


class HideForm(BoundedForm):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=300,
        help_text=_("Shown instead of the text, so keep it short and kind."),
    )

    def clean_reason(self):
        reason = clean_text(self.cleaned_data["reason"], multiline=False)
        if not reason:
            raise forms.ValidationError(_("Give a reason for hiding."))
        return reason


class SubscribeForm(BoundedForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "Yes, e-mail me once when the answer is published. After that you "
            "delete my e-mail address."
        ),
        required=True,
        error_messages={"required": _("Tick the box if you want an e-mail.")},
    )


class IndexFilterForm(BoundedForm):
    status = forms.ChoiceField(label=_("When"), choices=STATUS_CHOICES, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )

    def __init__(self, *args, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        theme_model = ConsultationPage._meta.get_field("themes").related_model
        # Only what occurs among the consultations, so no filter leads nowhere.
        self.fields["organisation"].queryset = Organisation.objects.filter(
            consultations__in=consultations
        ).distinct()
        self.fields["theme"].queryset = theme_model.objects.filter(
            consultations__in=consultations
        ).distinct()
