"""The phases of a consultation, computed from its dates (a pure function)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    OPEN = "open", _("Open for input")
    LIVE = "live", _("Live")
    PROCESSING = "processing", _("Processing")
    FEEDBACK = "feedback", _("Feedback published")
    CLOSED = "closed", _("Closed")


# The order the timeline shows them in.
PHASE_ORDER = [
    Phase.ANNOUNCED,
    Phase.OPEN,
    Phase.LIVE,
    Phase.PROCESSING,
    Phase.FEEDBACK,
    Phase.CLOSED,
]


@dataclass(frozen=True)
class PhaseDates:
    """The dates that decide the phase. Datetimes are aware; dates are local."""

    opens_at: datetime
    closes_at: datetime
    live_starts_at: datetime | None = None
    live_ends_at: datetime | None = None
    feedback_published_at: datetime | None = None
    ends_on: date | None = None


def consultation_phase(dates: PhaseDates, now: datetime, today: date) -> Phase:
    """The phase a consultation is in at `now` (`today` is now's local date).

    A consultation has ended from `ends_on`; before that, published feedback wins;
    a live period wins over input being open; otherwise input decides: not yet open
    (announced), open, or closed and being processed.
    """
    if dates.ends_on and today >= dates.ends_on:
        return Phase.CLOSED
    if dates.feedback_published_at and dates.feedback_published_at <= now:
        return Phase.FEEDBACK
    live_started = dates.live_starts_at and dates.live_starts_at <= now
    if live_started and (dates.live_ends_at is None or now < dates.live_ends_at):
        return Phase.LIVE
    if now < dates.opens_at:
        return Phase.ANNOUNCED
    if now < dates.closes_at:
        return Phase.OPEN
    return Phase.PROCESSING


def accepts_input(dates: PhaseDates, now: datetime) -> bool:
    """Online contributions are taken between opening and closing, live or not,
    and never once feedback is published."""
    if dates.feedback_published_at and dates.feedback_published_at <= now:
        return False
    return dates.opens_at <= now < dates.closes_at
