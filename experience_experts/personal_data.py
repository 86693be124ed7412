"""What the experience-experts app holds on a person (see inspraak.privacy.registry).

The profile holds lived experience, which is health data: it is exported and deleted
with the account. Bookings, approved hours and declarations are the organisation's
financial and procurement records: the law asks to keep financial records for 7 years
(fiscal bewaarplicht, AWR art. 52), so they stay, without the link to the person and
without the name."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.dates import anniversary
from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import (
    Application,
    Assignment,
    AssignmentOutcome,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    Invitation,
    Rating,
    WorkLog,
)

EXPERTS = _("Experience experts")
RETENTION_YEARS = 7
KEPT_FOR_BOOKKEEPING = _(
    "Bookings and approved hours are the organisation's bookkeeping. The law asks to "
    "keep them for 7 years. They stay without your name and without the link to your "
    "account."
)


def retain_until() -> datetime.date:
    """Today plus the 7 years of the fiscal bewaarplicht."""
    return anniversary(timezone.localdate(), RETENTION_YEARS)


@register
class Profiles(PersonalData):
    model = ExpertProfile
    group = EXPERTS
    label = _("Your experience-expert profile")
    purpose = _(
        "So organisations can find you for paid work. Your lived experience is "
        "health data: only you and organisations you apply to or work for see it."
    )
    export_fields = (*ExpertProfile.OWN_FIELDS, "consent_given_at", "is_active")


@register
class Applications(PersonalData):
    model = Application
    group = EXPERTS
    user_fields = ("expert",)
    label = _("Your applications")
    purpose = _("The organisation reads why you want to do the assignment.")
    export_fields = ("assignment", "motivation", "status", "created_at")


@register
class Invitations(PersonalData):
    model = Invitation
    group = EXPERTS
    user_fields = ("expert", "invited_by")
    label = _("Invitations for assignments")
    purpose = _("An organisation asked you to apply, or you invited an expert.")
    export_fields = ("assignment", "message", "created_at")

    def erase(self, user):
        Invitation.objects.filter(expert=user).delete()
        self.clear_user_fields(user)


@register
class Bookings(PersonalData):
    model = Booking
    group = EXPERTS
    user_fields = ("expert", "booked_by")
    label = _("Your bookings")
    purpose = _("What you were booked for and what was agreed about pay.")
    export_fields = (
        "assignment",
        "status",
        "pay_mode",
        "fee_type",
        "fee_amount",
        "booked_at",
        "confirmed_at",
    )
    erasure = Erasure.RETAIN
    erasure_note = KEPT_FOR_BOOKKEEPING

    def erase(self, user):
        Booking.objects.filter(expert=user).update(retain_until=retain_until())
        self.clear_user_fields(user)


@register
class WorkLogs(PersonalData):
    model = WorkLog
    group = EXPERTS
    user_fields = ("expert", "decided_by")
    label = _("Your hours and travel costs")
    purpose = _("To pay you for the work you did.")
    export_fields = (
        "booking",
        "session",
        "hours",
        "travel_costs",
        "amount",
        "note",
        "status",
        "return_reason",
        "paid_on",
    )
    select_related = ("booking__expert", "booking__assignment")  # str(booking)
    erasure = Erasure.RETAIN
    erasure_note = KEPT_FOR_BOOKKEEPING


@register
class Declarations(PersonalData):
    model = ConflictDeclaration
    group = EXPERTS
    user_fields = ("expert", "decided_by")
    label = _("Your conflict-of-interest declarations")
    purpose = _(
        "The law on procurement asks that panel members say if they have ties to a "
        "bidder, and keep the bids confidential."
    )
    export_fields = (
        "procurement_round",
        "confidentiality",
        "no_other_interests",
        "signed_name",
        "signed_at",
        "decision",
        "decision_reason",
    )
    erasure = Erasure.RETAIN
    erasure_note = _(
        "A declaration belongs to the file of the procurement round. It stays, "
        "without your name and without the link to your account."
    )

    def erase(self, user):
        ConflictDeclaration.objects.filter(expert=user).update(
            expert=None, signed_name=""
        )
        ConflictDeclaration.objects.filter(decided_by=user).update(decided_by=None)


class Anonymised(PersonalData):
    group = EXPERTS
    erasure = Erasure.ANONYMISE
    erasure_note = _(
        "Assignments and what was done with the experts' input stay for the "
        "organisation; your name is removed."
    )


@register
class AssignmentsPosted(Anonymised):
    model = Assignment
    user_fields = ("created_by",)
    label = _("Assignments you posted")
    purpose = _("Shows who posted an assignment for the organisation.")
    export_fields = ("organisation", "title", "state", "created_at")


@register
class Outcomes(Anonymised):
    model = AssignmentOutcome
    user_fields = ("written_by",)
    label = _("What was done with the experts' input, as you wrote it")
    purpose = _("The experts see what the organisation did with their input.")
    export_fields = ("assignment", "text", "written_at")


@register
class Ratings(Anonymised):
    model = Rating
    user_fields = ("expert",)
    label = _("Your ratings of assignments")
    purpose = _("The organisation sees how you rated the assignment.")
    export_fields = ("booking", "stars", "comment", "created_at")
    select_related = ("booking__expert", "booking__assignment")  # str(booking)
