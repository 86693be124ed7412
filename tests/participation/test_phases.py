"""The phase of a consultation follows from its dates (participation.phases)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from participation.phases import Phase, PhaseDates, accepts_input, consultation_phase

AMS = ZoneInfo("Europe/Amsterdam")
OPENS = datetime(2026, 3, 1, 9, 0, tzinfo=AMS)
CLOSES = datetime(2026, 3, 29, 17, 0, tzinfo=AMS)
LIVE = datetime(2026, 3, 10, 19, 0, tzinfo=AMS)
LIVE_END = LIVE + timedelta(hours=2)
PUBLISHED = datetime(2026, 5, 1, 12, 0, tzinfo=AMS)
ENDS = date(2026, 6, 1)

BASE = PhaseDates(opens_at=OPENS, closes_at=CLOSES)
WITH_LIVE = PhaseDates(
    opens_at=OPENS, closes_at=CLOSES, live_starts_at=LIVE, live_ends_at=LIVE_END
)
FULL = PhaseDates(
    opens_at=OPENS,
    closes_at=CLOSES,
    live_starts_at=LIVE,
    live_ends_at=LIVE_END,
    feedback_published_at=PUBLISHED,
    ends_on=ENDS,
)


@pytest.mark.parametrize(
    ("dates", "now", "phase", "takes_input"),
    [
        (BASE, OPENS - timedelta(seconds=1), Phase.ANNOUNCED, False),
        (BASE, OPENS, Phase.OPEN, True),
        (BASE, CLOSES - timedelta(seconds=1), Phase.OPEN, True),
        (BASE, CLOSES, Phase.PROCESSING, False),
        (BASE, CLOSES + timedelta(days=400), Phase.PROCESSING, False),
        (WITH_LIVE, LIVE - timedelta(minutes=1), Phase.OPEN, True),
        (WITH_LIVE, LIVE, Phase.LIVE, True),  # live while input is open
        (WITH_LIVE, LIVE_END, Phase.OPEN, True),
        (FULL, PUBLISHED - timedelta(seconds=1), Phase.PROCESSING, False),
        (FULL, PUBLISHED, Phase.FEEDBACK, False),
        (FULL, datetime(2026, 6, 1, 0, 0, tzinfo=AMS), Phase.CLOSED, False),
        # Feedback published early, while input was still open: input stops.
        (
            PhaseDates(opens_at=OPENS, closes_at=CLOSES, feedback_published_at=OPENS),
            OPENS + timedelta(days=1),
            Phase.FEEDBACK,
            False,
        ),
        # A live session without an end stays live until the consultation moves on.
        (
            PhaseDates(opens_at=OPENS, closes_at=CLOSES, live_starts_at=LIVE),
            CLOSES + timedelta(days=1),
            Phase.LIVE,
            False,
        ),
    ],
)
def test_phase_from_dates(dates, now, phase, takes_input):
    today = now.astimezone(AMS).date()
    assert consultation_phase(dates, now, today) == phase
    assert accepts_input(dates, now) is takes_input


def test_a_consultation_ends_even_without_published_feedback():
    dates = PhaseDates(opens_at=OPENS, closes_at=CLOSES, ends_on=ENDS)
    now = datetime(2026, 6, 2, tzinfo=AMS)
    assert consultation_phase(dates, now, now.date()) == Phase.CLOSED
