"""The moderators' pace meter in the hub (docs/live-protocol.md, "Pace feedback").

Pace signals are stored, one row per participant (services/pace.py), so every
process counts the same meter from the database, whichever process took a
signal. A process that took one tells the others with one small `live.pace` note
per COUNTS_INTERVAL; a process with moderators' sockets then counts the meter
again, at most once per PACE_INTERVAL, and also when the oldest signal expires,
and sends its moderators a `pace` frame when the meter changed. The counts go
down as well as up, so they are not merged like `counts` (which only grow)."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from . import pace
from . import protocol as p
from .pools import run_db
from .services.base import dumps
from .services.pace import meter
from .transport import ws_frame

if TYPE_CHECKING:
    from .hub import Room
    from .sockets import Socket


class PaceMeter:
    """A room's pace meter in this process."""

    def __init__(self):
        self.dirty = False  # the signals changed: count again
        self.tell_others = False  # a signal was taken here: tell the other processes
        self.fresh: set[Socket] = set()  # moderators that joined since the last count
        self.counted_at = -math.inf
        self.changes_at: float | None = None  # when the oldest signal expires
        self.sent = pace.no_signals()  # what the moderators here were last sent
        # participant -> (time, client id) of the last signal
        self.taps: dict[int, tuple[float, str | None]] = {}

    def tap_wait(self, participant_id: int, now: float, client_id: str | None) -> float:
        """Seconds until this participant may give a signal again (0: now, and
        noted). A retry of the last signal (its client id again) is not spaced:
        it is answered from the stored result."""
        last, last_id = self.taps.get(participant_id, (None, None))
        if client_id is not None and client_id == last_id:
            return 0.0
        wait = pace.tap_wait(last, now)
        if not wait:
            self.taps[participant_id] = (now, client_id)
        return wait

    def changed_here(self) -> None:
        self.dirty = True
        self.tell_others = True

    def heard(self) -> None:
        """Another process took a signal."""
        self.dirty = True

    def moderator_joined(self, socket: Socket) -> None:
        self.fresh.add(socket)

    def due(self, now: float) -> bool:
        expired = self.changes_at is not None and now >= self.changes_at
        wanted = self.dirty or self.fresh or expired
        return bool(wanted) and now - self.counted_at >= p.PACE_INTERVAL


async def tick(room: Room, layer, channel: str) -> None:
    """One interval of a room's pace meter: tell the other processes about a
    signal taken here, and count the meter for local moderators when due."""
    meter_ = room.pace
    if meter_.tell_others:
        meter_.tell_others = False
        await layer.group_send(
            room.mod_group,
            {"type": "live.pace", "session": room.session_id, "hub": channel},
        )
    meter_.fresh &= room.moderators
    now = time.monotonic()
    if not room.moderators or not meter_.due(now):
        return
    counted = await run_db(meter, room.session_id)
    meter_.counted_at = now
    meter_.dirty = False
    meter_.changes_at = None if counted.changes_in is None else now + counted.changes_in
    fresh, meter_.fresh = meter_.fresh, set()
    if counted.signals != meter_.sent:
        meter_.sent = counted.signals
        receivers = room.moderators
    elif not counted.empty:
        receivers = fresh & room.moderators  # a client starts from an empty meter
    else:
        return
    text = dumps({"type": "pace", "signals": counted.signals})
    data = ws_frame(text)
    for socket in list(receivers):
        socket.moderators_frame(text, data)
