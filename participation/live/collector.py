"""Keeps Python's full garbage collections short while many live sockets are open
(docs/live-scale.md)."""

from __future__ import annotations

import gc
import time

GC_FREEZE_MIN_SOCKETS = 200  # below this, the collector's pauses are short anyway
GC_FREEZE_SETTLED_SECONDS = 1.0
GC_FREEZE_GROWTH = 1.25  # while a crowd joins: freeze at every quarter more sockets
GC_REFREEZE_SECONDS = 900.0


class Collector:
    """A process holding 1,000 connections holds millions of objects (daphne,
    autobahn and Twisted per connection); a full collection walks them all and
    stopped the event loop for about 240 ms (measured, N=1,000), which showed as
    the fan-out's p99. Once the number of sockets has settled after growing, the
    objects alive then are frozen (`gc.freeze`: left out of collections); they are
    unfrozen when the sockets fall below half, and every GC_REFREEZE_SECONDS the
    frozen objects get one deliberate collection (so that cycles left by closed
    connections are freed) before they are frozen again.

    The objects of the process's start are frozen with the first hub, and a
    crowd that is still joining each time it has grown by a quarter: in a join or
    reconnect storm of 2,000 (measured with gc.callbacks in the benchmark's daphne)
    full collections of 0.2 to 1.2 s each stopped the event loop while everyone
    was joining."""

    def __init__(self):
        if not _start_frozen:  # the first hub, at the first live connection
            freeze_start()
        self.seen = 0
        self.changed_at = time.monotonic()
        self.frozen_with = 0
        self.frozen_at = 0.0

    def settle(self, sockets: int) -> None:
        now = time.monotonic()
        if sockets != self.seen:
            self.seen, self.changed_at = sockets, now
            if sockets >= GC_FREEZE_MIN_SOCKETS and sockets >= (
                self.frozen_with * GC_FREEZE_GROWTH
            ):
                self.freeze(sockets, now)
            return
        if now - self.changed_at < GC_FREEZE_SETTLED_SECONDS:
            return
        if self.frozen_with and (
            sockets < self.frozen_with // 2
            or now - self.frozen_at > GC_REFREEZE_SECONDS
        ):
            gc.unfreeze()
            gc.collect()  # one pause, chosen: after many left, or rarely
            self.frozen_with = 0
            if sockets >= GC_FREEZE_MIN_SOCKETS:
                self.freeze(sockets, now)
        elif sockets >= GC_FREEZE_MIN_SOCKETS and sockets > self.frozen_with * 1.1:
            self.freeze(sockets, now)

    def freeze(self, sockets: int, now: float) -> None:
        gc.freeze()
        self.frozen_with, self.frozen_at = sockets, now


_start_frozen = False


def freeze_start() -> None:
    """Once per process: what it loaded to start (Django, Wagtail, the apps) lives
    as long as it does, hundreds of thousands of objects that every full
    collection would walk again (the first one early in the first storm)."""
    global _start_frozen
    _start_frozen = True
    gc.freeze()
