"""The expert's calendar feed of their confirmed sessions."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from inspraak.core.calendar import CalendarEvent, build_calendar
from inspraak.notifications.services import absolute_url

from ..models import Booking, ExpertProfile, Session


def confirmed_sessions(user) -> list[tuple[Booking, Session]]:
    bookings = (
        Booking.objects.confirmed()
        .filter(expert=user)
        .select_related("assignment__organisation")
        .prefetch_related(Prefetch("assignment__sessions"))
    )
    return [
        (booking, session)
        for booking in bookings
        for session in booking.assignment.sessions.all()
    ]


def calendar_feed(profile: ExpertProfile) -> str:
    """The iCalendar text of the expert's confirmed sessions."""
    events = []
    for booking, session in confirmed_sessions(profile.user):
        place = _("Online") if session.online else session.place
        events.append(
            CalendarEvent(
                uid=f"session-{session.pk}-booking-{booking.pk}@inspraak",
                start=session.start,
                end=session.end,
                summary=booking.assignment.title,
                location=place,
                description=booking.assignment.organisation.name,
                url=absolute_url(
                    reverse("experience_experts:booking", args=[booking.pk])
                ),
            )
        )
    return build_calendar(
        _("Inspraak: my assignments"), events, product="Ervaringsdeskundigen"
    )
