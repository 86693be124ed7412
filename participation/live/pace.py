"""Pace feedback as pure rules (docs/live-protocol.md, "Pace feedback"): how long a
participant's signal counts, the meter moderators see and how often a participant
may send one. No database, no I/O: table-tested in tests/participation/live/test_pace.py.

A participant has at most one current signal ("too fast", "too slow", "I don't get
it"); a new one replaces it, and it counts while it is younger than
protocol.PACE_WINDOW seconds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import protocol as p


def window_start(now: datetime) -> datetime:
    """Signals given after this moment count at `now`; older ones have expired."""
    return now - timedelta(seconds=p.PACE_WINDOW)


def is_current(given_at: datetime, now: datetime) -> bool:
    """Does a signal given at `given_at` still count at `now`? (One given a moment
    "after" `now`, by a server whose clock runs ahead, counts.)"""
    return given_at > window_start(now)


@dataclass(frozen=True)
class Meter:
    """What moderators see: the number of current signals of each kind, and the
    seconds until the oldest of them expires (None: nothing will change by itself)."""

    signals: dict[str, int]
    changes_in: float | None = None

    @property
    def empty(self) -> bool:
        return not any(self.signals.values())


def no_signals() -> dict[str, int]:
    return dict.fromkeys(p.PACE_SIGNALS, 0)


def meter(groups: Iterable[tuple[str, int, datetime]], now: datetime) -> Meter:
    """The meter from the signals counted per kind as (signal, n, given_at of the
    oldest); groups that are not current or not a known kind are left out."""
    signals = no_signals()
    oldest = None
    for signal, n, first in groups:
        if signal not in signals or n <= 0 or not is_current(first, now):
            continue
        signals[signal] += n
        oldest = first if oldest is None else min(oldest, first)
    if oldest is None:
        return Meter(signals)
    expires = oldest + timedelta(seconds=p.PACE_WINDOW)
    return Meter(signals, max(0.0, (expires - now).total_seconds()))


def tap_wait(last: float | None, now: float) -> float:
    """Seconds until a participant whose last signal was at `last` (monotonic
    seconds, None: never) may send the next one; 0 when it may now."""
    if last is None or now - last >= p.PACE_TAP_INTERVAL:
        return 0.0
    return p.PACE_TAP_INTERVAL - (now - last)
