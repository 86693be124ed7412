"""Forms of the experience-experts pages. Rules live in services.py; forms only
check the shape of what was typed."""

from decimal import Decimal

from django import forms
from django.db.models import TextChoices
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm, BoundedModelForm
from inspraak.organisations.models import Organisation

from .models import (
    Assignment,
    Criterion,
    DeclaredRelation,
    ExpertProfile,
    ProcurementRound,
    Session,
)
from .models.common import MAX_TRAVEL_COSTS, ORGANISER_KINDS, Theme, Weekday, WorkKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def checkboxes(label, choices: type[TextChoices]) -> forms.MultipleChoiceField:
    """Optional ticks for any number of `choices`."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ProfileForm(BoundedModelForm):
    themes = checkboxes(_("Themes of your lived experience"), Theme)
    work_kinds = checkboxes(_("Kinds of work you want to do"), WorkKind)
    available_days = checkboxes(_("Days you are available"), Weekday)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions and municipalities where you work"),
        queryset=Organisation.objects.filter(kind__in=ORGANISER_KINDS, is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Inspraak keeps my lived experience. This is health data. "
            "Only I and the organisations I apply to or work for can see it. I can "
            "delete it at any time."
        ),
        required=True,
    )

    class Meta:
        model = ExpertProfile
        fields = [*ExpertProfile.OWN_FIELDS, "findable", "is_active"]
        widgets = {
            "date_of_birth": DateInput(),
            "about": forms.Textarea(attrs={"rows": 4}),
            "training": forms.Textarea(attrs={"rows": 3}),
            "invoice_address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["consent"]  # given once, at creation


class AssignmentForm(BoundedModelForm):
    themes = checkboxes(_("Themes"), Theme)
    work_kinds = checkboxes(_("Kinds of work"), WorkKind)

    class Meta:
        model = Assignment
        fields = [
            "organisation",
            "procurement_round",
            "title",
            "description",
            "themes",
            "work_kinds",
            "experts_needed",
            "fee_type",
            "fee_amount",
            "travel_reimbursed",
            "application_deadline",
            "criteria",
        ]
        widgets = {
            "application_deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "criteria": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["procurement_round"].queryset = ProcurementRound.objects.filter(
            organisation__in=organisations
        )
        # Only published criteria may be attached (Aanbestedingswet).
        self.fields["criteria"].queryset = Criterion.objects.filter(
            procurement_round__organisation__in=organisations,
            published_on__lte=timezone.localdate(),
        ).select_related("procurement_round")
        self.fields["criteria"].help_text = _(
            "Only criteria that were published to the bidders can be chosen."
        )

    def clean(self):
        data = super().clean()
        procurement_round = data.get("procurement_round")
        organisation = data.get("organisation")
        if (
            procurement_round
            and organisation
            and (procurement_round.organisation_id != organisation.pk)
        ):
            self.add_error(
                "procurement_round",
                _("Choose a procurement round of your own organisation."),
            )
        for criterion in data.get("criteria") or ():
            if procurement_round is None or (
                criterion.procurement_round_id != procurement_round.pk
            ):
                self.add_error(
                    "criteria", _("A criterion must belong to the assignment's round.")
                )
                break
        return data


class SessionForm(BoundedModelForm):
    class Meta:
        model = Session
        fields = ["date", "starts_at", "ends_at", "place", "online"]
        widgets = {
            "date": DateInput(),
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
        }


SessionFormSet = inlineformset_factory(
    Assignment, Session, form=SessionForm, extra=1, can_delete=True
)


class ApplyForm(BoundedForm):
    motivation = forms.CharField(
        label=_("Why do you want to do this?"),
        help_text=_("A few sentences are enough."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class InviteForm(BoundedForm):
    message = forms.CharField(
        label=_("Message (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class DeclarationForm(BoundedForm):
    confidentiality = forms.BooleanField(
        label=_(
            "I keep everything I read about the bids secret, also after the round "
            "(Aanbestedingswet 2.57)."
        ),
        required=True,
    )
    no_other_interests = forms.BooleanField(
        label=_("Apart from what I declare below, I have no interest in the outcome."),
        required=False,
    )
    signed_name = forms.CharField(
        label=_("Your full name, as signature"), max_length=200
    )

    def __init__(self, *args, bidders, **kwargs):
        super().__init__(*args, **kwargs)
        self.bidders = list(bidders)
        choices = [("", _("No tie"))] + list(DeclaredRelation.Kind.choices)
        for provider in self.bidders:
            self.fields[f"tie_{provider.pk}"] = forms.ChoiceField(
                label=_("My tie with %(provider)s") % {"provider": provider.name},
                choices=choices,
                required=False,
            )
            self.fields[f"explain_{provider.pk}"] = forms.CharField(
                label=_("Explain the tie with %(provider)s (optional)")
                % {"provider": provider.name},
                max_length=500,
                required=False,
            )

    def relations(self):
        from .services.declarations import Relation

        return [
            Relation(
                provider,
                self.cleaned_data[f"tie_{provider.pk}"],
                self.cleaned_data.get(f"explain_{provider.pk}", ""),
            )
            for provider in self.bidders
            if self.cleaned_data.get(f"tie_{provider.pk}")
        ]


class DecisionForm(BoundedForm):
    allowed = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("1", _("The expert may take part")),
            ("0", _("The expert may not take part")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class WorkLogForm(BoundedForm):
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=Session.objects.none()
    )
    hours = forms.DecimalField(
        label=_("Hours worked"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        max_digits=4,
        decimal_places=2,
    )
    travel_costs = forms.DecimalField(
        label=_("Travel costs in euros"),
        help_text=_("Only real costs, for example your train ticket."),
        min_value=Decimal("0"),
        max_value=MAX_TRAVEL_COSTS,
        max_digits=7,
        decimal_places=2,
        initial=Decimal("0"),
        required=False,
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args, sessions, shown=None, **kwargs):
        """`sessions` are the sessions the form takes; `shown`, when given, those
        its list offers (a year of sessions is too long a list to pick from)."""
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        if shown is not None:
            self.offer(shown)

    def offer(self, shown) -> None:
        """List `shown` to pick from; the form still takes any of its sessions."""
        field = self.fields["session"]
        field.choices = [("", field.empty_label)] + [
            (session.pk, field.label_from_instance(session)) for session in shown
        ]


class ReturnForm(BoundedForm):
    reason = forms.CharField(
        label=_("Why do you return the hours?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class OutcomeForm(BoundedForm):
    text = forms.CharField(
        label=_("What did you do with the experts' input?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class RatingForm(BoundedForm):
    stars = forms.TypedChoiceField(
        label=_("How was this assignment?"),
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class YearForm(BoundedForm):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=timezone.now().year
    )
