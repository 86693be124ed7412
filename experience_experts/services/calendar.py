"""The expert's calendar feed of their confirmed sessions, within a window around
today: three months back and a year ahead, however many sessions were ever booked.

At volume the window itself holds thousands of sessions (an expert with a year of
sessions every day), so the feed reads them as plain rows, not model objects, and
works out what a booking's sessions share (title, organisation, link) once."""

import datetime
from itertools import groupby

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspraak.core.calendar import CalendarEvent, build_calendar
from inspraak.core.dates import anniversary
from inspraak.notifications.services import absolute_url

from ..models import Booking, ExpertProfile, Session
from ..models.assignments import local_moment

# The feed's window: sessions from about three months back to a year ahead.
FEED_DAYS_BACK = 92
FEED_YEARS_AHEAD = 1
# What an event shows of a session.
SESSION_FIELDS = (
    "pk",
    "assignment_id",
    "date",
    "starts_at",
    "ends_at",
    "place",
    "online",
)


def feed_window(
    today: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The first and last day whose sessions the feed lists."""
    today = today or timezone.localdate()
    return (
        today - datetime.timedelta(days=FEED_DAYS_BACK),
        anniversary(today, FEED_YEARS_AHEAD),
    )


def confirmed_sessions(user, today: datetime.date | None = None) -> list[tuple]:
    """The user's confirmed bookings with their sessions in the feed's window (as
    named rows of SESSION_FIELDS), in two queries: the bookings with a session in
    the window, and those sessions."""
    in_window = Session.objects.filter(date__range=feed_window(today))
    bookings = list(
        Booking.objects.confirmed()
        .filter(expert=user)
        .filter(Exists(in_window.filter(assignment=OuterRef("assignment"))))
        .select_related("assignment__organisation")
    )
    if not bookings:
        return []
    rows = (
        in_window.filter(assignment__in={b.assignment_id for b in bookings})
        .order_by("assignment_id", "date", "starts_at", "pk")
        .values_list(*SESSION_FIELDS, named=True)
    )
    by_assignment = {
        key: list(group) for key, group in groupby(rows, lambda row: row.assignment_id)
    }
    return [(booking, by_assignment[booking.assignment_id]) for booking in bookings]


def calendar_feed(profile: ExpertProfile, today: datetime.date | None = None) -> str:
    """The iCalendar text of the expert's confirmed sessions from FEED_DAYS_BACK days
    before today to FEED_YEARS_AHEAD year after it; older and later sessions are left
    out, so the feed stays small however long the expert has worked."""
    events = []
    online = _("Online")
    zone = timezone.get_current_timezone()
    for booking, sessions in confirmed_sessions(profile.user, today):
        assignment = booking.assignment
        url = absolute_url(reverse("experience_experts:booking", args=[booking.pk]))
        events += [
            CalendarEvent(
                uid=f"session-{session.pk}-booking-{booking.pk}@inspraak",
                start=local_moment(session.date, session.starts_at, zone),
                end=local_moment(session.date, session.ends_at, zone),
                summary=assignment.title,
                location=online if session.online else session.place,
                description=assignment.organisation.name,
                url=url,
            )
            for session in sessions
        ]
    return build_calendar(
        _("Inspraak: my assignments"), events, product="Ervaringsdeskundigen"
    )
