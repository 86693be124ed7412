"""What signing in through an organisation's provider holds on a person (see
inspraak.privacy.registry). A DigiD sign-in stores nothing: it lives in the session."""

from django.utils.translation import gettext_lazy as _

from allauth.socialaccount.models import SocialAccount

from inspraak.privacy.registry import PersonalData, register


@register
class OrganisationAccounts(PersonalData):
    model = SocialAccount
    label = _("Your organisation accounts")
    purpose = _(
        "To sign you in with your organisation's account, and to give you the roles "
        "of your groups there."
    )
    export_fields = ("provider", "uid", "last_login", "date_joined", "extra_data")
