"""A consultation's live period is the span of its live sessions: the phase "Live"
and its date on the consultation page come from the sessions themselves, so they
can never disagree with a date typed in by hand."""

from __future__ import annotations

import datetime

from django.db.models import Max, Min, Q
from django.utils import timezone


def end_of_day(moment: datetime.datetime) -> datetime.datetime:
    """Midnight after `moment`, in the site's time zone."""
    day = timezone.localdate(moment) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def live_period(
    first_start: datetime.datetime | None,
    last_end: datetime.datetime | None,
    last_start_without_end: datetime.datetime | None,
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """(start, end) of the live period from its sessions' figures: the first start
    and the last end, where a session without an end counts until the end of the
    day it starts. (None, None) without sessions."""
    if first_start is None:
        return None, None
    ends = [last_end]
    if last_start_without_end is not None:
        ends.append(end_of_day(last_start_without_end))
    return first_start, max(end for end in ends if end is not None)


def sync_live_period(consultation_id: int | None) -> None:
    """Store the live period on the consultation and its translations, from the
    sessions of any of them (one query to read, one to write)."""
    from participation.models import ConsultationPage

    from .models import LiveSession

    if consultation_id is None:
        return
    translations = ConsultationPage.objects.filter(
        translation_key__in=ConsultationPage.objects.filter(pk=consultation_id).values(
            "translation_key"
        )
    )
    figures = LiveSession.objects.filter(consultation__in=translations).aggregate(
        first_start=Min("starts_at"),
        last_end=Max("ends_at"),
        last_start_without_end=Max("starts_at", filter=Q(ends_at__isnull=True)),
    )
    starts_at, ends_at = live_period(**figures)
    translations.update(live_starts_at=starts_at, live_ends_at=ends_at)
