"""Bookkeeping records kept 7 years after an account was deleted, then purged."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Booking, Rating, SessionReminder, WorkLog


def purge_retained(today: datetime.date | None = None) -> int:
    """Delete bookkeeping records whose 7 years have passed (after an account was
    deleted). Returns the number of bookings removed."""
    today = today or timezone.localdate()
    expired = Booking.objects.filter(retain_until__lt=today, expert__isnull=True)
    ids = list(expired.values_list("pk", flat=True))
    with transaction.atomic():
        WorkLog.objects.filter(booking_id__in=ids).delete()
        Rating.objects.filter(booking_id__in=ids).delete()
        SessionReminder.objects.filter(booking_id__in=ids).delete()
        Booking.objects.filter(pk__in=ids).delete()
    return len(ids)
