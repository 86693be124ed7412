"""What the experts' models share: the choices (themes, kinds of work, weekdays, pay
modes), who organises, the money limits of the columns, readable labels of chosen
keys, and the link to a person on a record that outlives their account."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspraak.organisations.models import Organisation

# Sense, within the columns: one session's travel in the Netherlands, and a fee
# that times 24 hours still fits WorkLog.amount.
MAX_TRAVEL_COSTS = Decimal("1000.00")
MAX_FEE = Decimal("50000.00")


class Theme(models.TextChoices):
    """Themes of lived experience."""

    MENTAL_HEALTH = "mental_health", _("Youth mental health care")
    FOSTER_CARE = "foster_care", _("Foster care")
    RESIDENTIAL_CARE = "residential_care", _("Residential care")
    SECURE_CARE = "secure_care", _("Secure youth care")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    DISABILITY = "disability", _("Disability")
    ADDICTION = "addiction", _("Addiction")
    HOMELESSNESS = "homelessness", _("Homelessness")


class WorkKind(models.TextChoices):
    PROCUREMENT_PANEL = "procurement_panel", _("Procurement panel")
    POLICY_ADVICE = "policy_advice", _("Policy advice")
    TRAINING = "training", _("Training")
    RECRUITMENT_PANEL = "recruitment_panel", _("Recruitment panel")
    COUNCIL_SUPPORT = "council_support", _("Council support")


class Weekday(models.TextChoices):
    MONDAY = "0", _("Monday")
    TUESDAY = "1", _("Tuesday")
    WEDNESDAY = "2", _("Wednesday")
    THURSDAY = "3", _("Thursday")
    FRIDAY = "4", _("Friday")
    SATURDAY = "5", _("Saturday")
    SUNDAY = "6", _("Sunday")


class PayMode(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer allowance")
    FREELANCER = "freelancer", _("Freelancer (invoice)")


# Organisations that post assignments and book experts.
ORGANISER_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION)


def labels(choices: type[models.TextChoices], keys: list[str]) -> list[str]:
    """The readable names of the chosen `keys` (an unknown key stays as it is)."""
    names = dict(choices.choices)
    return [str(names.get(key, key)) for key in keys]


def person_link(verbose_name, related_name: str = "+") -> models.ForeignKey:
    """A link to a person on a record the organisation keeps when their account is
    deleted: the link is cleared, the record stays (bookkeeping, procurement)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
