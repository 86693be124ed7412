"""Forms of recruitment: the vacancy the council opens, the short form a young
person applies with, and the reviewer's invitation and decline."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import (
    DATE_OF_BIRTH_VALIDATORS,
    BoundedForm,
    BoundedModelForm,
)

from .models.recruitment import Vacancy
from .recruitment import ApplicationData, age_range_error, needs_parent

DATE_INPUT = {"type": "date"}


class VacancyForm(BoundedModelForm):
    class Meta:
        model = Vacancy
        fields = [
            "title",
            "looking_for",
            "min_age",
            "max_age",
            "area",
            "asks",
            "offers",
            "allowance_per_meeting",
            "term_months",
            "closes_on",
            "is_open",
        ]
        widgets = {
            "looking_for": forms.Textarea(attrs={"rows": 4}),
            "asks": forms.Textarea(attrs={"rows": 4}),
            "offers": forms.Textarea(attrs={"rows": 4}),
            "closes_on": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("For example: Become a member of the youth council."),
            "looking_for": _("Who fits the council? Write at language level B1."),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_age", _("The maximum age cannot be below the minimum age.")
            )
        return cleaned


class ApplyForm(BoundedForm):
    """The short form: no account needed."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=60,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name (optional)"),
        max_length=80,
        required=False,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send our answer here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        validators=DATE_OF_BIRTH_VALIDATORS,
        widget=forms.DateInput(
            attrs={**DATE_INPUT, "autocomplete": "bday"}, format="%Y-%m-%d"
        ),
    )
    parent_email = forms.EmailField(
        label=_("E-mail address of a parent or guardian"),
        required=False,
        help_text=_(
            "Only if you are younger than 16: we ask them for consent before you join."
        ),
    )
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=1000,
        help_text=_("A few sentences are enough."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    show_publicly = forms.BooleanField(
        label=_("Show my first name on the council page"),
        required=False,
        help_text=_(
            "With your role and since when you are a member. You can change this later."
        ),
    )

    def __init__(self, *args, vacancy: Vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy

    def clean(self):
        cleaned = super().clean()
        born_on = cleaned.get("date_of_birth")
        if born_on is None:
            return cleaned
        today = timezone.localdate()
        problem = age_range_error(self.vacancy, born_on, today)
        if problem:
            self.add_error("date_of_birth", problem)
            return cleaned
        if needs_parent(born_on, today):
            parent_email = cleaned.get("parent_email", "")
            if not parent_email and "parent_email" not in self.errors:
                self.add_error(
                    "parent_email",
                    _(
                        "You are younger than 16. Fill in the e-mail address of a "
                        "parent or guardian: they give consent before you join."
                    ),
                )
            elif (
                parent_email
                and parent_email.lower() == cleaned.get("email", "").lower()
            ):
                self.add_error(
                    "parent_email",
                    _("Fill in the address of your parent or guardian, not your own."),
                )
        else:
            cleaned["parent_email"] = ""  # not needed: not kept
        return cleaned

    def data_for_flow(self) -> ApplicationData:
        return ApplicationData(
            **{
                name: self.cleaned_data[name]
                for name in ApplicationData.__dataclass_fields__
            }
        )


class InviteForm(BoundedForm):
    talk_at = forms.DateTimeField(
        label=_("Date and time of the talk"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        help_text=_("For example where you meet and who will be there."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_talk_at(self):
        talk_at = self.cleaned_data["talk_at"]
        if talk_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return talk_at


class DeclineForm(BoundedForm):
    message = forms.CharField(
        label=_("Message to the applicant"),
        max_length=2000,
        help_text=_("Kind and short. You can change the text below."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AcceptForm(BoundedForm):
    """Only a confirmation: the term and the public name come from the vacancy and
    the application."""


# The action buttons on the application page: the form each posts.
ACTION_FORMS = {"invite": InviteForm, "accept": AcceptForm, "decline": DeclineForm}
