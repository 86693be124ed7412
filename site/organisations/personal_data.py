"""What the organisations app holds on a person (see inspraak.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import PersonalData, register

from .models import Membership


@register
class Memberships(PersonalData):
    model = Membership
    label = _("Your roles in organisations")
    purpose = _("What you may see and do for a municipality, region or provider.")
    export_fields = ("organisation", "role", "starts_on", "ends_on")
