"""Per-process fan-out of live-session frames (docs/live-protocol.md, "How it is built").

One `Hub` per event loop (so one per daphne process, and one per test) owns one
channel-layer channel. For every session with local sockets it keeps a `Room` and
joins the groups `live.<id>` and `live.<id>.mod` once, so the layer carries one
copy of a frame per process, not per socket. Frames arrive as JSON text serialised
once by the process that stored the event; the hub hands that same text (and its
bytes, built once) to each local socket (`sockets.Socket`), without a consumer
handler dispatch per socket (which would cost a thread hop per delivered message
since Channels 4.2).

The hub delivers sequenced events in order, exactly once per socket: out-of-order
frames wait, and a gap that stays open (a lost layer message) is filled from the
database. Around it, each in its own module:
- `sockets`: one socket's bounded outbox, closed with 4408 when it cannot keep up;
- `transport`: the direct writes to daphne's connections (and the switch);
- `counts`: upvotes, votes, reactions and presence, coalesced into at most one
  `counts` frame per session every COUNTS_INTERVAL;
- `pace_meter`: the moderators' pace meter, counted at most every PACE_INTERVAL;
- `pools`: the database threads; `reads`: the cached reads for joins;
- `resume`: the room's recent frames and known participants, so that a client
  that comes back is answered without the database; `batches`: new participants
  and votes stored in batches;
- `collector`: the garbage collector held off a settled crowd.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref

from channels.layers import get_channel_layer

from . import counts, pace_meter
from . import protocol as p
from .batches import Batcher
from .collector import Collector
from .pools import run_db
from .reads import Sessions, SharedSnapshot, room_snapshot
from .resume import MEMBERS_LOADED, Memory
from .services.ballots import cast_votes
from .services.base import Outcome
from .services.events import events_after
from .services.join import room_memory
from .services.session import create_participants
from .sockets import Socket, spawn
from .transport import ws_frame

logger = logging.getLogger(__name__)

ROOM_GRACE_SECONDS = 5.0  # keep a session's groups a while after its last socket
GAP_REPAIR_SECONDS = 1.0  # how long a missing event may be late before we fetch it
GROUP_REFRESH_SECONDS = 3600.0  # channels-redis forgets group members after a day


def group_name(session_id: int) -> str:
    """The channel-layer group of a session's frames: everyone's."""
    return f"live.{session_id}"


def moderators_group_name(session_id: int) -> str:
    """The group of a session's moderators-only frames."""
    return f"live.{session_id}.mod"


class Room:
    """A session with sockets in this process."""

    def __init__(self, session_id: int):
        self.session_id = session_id
        self.group = group_name(session_id)
        self.mod_group = moderators_group_name(session_id)
        self.sockets: set[Socket] = set()
        self.moderators: set[Socket] = set()
        self.ready: asyncio.Future | None = None
        self.next_seq: int | None = None
        self.held: dict[int, str] = {}
        self.repair: asyncio.Task | None = None
        self.counts = counts.Counts()
        self.pace = pace_meter.PaceMeter()
        self.grouped_at = 0.0
        self.reactions: dict[int, float] = {}
        self.closing: asyncio.TimerHandle | None = None
        # Bumped by every event and count change: a cached public snapshot is
        # reused only while it is unchanged (reads.room_snapshot).
        self.version = 0
        self.snapshot: tuple[int, SharedSnapshot] | None = None
        self.snapshot_pending: tuple[int, asyncio.Future] | None = None
        # The last events and the participants this room knows (resume.py).
        self.memory = Memory(p.REPLAY_LIMIT)
        # Work of a storm, stored in batches (batches.py).
        self.newcomers = Batcher(create_participants, session_id, pool="join")
        self.ballots = Batcher(cast_votes, session_id, pool="act")


class Hub:
    def __init__(self, layer):
        self.layer = layer
        self.channel: str | None = None
        self.rooms: dict[int, Room] = {}
        self.sessions = Sessions()
        self._tasks: list[asyncio.Task] = []
        self._membership = asyncio.Lock()
        self._gc = Collector()

    # Sockets join and leave ----------------------------------------------------------

    async def join(self, session_id: int, socket: Socket) -> Room:
        """Add a socket to its session's room; the hub is in the session's groups
        when this returns, so the caller may read the database to catch up."""
        socket.catching_up()
        room = self.rooms.get(session_id)
        if room is None:
            room = Room(session_id)
            self.rooms[session_id] = room
            room.ready = asyncio.ensure_future(self._open(room))
        if room.closing is not None:
            room.closing.cancel()
            room.closing = None
        room.sockets.add(socket)
        socket.room = room
        if socket.role == p.Role.MODERATOR:
            room.moderators.add(socket)
            room.pace.moderator_joined(socket)
        room.counts.arrived(socket.role == p.Role.PARTICIPANT)
        try:
            await asyncio.shield(room.ready)
        except BaseException:
            self.leave(socket)
            raise
        return room

    def leave(self, socket: Socket, *, stop: bool = True) -> None:
        """Take a socket out of its room; `stop=False` keeps it usable (a refused
        first hello), to join again later."""
        if stop:
            socket.stop()
        room = socket.room
        socket.room = None
        if room is None or socket not in room.sockets:
            return
        room.sockets.discard(socket)
        room.moderators.discard(socket)
        room.counts.departed(socket.role == p.Role.PARTICIPANT)
        if not room.sockets:
            loop = asyncio.get_running_loop()
            if ROOM_GRACE_SECONDS <= 0:
                spawn(self._close(room))
            else:
                room.closing = loop.call_later(
                    ROOM_GRACE_SECONDS, lambda: spawn(self._close(room))
                )

    async def _open(self, room: Room) -> None:
        async with self._membership:
            try:
                await self._start()
                await self._add_to_groups(room)
                # Once per room, not once per client: a restart's reconnect storm
                # resumes from this (resume.py).
                seq, recent, members = await run_db(
                    room_memory, room.session_id, room.memory.limit, MEMBERS_LOADED
                )
            except BaseException:
                if self.rooms.get(room.session_id) is room:
                    del self.rooms[room.session_id]
                raise
        room.memory.fill(recent, members)
        self._start_at(room, seq + 1)

    async def _add_to_groups(self, room: Room) -> None:
        room.grouped_at = time.monotonic()
        await self.layer.group_add(room.group, self.channel)
        await self.layer.group_add(room.mod_group, self.channel)

    async def _close(self, room: Room) -> None:
        async with self._membership:
            if room.sockets or self.rooms.get(room.session_id) is not room:
                return
            del self.rooms[room.session_id]
            if room.repair is not None:
                room.repair.cancel()
            with contextlib.suppress(Exception):
                await counts.announce(room, self.layer, self.channel, 0)
                await self.layer.group_discard(room.group, self.channel)
                await self.layer.group_discard(room.mod_group, self.channel)
            if not self.rooms:
                self._stop()

    async def _start(self) -> None:
        if self.channel is None:
            self.channel = await self.layer.new_channel("live.hub.")
        if not self._tasks:
            self._tasks = [
                asyncio.ensure_future(self._read()),
                asyncio.ensure_future(self._tick()),
            ]

    def _stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        self._tasks = []

    # Sending --------------------------------------------------------------------------

    async def publish(self, session_id: int, outcome: Outcome) -> None:
        """Broadcast what an action stored (after its commit): events to everyone,
        moderator frames to moderators, counts coalesced."""
        room = self.rooms.get(session_id)
        if outcome.events:
            # The layer first: the other processes start writing to their sockets
            # while this one writes to its own (the other way round, they waited
            # for all of this process's writes: 50 ms for 2,500 sockets). This
            # process's copy that comes back through the layer is dropped as seen.
            try:
                await self.layer.group_send(
                    group_name(session_id),
                    {
                        "type": "live.events",
                        "session": session_id,
                        "events": [[seq, text] for seq, text in outcome.events],
                    },
                )
            finally:  # stored is stored: local sockets get it even if the layer fails
                room = self.rooms.get(session_id)
                if room is not None:
                    for seq, text in outcome.events:
                        self._accept(room, seq, text)
        for text in outcome.moderators:
            await self.layer.group_send(
                moderators_group_name(session_id),
                {"type": "live.mod", "session": session_id, "text": text},
            )
        if outcome.counts and room is not None:
            room.counts.changed(outcome.counts)
            room.version += 1
        if outcome.polls and room is not None:
            room.counts.dirty_polls.update(outcome.polls)
        if outcome.pace and room is not None:
            room.pace.changed_here()

    async def vote(
        self,
        session_id: int,
        participant_id: int,
        client_id: str | None,
        fields: dict,
        gone,
    ) -> Outcome | None:
        """A `poll.vote`, stored in a batch with the votes that arrive meanwhile
        (services.ballots); None when the client left before its batch."""
        room = self.rooms[session_id]
        return await room.ballots.submit((participant_id, client_id, fields), gone)

    def participants(self, session_id: int) -> int:
        room = self.rooms.get(session_id)
        return room.counts.participants() if room is not None else 0

    def reaction_wait(self, session_id: int, participant_id: int) -> float:
        """Seconds until this participant may react again (0: now, and counted)."""
        room = self.rooms.get(session_id)
        if room is None:
            return 0.0
        now = time.monotonic()
        last = room.reactions.get(participant_id)
        if last is not None and now - last < p.REACTION_INTERVAL:
            return p.REACTION_INTERVAL - (now - last)
        room.reactions[participant_id] = now
        return 0.0

    def pace_wait(
        self, session_id: int, participant_id: int, client_id: str | None
    ) -> float:
        """Seconds until this participant may give a pace signal again (0: now)."""
        room = self.rooms.get(session_id)
        if room is None:
            return 0.0
        return room.pace.tap_wait(participant_id, time.monotonic(), client_id)

    # Cached reads for joins (reads.py) ------------------------------------------------

    async def session(self, code: str) -> dict | None:
        """The session a code names, or None (reads.Sessions: cached briefly; a
        session's own events drop it from the cache at once)."""
        return await self.sessions.get(code)

    async def public_snapshot(self, session_id: int) -> SharedSnapshot:
        """The public part of a snapshot, read and serialised once per state of the
        session (reads.room_snapshot); only for a socket already in the room."""
        return await room_snapshot(self.rooms[session_id])

    # Receiving --------------------------------------------------------------------------

    async def _read(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live hub: channel layer receive failed")
                await asyncio.sleep(1)
                continue
            try:
                self._dispatch(message)
            except Exception:
                logger.exception("live hub: bad message %r", message.get("type"))

    def _dispatch(self, message: dict) -> None:
        room = self.rooms.get(message.get("session"))
        if room is None:
            return
        kind = message["type"]
        if kind == "live.events":
            for seq, text in message["events"]:
                self._accept(room, seq, text)
        elif kind == "live.mod":
            text = message["text"]
            data = ws_frame(text)
            for socket in room.moderators:
                socket.moderators_frame(text, data)
        elif kind == "live.counts":
            if message.get("hub") != self.channel:
                room.counts.received(message["counts"])
                room.version += 1
        elif kind == "live.presence" and message["hub"] != self.channel:
            room.counts.heard(message["hub"], message["n"])
        elif kind == "live.pace" and message["hub"] != self.channel:
            room.pace.heard()

    # In order, once ----------------------------------------------------------------------

    def _accept(self, room: Room, seq: int, text: str) -> None:
        """Deliver sequenced events in order and once; hold early ones."""
        if room.next_seq is None or seq > room.next_seq:
            room.held[seq] = text
            if room.next_seq is not None:
                self._schedule_repair(room)
            return
        if seq < room.next_seq:
            return
        self._deliver(room, seq, text)
        room.next_seq += 1
        self._release(room)

    def _release(self, room: Room) -> None:
        while room.next_seq in room.held:
            self._deliver(room, room.next_seq, room.held.pop(room.next_seq))
            room.next_seq += 1
        for seq in [seq for seq in room.held if seq < room.next_seq]:
            del room.held[seq]
        if room.held:
            self._schedule_repair(room)
        elif room.repair is not None:
            room.repair.cancel()
            room.repair = None

    def _start_at(self, room: Room, next_seq: int) -> None:
        room.next_seq = next_seq
        self._release(room)

    def _deliver(self, room: Room, seq: int, text: str) -> None:
        room.version += 1
        room.memory.add(seq, text)
        if '"kind":"session.' in text:
            self.sessions.forget(room.session_id)
        data = ws_frame(text)
        for socket in room.sockets:
            socket.event(seq, text, data)

    def _schedule_repair(self, room: Room) -> None:
        if room.repair is None or room.repair.done():
            room.repair = asyncio.ensure_future(self._repair(room))

    async def _repair(self, room: Room) -> None:
        """Fetch events that a lost or late layer message left out."""
        await asyncio.sleep(GAP_REPAIR_SECONDS)
        if not room.held or room.next_seq is None:
            return
        first, upto = room.next_seq, min(room.held)
        missing = await run_db(events_after, room.session_id, first - 1, upto - first)
        room.repair = None
        for seq, text in missing:
            self._accept(room, seq, text)
        if room.held and room.next_seq < min(room.held):
            # Cannot happen while events are stored before they are sent; do not
            # stall the session: clients see the gap and resync themselves.
            logger.warning(
                "live hub: events %s-%s of session %s not found",
                room.next_seq,
                min(room.held) - 1,
                room.session_id,
            )
            room.next_seq = min(room.held)
            self._release(room)

    # Every COUNTS_INTERVAL ---------------------------------------------------------------

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(p.COUNTS_INTERVAL)
            self._gc.settle(sum(len(room.sockets) for room in self.rooms.values()))
            for room in list(self.rooms.values()):
                try:
                    await counts.tick(room, self.layer, self.channel)
                    await pace_meter.tick(room, self.layer, self.channel)
                    if time.monotonic() - room.grouped_at > GROUP_REFRESH_SECONDS:
                        await self._add_to_groups(room)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("live hub: tick failed for %s", room.group)


_hubs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def get_hub() -> Hub:
    """The hub of the running event loop (one per daphne process; one per test)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = Hub(get_channel_layer())
        _hubs[loop] = hub
    return hub
