"""The e-mail to each booked expert the day before a session."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspraak.notifications.services import absolute_url, notify

from ..kinds import EXPERT_WORK
from ..models import Booking, Session, SessionReminder


def send_session_reminders(today: datetime.date | None = None) -> int:
    """E-mail each booked expert the day before a session, once (run daily; a
    second run sends nothing twice)."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    pairs = (
        Booking.objects.confirmed()
        .filter(assignment__sessions__date=tomorrow, expert__isnull=False)
        .values_list("pk", "assignment__sessions__pk")
    )
    sent = 0
    for booking_id, session_id in pairs:
        try:
            with transaction.atomic():
                SessionReminder.objects.create(
                    booking_id=booking_id, session_id=session_id
                )
        except IntegrityError:
            continue  # already reminded
        booking = Booking.objects.select_related(
            "expert", "assignment__organisation"
        ).get(pk=booking_id)
        session = Session.objects.get(pk=session_id)
        user = booking.expert
        with translation.override(user.preferred_language):
            place = _("online") if session.online else session.place
            notify(
                user,
                EXPERT_WORK.key,
                subject=_("Tomorrow: %(title)s") % {"title": booking.assignment.title},
                body=_(
                    "Tomorrow from %(start)s to %(end)s you work on “%(title)s” for "
                    "%(organisation)s. Place: %(place)s."
                )
                % {
                    "start": session.starts_at.strftime("%H:%M"),
                    "end": session.ends_at.strftime("%H:%M"),
                    "title": booking.assignment.title,
                    "organisation": booking.assignment.organisation.name,
                    "place": place or "-",
                },
                url=absolute_url(
                    reverse("experience_experts:booking", args=[booking.pk])
                ),
            )
        sent += 1
    return sent
