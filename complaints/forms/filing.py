"""Filing a case: the form for an objection or a complaint."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm
from inspraak.organisations.models import Organisation

from ..case_deadlines import last_day_to_object
from ..models import Case
from .attachments import AttachmentsField
from .dates import date_input, not_in_future


class CaseForm(BoundedForm):
    """Filing an objection (Awb 6:5) or a complaint (Awb 9:4, or the provider's
    procedure). Parts of an objection that are missing do not stop it: the case is
    saved and the person is asked to add them (Awb 6:6)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label=_("Choose"),
        error_messages={"required": _("Choose the organisation.")},
    )
    filed_as = forms.ChoiceField(
        label=_("Who are you filing this for?"),
        choices=Case.FiledAs.choices,
        initial=Case.FiledAs.SELF,
        widget=forms.RadioSelect,
    )
    on_behalf_of = forms.CharField(
        label=_("Name of the young person it is about"),
        max_length=200,
        required=False,
        help_text=_("Only when you file it for someone else."),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Fill in your name.")},
    )
    guest_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We send you a link. Click it to confirm your address; with the same link "
            "you can follow your case."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Fill in your e-mail address.")},
    )
    address = forms.CharField(
        label=_("Your address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        help_text=_("Optional. Only if you want to be called."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    # Objection (Awb 6:5).
    decision_description = forms.CharField(
        label=_("Which decision do you object to?"),
        required=False,
        help_text=_("What was decided, and by whom. A copy of the letter helps."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision_reference = forms.CharField(
        label=_("Reference of the decision"),
        max_length=100,
        required=False,
        help_text=_("Optional. Often at the top of the letter (kenmerk)."),
    )
    decision_date = forms.DateField(
        label=_("Date of the decision"),
        required=False,
        help_text=_("The date on the letter."),
        widget=date_input(),
    )
    decision_made_known_on = forms.DateField(
        label=_("On what day did you receive the decision?"),
        help_text=_("Do you not know exactly? Use the date on the letter."),
        widget=date_input(),
        error_messages={"required": _("Fill in when you received the decision.")},
    )
    grounds = forms.CharField(
        label=_("Why do you disagree?"),
        required=False,
        help_text=_("In your own words. You do not have to name any laws."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    late_reason = forms.CharField(
        label=_("Why are you objecting after the six weeks?"),
        required=False,
        help_text=_(
            "Only when the period to object has passed. The municipality looks at "
            "your reason; it does not simply refuse your objection (Awb 6:11)."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Complaint (Awb 9:4 or the provider's procedure).
    conduct_description = forms.CharField(
        label=_("What happened?"),
        help_text=_("Tell it in your own words: who did what."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us what happened.")},
    )
    conduct_date = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        help_text=_("Optional. About when is fine too."),
        widget=date_input(),
    )
    wish = forms.CharField(
        label=_("What would you like to happen?"),
        required=False,
        help_text=_("Optional. For example an apology, or that something changes."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = AttachmentsField()

    OBJECTION_FIELDS = (
        "decision_description",
        "decision_reference",
        "decision_date",
        "decision_made_known_on",
        "grounds",
        "late_reason",
    )
    COMPLAINT_FIELDS = ("conduct_description", "conduct_date", "wish")
    # Awb 6:5 lid 1: what an objection holds; missing parts can be added (6:6).
    OBJECTION_REQUIRED_PARTS = (
        "address",
        "decision_description",
        "decision_date",
        "grounds",
    )

    def __init__(
        self, *args, kind: str, user=None, today=None, digid_name="", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.identified_with_digid = bool(digid_name)
        if digid_name:
            # DigiD proved who files: the name is the one it gave, not typed.
            name = self.fields["name"]
            name.initial = digid_name
            name.disabled = True
            name.help_text = _("Filled in with DigiD.")
        self.today = today or timezone.localdate()
        self.objection_late = False
        organisation_kind = (
            Organisation.Kind.PROVIDER
            if kind == Case.Kind.PROVIDER_COMPLAINT
            else Organisation.Kind.MUNICIPALITY
        )
        organisation = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(
            kind=organisation_kind, is_active=True
        )
        if kind == Case.Kind.PROVIDER_COMPLAINT:
            organisation.label = _("Which youth-care provider is it about?")
        elif kind == Case.Kind.OBJECTION:
            organisation.label = _("Which municipality took the decision?")
        else:
            organisation.label = _("Which municipality is it about?")
        drop = (
            self.COMPLAINT_FIELDS
            if kind == Case.Kind.OBJECTION
            else self.OBJECTION_FIELDS
        )
        for field in drop:
            del self.fields[field]
        if user is not None and user.is_authenticated:
            del self.fields["guest_email"]
        if kind == Case.Kind.OBJECTION:
            self.fields["address"].help_text = _(
                "The law asks for it with an objection (Awb 6:5)."
            )
        else:
            self.fields["address"].help_text = _("Optional.")

    def _not_in_future(self, field):
        try:
            not_in_future(self.cleaned_data.get(field), self.today)
        except forms.ValidationError as error:
            self.add_error(field, error)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("filed_as", Case.FiledAs.SELF) != Case.FiledAs.SELF
            and not (cleaned.get("on_behalf_of") or "").strip()
        ):
            self.add_error(
                "on_behalf_of",
                _("Fill in the name of the young person you file this for."),
            )
        for field in ("decision_date", "decision_made_known_on", "conduct_date"):
            if field in self.fields:
                self._not_in_future(field)
        received = cleaned.get("decision_made_known_on")
        if self.kind == Case.Kind.OBJECTION and received and received <= self.today:
            period_end = last_day_to_object(received)
            self.objection_late = self.today > period_end
            if self.objection_late and not (cleaned.get("late_reason") or "").strip():
                self.add_error(
                    "late_reason",
                    _(
                        "The period to object ended on %(date)s. You can still "
                        "object: tell us why you are later."
                    )
                    % {"date": date_format(period_end)},
                )
        return cleaned

    def missing_parts(self) -> list[str]:
        """The parts Awb 6:5 asks for that the objector left empty."""
        if self.kind != Case.Kind.OBJECTION:
            return []
        return [
            field
            for field in self.OBJECTION_REQUIRED_PARTS
            if not self.cleaned_data.get(field)
        ]

    def case_data(self) -> dict:
        """The case fields to store (everything but the files and the guest's
        address, which the service takes separately)."""
        skip = {"attachments", "guest_email"}
        data = {
            key: value.strip() if isinstance(value, str) else value
            for key, value in self.cleaned_data.items()
            if key not in skip
        }
        data["identified_with_digid"] = self.identified_with_digid
        return data
