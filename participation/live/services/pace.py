"""Pace feedback: a participant's one current signal for the moderators ("too fast",
"too slow", "I don't get it"), replaced by the next and withdrawn on request, and
the meter counted from the signals that are still current (rules in pace.py).
The hub spaces a participant's signals (protocol.PACE_TAP_INTERVAL) and counts
the meter at most once per protocol.PACE_INTERVAL."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Min
from django.utils import timezone

from .. import pace
from .. import protocol as p
from ..models import PaceSignal
from .base import Outcome
from .events import open_session


def give(session_id: int, participant_id: int, *, signal: str) -> Outcome:
    """Set the participant's current signal (a new one replaces the old one)."""
    open_session(session_id)
    now = timezone.now()
    rows = PaceSignal.objects.filter(participant_id=participant_id)
    if not rows.update(signal=signal, given_at=now):
        try:
            with transaction.atomic():
                PaceSignal.objects.create(
                    session_id=session_id,
                    participant_id=participant_id,
                    signal=signal,
                    given_at=now,
                )
        except IntegrityError:  # the same participant's retry, just now
            rows.update(signal=signal, given_at=now)
    return Outcome(result={"signal": signal, "expires_in": p.PACE_WINDOW}, pace=True)


def withdraw(session_id: int, participant_id: int) -> Outcome:
    """Take the participant's signal back; without one, nothing changes."""
    open_session(session_id)
    rows = PaceSignal.objects.filter(participant_id=participant_id)
    current = rows.filter(given_at__gt=pace.window_start(timezone.now())).exists()
    rows.delete()
    return Outcome(result={"signal": None}, pace=current)


def meter(session_id: int, now: datetime | None = None) -> pace.Meter:
    """The session's pace meter at `now`: its current signals counted per kind in
    one grouped query, and when the oldest of them expires."""
    now = now or timezone.now()
    groups = (
        PaceSignal.objects.filter(
            session_id=session_id, given_at__gt=pace.window_start(now)
        )
        .order_by()
        .values_list("signal")
        .annotate(n=Count("pk"), oldest=Min("given_at"))
        .values_list("signal", "n", "oldest")
    )
    return pace.meter(groups, now)
