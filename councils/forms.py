"""Forms on the public site: the addressee's answer (with points), the council's
follow-up and requests for advice."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm
from inspraak.organisations.models import Organisation

from .models.answers import AdviceAnswer
from .models.councils import CouncilPage
from .rules import reasons_required

# Answer letters: PDF and office documents only (docs/design.md: limit upload types).
ANSWER_DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx"]
ANSWER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_POINTS = 20

REASONS_REQUIRED = _("Please give the reasons: the advice is not fully adopted.")


class ReasonsRequiredMixin:
    """A verdict other than fully adopted needs reasons (rules.reasons_required)."""

    def clean(self):
        cleaned = super().clean()
        verdict = cleaned.get("verdict")
        if verdict and reasons_required(verdict) and not cleaned.get("reasons", ""):
            self.add_error("reasons", REASONS_REQUIRED)
        return cleaned


class AnswerForm(ReasonsRequiredMixin, BoundedForm):
    """The organisation's answer to the advice as a whole."""

    verdict = forms.ChoiceField(
        label=_("What do you do with the advice?"),
        choices=AdviceAnswer.Verdict.choices,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Your answer"),
        help_text=_("What you will do with the advice, in plain language."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    document = forms.FileField(
        label=_("Answer letter (optional)"),
        required=False,
        validators=[FileExtensionValidator(ANSWER_DOCUMENT_EXTENSIONS)],
        help_text=_("A PDF or office document of at most 10 MB."),
    )

    def __init__(self, *args, council: CouncilPage, **kwargs):
        super().__init__(*args, **kwargs)
        if council.kind == CouncilPage.Kind.CLIENT:
            self.fields["reasons"].help_text = _(
                "Required when you do not fully adopt the advice. Wmcz 2018 art. 7: "
                "a provider that deviates from the client council's advice gives "
                "its reasons in writing."
            )
        else:
            self.fields["reasons"].help_text = _(
                "Required when you do not fully adopt the advice: explain why."
            )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and upload.size > ANSWER_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s. The most we accept is 10 MB.")
                % {"size": filesizeformat(upload.size)}
            )
        return upload


class AnswerPointForm(ReasonsRequiredMixin, BoundedForm):
    """The answer to one point of the advice."""

    point = forms.CharField(label=_("Point of the advice"), max_length=300)
    verdict = forms.ChoiceField(
        label=_("What do you do with this point?"),
        choices=AdviceAnswer.Verdict.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons for this point"),
        required=False,
        help_text=_("Required when this point is not fully adopted."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BaseAnswerPointFormSet(forms.BaseFormSet):
    def points(self) -> list[dict]:
        """The filled-in points; empty rows are left out."""
        return [
            {key: form.cleaned_data[key] for key in ("point", "verdict", "reasons")}
            for form in self.forms
            if form.has_changed() and form.cleaned_data
        ]


AnswerPointFormSet = forms.formset_factory(
    AnswerPointForm,
    formset=BaseAnswerPointFormSet,
    extra=3,
    max_num=MAX_POINTS,
    validate_max=True,
)


def answer_consistency_error(verdict: str, points: list[dict]) -> str | None:
    """A fully adopted answer cannot reject one of its points."""
    if verdict == AdviceAnswer.Verdict.ADOPTED and any(
        reasons_required(point["verdict"]) for point in points
    ):
        return _(
            "You chose “Adopted”, but not every point is adopted. Choose “Partly "
            "adopted”, or change the points."
        )
    return None


class FollowUpForm(BoundedForm):
    text = forms.CharField(
        label=_("Reaction of the council"),
        help_text=_(
            "What the council thinks of the answer. The council can react only once."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AdviceRequestForm(BoundedForm):
    """An organisation asks a council for advice."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    question = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "What do you want advice on? Explain the situation at language level B1."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    desired_on = forms.DateField(
        label=_("Advice wanted by"),
        help_text=_("Give the council enough time: the advice must still matter."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_desired_on(self):
        desired_on = self.cleaned_data["desired_on"]
        if desired_on <= timezone.localdate():
            raise forms.ValidationError(_("Please choose a date in the future."))
        return desired_on


class DecideRequestForm(BoundedForm):
    """The chair or secretary accepts or declines a request for advice."""

    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Does the council give this advice?"),
        choices=[
            (ACCEPT, _("Yes, we accept the request")),
            (DECLINE, _("No, we decline the request")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        help_text=_("Required when you decline. The organisation sees this reason."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason"):
            self.add_error(
                "reason", _("Please explain why the council declines the request.")
            )
        return cleaned
