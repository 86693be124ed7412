"""The expert's calendar feed of their confirmed sessions, within a window around
today: three months back and a year ahead, however many sessions were ever booked."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.core.calendar import CalendarEvent, build_calendar
from inspraak.core.dates import anniversary
from inspraak.notifications.services import absolute_url

from ..models import Booking, ExpertProfile, Session

# The feed's window: sessions from about three months back to a year ahead.
FEED_DAYS_BACK = 92
FEED_YEARS_AHEAD = 1


def feed_window(
    today: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The first and last day whose sessions the feed lists."""
    today = today or timezone.localdate()
    return (
        today - datetime.timedelta(days=FEED_DAYS_BACK),
        anniversary(today, FEED_YEARS_AHEAD),
    )


def confirmed_sessions(
    user, today: datetime.date | None = None
) -> list[tuple[Booking, Session]]:
    """The user's confirmed bookings with their sessions in the feed's window, in
    two queries: the bookings with a session in the window, and those sessions."""
    window = feed_window(today)
    in_window = Session.objects.filter(date__range=window)
    bookings = (
        Booking.objects.confirmed()
        .filter(expert=user)
        .filter(Exists(in_window.filter(assignment=OuterRef("assignment"))))
        .select_related("assignment__organisation")
        .prefetch_related(
            Prefetch("assignment__sessions", queryset=in_window, to_attr="in_window")
        )
    )
    return [
        (booking, session)
        for booking in bookings
        for session in booking.assignment.in_window
    ]


def calendar_feed(profile: ExpertProfile, today: datetime.date | None = None) -> str:
    """The iCalendar text of the expert's confirmed sessions from FEED_DAYS_BACK days
    before today to FEED_YEARS_AHEAD year after it; older and later sessions are left
    out, so the feed stays small however long the expert has worked."""
    events = []
    for booking, session in confirmed_sessions(profile.user, today):
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
