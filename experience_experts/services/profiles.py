"""The expert's profile: create it with consent, delete it, renew the calendar
link."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import Refused
from ..models import Application, ExpertProfile, Invitation


def save_profile(user, profile: ExpertProfile, *, consent: bool) -> ExpertProfile:
    """Create or update the profile. Creating needs explicit consent for keeping the
    lived experience (health data, AVG art. 9(2)(a))."""
    if profile.pk is None:
        if not consent:
            raise Refused(
                _(
                    "We can only keep your profile if you agree that we store your "
                    "lived experience."
                )
            )
        profile.user = user
        profile.consent_given_at = timezone.now()
    profile.save()
    return profile


def delete_profile(profile: ExpertProfile) -> None:
    """The expert deletes their profile (health data). Applications still open are
    withdrawn with it; bookings and hours stay (bookkeeping)."""
    with transaction.atomic():
        Application.objects.filter(
            expert_id=profile.user_id, status=Application.Status.SUBMITTED
        ).delete()
        Invitation.objects.filter(expert_id=profile.user_id).delete()
        profile.delete()


def regenerate_calendar_token(profile: ExpertProfile) -> str:
    from ..models import new_token

    profile.calendar_token = new_token()
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token
