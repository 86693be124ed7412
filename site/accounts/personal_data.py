"""What the accounts app holds on a person (see inspraak.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from inspraak.privacy.registry import PersonalData, register

from .models import ParentalConsent, User

ACCOUNT = _("Your account")


@register
class Account(PersonalData):
    group = ACCOUNT
    model = User
    user_fields = ("pk",)
    label = _("Your profile")
    purpose = _("To sign in, and to show your name with what you post.")
    export_fields = (
        "email",
        "display_name",
        "preferred_language",
        "date_of_birth",
        "date_joined",
        "last_login",
        "is_staff",
        "groups",
    )
    erase_order = 100  # last: everything else points at the account

    def queryset(self, user):
        return User.objects.filter(pk=user.pk)

    def erase(self, user):
        User.objects.filter(pk=user.pk).delete()


@register
class EmailAddresses(PersonalData):
    group = ACCOUNT
    model = EmailAddress
    label = _("Your e-mail addresses")
    purpose = _("To sign in and to send you messages.")
    export_fields = ("email", "verified", "primary")


@register
class TwoStepVerification(PersonalData):
    group = ACCOUNT
    model = Authenticator
    label = _("Two-step verification")
    purpose = _("To protect your account. The secret codes are not exported.")
    export_fields = ("type", "created_at", "last_used_at")


@register
class Consent(PersonalData):
    group = ACCOUNT
    model = ParentalConsent
    label = _("Consent from your parent")
    purpose = _("Under 16, a parent or guardian must give consent for an account.")
    export_fields = (
        "parent_email",
        "status",
        "requested_at",
        "reminded_at",
        "given_at",
        "given_with_digid",
        "refused_at",
        "withdrawn_at",
        "ended_at",
    )


@register
class AdminPreferences(PersonalData):
    group = _("Editing the website")
    model = UserProfile
    label = _("Your settings in the editor")
    purpose = _("Language, theme and notices in the editing environment.")
    export_fields = ("preferred_language", "current_time_zone", "theme", "avatar")
    file_fields = ("avatar",)
