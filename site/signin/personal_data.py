"""What signing in through an organisation's provider holds on a person (see
inspraak.privacy.registry). A DigiD sign-in stores nothing: it lives in the session."""

from django.utils.translation import gettext_lazy as _

from allauth.socialaccount.models import SocialAccount

from inspraak.privacy.registry import PersonalData, register

from .models import Deactivation


@register
class OrganisationAccounts(PersonalData):
    model = SocialAccount
    label = _("Your organisation accounts")
    purpose = _(
        "To sign you in with your organisation's account, and to give you the roles "
        "of your groups there."
    )
    export_fields = ("provider", "uid", "last_login", "date_joined", "extra_data")


@register
class SwitchedOff(PersonalData):
    model = Deactivation
    label = _("Account switched off by your organisation's provider")
    purpose = _(
        "To keep your account off while your organisation says your account there "
        "no longer exists, and to switch it on when you sign in there again."
    )
    export_fields = ("provider", "at")
