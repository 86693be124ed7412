from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("The name others see, for example your first name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        help_text=_("We use it only to apply the rules for your age."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    field_order = ["display_name", "email", "date_of_birth", "password1", "password2"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter a name."))
        return name

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        if born and born.year < 1900:
            raise forms.ValidationError(
                _("Please check the year of your date of birth.")
            )
        return born

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.date_of_birth = self.cleaned_data.get("date_of_birth")
        language = get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.save()


class ProfileForm(forms.Form):
    """The person's own details, on the profile page."""

    display_name = forms.CharField(label=_("Display name"), max_length=80)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    clean_date_of_birth = SignupForm.clean_date_of_birth
    clean_display_name = SignupForm.clean_display_name
