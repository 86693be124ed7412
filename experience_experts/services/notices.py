"""The e-mail to an expert about their booking (booked, cancelled, hours returned);
the notification kinds are registered in experience_experts/kinds.py."""

from django.urls import reverse
from django.utils import translation

from inspraak.notifications.services import absolute_url, notify

from ..kinds import EXPERT_WORK
from ..models import Booking


def tell_expert(booking: Booking, subject: str, body: str) -> None:
    user = booking.expert
    if user is None:
        return
    values = {
        "title": booking.assignment.title,
        "organisation": booking.assignment.organisation.name,
    }
    with translation.override(user.preferred_language):
        notify(
            user,
            EXPERT_WORK.key,
            subject=str(subject) % values,
            body=str(body) % values,
            url=absolute_url(reverse("experience_experts:booking", args=[booking.pk])),
        )
