from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import DATE_OF_BIRTH_VALIDATORS, BoundedForm

from .consent import needs_parental_consent, possible_answers, start_consent


class SignupForm(BoundedForm):
    """Extra fields on allauth's sign-up form (allauth calls `signup`).

    Under 16 we need the date of birth (to know when consent is no longer needed)
    and a parent's e-mail address; from 16 the date is optional.
    """

    OLDER = "16_or_older"
    YOUNGER = "under_16"

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("The name others see, for example your first name or a nickname."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    age_group = forms.ChoiceField(
        label=_("How old are you?"),
        choices=[(OLDER, _("16 or older")), (YOUNGER, _("Younger than 16"))],
        widget=forms.RadioSelect,
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        validators=DATE_OF_BIRTH_VALIDATORS,
        help_text=_(
            "Needed if you are younger than 16, otherwise optional. We use it only "
            "to apply the rules for your age."
        ),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    parent_email = forms.EmailField(
        label=_("E-mail address of your parent or guardian"),
        required=False,
        help_text=_(
            "Only if you are younger than 16. We ask them for consent. Until they "
            "agree, you can read and join live sessions, but not post."
        ),
    )
    field_order = [
        "display_name",
        "email",
        "age_group",
        "date_of_birth",
        "parent_email",
        "password1",
        "password2",
    ]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter a name."))
        return name

    def clean_date_of_birth(self):
        # After 1900 and not in the future: DATE_OF_BIRTH_VALIDATORS on the field.
        return self.cleaned_data.get("date_of_birth")

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("age_group")
        born = cleaned.get("date_of_birth")
        if group == self.YOUNGER:
            if not born and "date_of_birth" not in self.errors:
                self.add_error(
                    "date_of_birth",
                    _("Please fill in your date of birth if you are younger than 16."),
                )
            elif born and not needs_parental_consent(born, timezone.localdate()):
                self.add_error(
                    "date_of_birth",
                    _("With this date of birth you are 16 or older. Please check."),
                )
            parent_email = (cleaned.get("parent_email") or "").lower()
            own_email = (cleaned.get("email") or self.data.get("email", "")).lower()
            if not parent_email and "parent_email" not in self.errors:
                self.add_error(
                    "parent_email",
                    _("Please fill in the e-mail address of a parent or guardian."),
                )
            elif parent_email and parent_email == own_email.strip():
                self.add_error(
                    "parent_email",
                    _("This must be the address of your parent, not your own."),
                )
        elif (
            group == self.OLDER
            and born
            and needs_parental_consent(born, timezone.localdate())
        ):
            self.add_error(
                "date_of_birth",
                _(
                    "With this date of birth you are younger than 16. Please "
                    'choose "Younger than 16".'
                ),
            )
        return cleaned

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.date_of_birth = self.cleaned_data.get("date_of_birth")
        language = get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.save()
        if self.cleaned_data["age_group"] == self.YOUNGER:
            # The request goes to the parent once the young person has confirmed
            # their own address (AccountAdapter.confirm_email), so nobody can use
            # the sign-up form to send mail to a stranger.
            start_consent(user, self.cleaned_data["parent_email"])


class ProfileForm(BoundedForm):
    """The person's own details, on the profile page."""

    display_name = forms.CharField(label=_("Display name"), max_length=80)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        validators=DATE_OF_BIRTH_VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    clean_display_name = SignupForm.clean_display_name

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if hasattr(user, "parental_consent"):
            # The consent rules hang on this date: only staff can correct it.
            self.fields["date_of_birth"].disabled = True
            self.fields["date_of_birth"].help_text = _(
                "Is this date wrong? Please contact us to change it."
            )

    def clean_date_of_birth(self):
        born = SignupForm.clean_date_of_birth(self)
        if self.fields["date_of_birth"].disabled:
            return self.user.date_of_birth
        if born and needs_parental_consent(born, timezone.localdate()):
            raise forms.ValidationError(
                _(
                    "With this date of birth you are younger than 16. Then a parent "
                    "must give consent for your account. Please contact us."
                )
            )
        return born


class ParentEmailForm(BoundedForm):
    """A young person sends the consent request (again) or to another parent."""

    parent_email = forms.EmailField(
        label=_("E-mail address of your parent or guardian"), max_length=254
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_parent_email(self):
        address = self.cleaned_data["parent_email"].strip().lower()
        if address == self.user.email:
            raise forms.ValidationError(
                _("This must be the address of your parent, not your own.")
            )
        return address


class ParentalConsentForm(BoundedForm):
    """The parent's answer. Which answers are possible depends on the current one."""

    DONE_MESSAGES = {
        "give": _("Thank you. You have given consent."),
        "refuse": _("You have refused consent. The account stays limited."),
        "withdraw": _("You have withdrawn consent. The account is limited again."),
    }

    action = forms.ChoiceField(choices=[("give", ""), ("refuse", ""), ("withdraw", "")])
    confirm_parent = forms.BooleanField(
        required=False,
        label=_("I am a parent or legal guardian of this young person."),
    )

    def __init__(self, *args, consent, digid=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        # The DigiD identification of this session (inspraak.signin), if any.
        self.digid = digid

    def allowed_actions(self) -> set[str]:
        return possible_answers(self.consent)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action and action not in self.allowed_actions():
            raise forms.ValidationError(
                _("This answer is not possible now. Please reload the page.")
            )
        if action == "give" and not cleaned.get("confirm_parent"):
            self.add_error(
                "confirm_parent",
                _("Please confirm that you are a parent or legal guardian."),
            )
        if action == "give" and self.digid and self.digid.get("adult") is False:
            raise forms.ValidationError(
                _(
                    "DigiD did not show that you are 18 or older. Consent must come "
                    "from an adult parent or guardian."
                )
            )
        return cleaned

    @property
    def given_with_digid(self) -> bool:
        return bool(self.digid and self.digid.get("adult") is True)
