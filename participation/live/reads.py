"""Cached reads for joins (docs/live-protocol.md, "How it is built"): in a join
storm every handshake needs the session its code names and every participant the
public part of a snapshot; each is read once and shared, not once per socket."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from .pools import run_db
from .services.base import dumps
from .services.session import session_ref
from .services.snapshot import public_snapshot

if TYPE_CHECKING:
    from .hub import Room

SESSION_CACHE_SECONDS = 2.0  # how long a code → session lookup is reused


class Sessions:
    """The sessions codes name, as `session_ref` reads them, per process."""

    def __init__(self):
        self._found: dict[str, tuple[float, dict]] = {}
        self._lookups: dict[str, asyncio.Future] = {}

    async def get(self, code: str) -> dict | None:
        """The session a code names, or None. One lookup per code at a time, reused
        for SESSION_CACHE_SECONDS: a join storm of one session reads it once, not
        once per handshake."""
        code = (code or "").strip().upper()
        cached = self._found.get(code)
        if cached is not None and time.monotonic() - cached[0] < SESSION_CACHE_SECONDS:
            return cached[1]
        lookup = self._lookups.get(code)
        if lookup is None:
            lookup = asyncio.ensure_future(run_db(session_ref, code))
            self._lookups[code] = lookup
            lookup.add_done_callback(lambda _f: self._lookups.pop(code, None))
        found = await asyncio.shield(lookup)
        if found is not None:  # unknown codes are not kept (no unbounded cache)
            if len(self._found) > 1000:
                self._found.clear()
            self._found[code] = (time.monotonic(), found)
        return found

    def forget(self, session_id: int) -> None:
        """Drop a session whose state changed (started, ended)."""
        for code, (_at, found) in list(self._found.items()):
            if found["id"] == session_id:
                del self._found[code]


class SharedSnapshot:
    """The public part of a snapshot, shared by every joiner while the room's state
    is unchanged: the frame (do not change it) and, built once, its JSON text
    without the two parts that differ per client (`participants`, `mine`)."""

    __slots__ = ("frame", "_head")

    def __init__(self, frame: dict):
        self.frame = frame
        self._head: str | None = None

    @property
    def seq(self) -> int:
        return self.frame["seq"]

    def text(self, participants: int, mine: dict) -> str:
        """The snapshot frame of one client, as JSON text."""
        if self._head is None:
            public = {
                key: value
                for key, value in self.frame.items()
                if key not in ("participants", "mine")
            }
            self._head = dumps(public)[:-1]  # without the closing brace
        return f'{self._head},"participants":{participants},"mine":{dumps(mine)}}}'


async def room_snapshot(room: Room) -> SharedSnapshot:
    """The public part of a snapshot (`services.snapshot.public_snapshot`), read at
    most once per state of the room's session: it is reused while no event and no
    count change reached this process since it was read (`room.version`). Call it
    only for a socket already in the room, so that whatever changes after the read
    reaches the socket as a held frame (the snapshot is at least as new as the
    room)."""
    version = room.version
    if room.snapshot is not None and room.snapshot[0] == version:
        return room.snapshot[1]
    pending = room.snapshot_pending
    if pending is None or pending[0] != version:
        future = asyncio.ensure_future(run_db(public_snapshot, room.session_id))
        pending = room.snapshot_pending = (version, future)
    try:
        frame = await asyncio.shield(pending[1])
    finally:
        if room.snapshot_pending is pending and pending[1].done():
            room.snapshot_pending = None
    if room.snapshot is not None and room.snapshot[1].frame is frame:
        return room.snapshot[1]
    shared = SharedSnapshot(frame)
    if room.version == version:
        room.snapshot = (version, shared)
    return shared
