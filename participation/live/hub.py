"""Per-process fan-out of live-session frames (docs/live-protocol.md, "How it is built").

One `Hub` per event loop (so one per daphne process, and one per test) owns one
channel-layer channel. For every session with local sockets it joins the groups
`live.<id>` and `live.<id>.mod` once, so the layer carries one copy of a frame per
process, not per socket. Frames arrive as JSON text serialised once by the process
that stored the event; the hub puts that same text into each local socket's bounded
outbox, without a consumer handler dispatch per socket (which would cost a thread hop
per delivered message since Channels 4.2).

The hub also
- delivers sequenced events in order, exactly once per socket: out-of-order frames
  wait, and a gap that stays open (a lost layer message) is filled from the database;
- coalesces counts (upvotes, votes, reactions, presence) into at most one `counts`
  frame per session every COUNTS_INTERVAL;
- closes a socket that cannot keep up with code 4408 instead of buffering for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from . import protocol as p
from . import services
from .services import dumps

logger = logging.getLogger(__name__)

ROOM_GRACE_SECONDS = 5.0  # keep a session's groups a while after its last socket
GAP_REPAIR_SECONDS = 1.0  # how long a missing event may be late before we fetch it
PRESENCE_HEARTBEAT_SECONDS = 15.0
PRESENCE_EXPIRY_SECONDS = 50.0  # a process that stopped announcing counts as gone
GROUP_REFRESH_SECONDS = 3600.0  # channels-redis forgets group members after a day
OUTBOX_FRAMES = 200
OUTBOX_BYTES = 256 * 1024
TRANSPORT_BACKLOG_BYTES = 512 * 1024


# Counts --------------------------------------------------------------------------


def merge_counts(into: dict, changes: dict) -> dict:
    """Merge absolute counts. Upvote, vote and reaction counts only grow, so copies
    that arrive out of order are merged by taking the larger value."""
    for section in ("questions", "reactions"):
        if section in changes:
            target = into.setdefault(section, {})
            for key, value in changes[section].items():
                target[key] = max(value, target.get(key, 0))
    if "polls" in changes:
        polls = into.setdefault("polls", {})
        for key, results in changes["polls"].items():
            known = polls.get(key)
            if isinstance(results, list):
                if isinstance(known, list) and len(known) == len(results):
                    results = [max(a, b) for a, b in zip(known, results, strict=True)]
                polls[key] = list(results)
            else:
                merged = dict(known) if isinstance(known, dict) else {}
                for word, n in results.items():
                    merged[word] = max(n, merged.get(word, 0))
                polls[key] = merged
    if "participants" in changes:
        into["participants"] = changes["participants"]
    return into


def counts_frame(counts: dict) -> str:
    frame: dict[str, Any] = {"type": "counts"}
    frame.update(counts)
    polls = frame.get("polls")
    if polls:
        frame["polls"] = {
            key: (
                dict(
                    sorted(results.items(), key=lambda kv: (-kv[1], kv[0]))[
                        : p.WORDS_SHOWN
                    ]
                )
                if isinstance(results, dict)
                else results
            )
            for key, results in polls.items()
        }
    return dumps(frame)


# Sockets -------------------------------------------------------------------------


def _innermost_send(send: Callable) -> Callable:
    """The server's own send, under the session middleware's wrapper: that wrapper
    only matters for HTTP responses and the accept, and costs time per frame."""
    seen = 0
    while seen < 10:
        owner = getattr(send, "__self__", None)
        inner = getattr(owner, "real_send", None)
        if inner is None:
            return send
        send, seen = inner, seen + 1
    return send


def _transport_backlog(send: Callable) -> Callable[[], int] | None:
    """Bytes waiting in the TCP transport under daphne (which never makes a send
    wait), so a slow client is noticed before its backlog eats memory. None for
    other servers (and in tests), where only the outbox is measured."""
    if not isinstance(send, functools.partial) or not send.args:
        return None
    transport = getattr(send.args[0], "transport", None)
    if transport is None or not hasattr(transport, "dataBuffer"):
        return None

    def backlog() -> int:
        return (
            len(transport.dataBuffer)
            - getattr(transport, "offset", 0)
            + getattr(transport, "_tempDataLen", 0)
        )

    return backlog


class Socket:
    """One WebSocket as the hub sees it: a bounded outbox drained by one writer task.

    `last_seq` is None while the client is catching up (replay or snapshot from the
    database); frames that arrive meanwhile are held, and sequenced ones the
    catch-up already covered are dropped when it ends."""

    def __init__(
        self,
        send: Callable[[dict], Awaitable[None]],
        *,
        role: str = p.Role.PARTICIPANT,
        participant_id: int | None = None,
    ):
        self._send = _innermost_send(send)
        self._backlog = _transport_backlog(self._send)
        self.role = role
        self.participant_id = participant_id
        self.room: Room | None = None
        self.last_seq: int | None = None
        self._held: list[tuple[int | None, str]] = []
        self._outbox: deque[str] = deque()
        self._bytes = 0
        self._wake = asyncio.Event()
        self._close_code: int | None = None
        self.closed = False
        self._writer = asyncio.ensure_future(self._drain())

    # Called by the hub (never awaits) ---------------------------------------------

    def event(self, seq: int, text: str) -> None:
        if self.last_seq is None:
            self._hold(seq, text)
        elif seq > self.last_seq:
            self.last_seq = seq
            self.offer(text)

    def frame(self, text: str) -> None:
        if self.last_seq is None:
            self._hold(None, text)
        else:
            self.offer(text)

    def offer(self, text: str) -> None:
        if self.closed:
            return
        self._outbox.append(text)
        self._bytes += len(text)
        if (
            len(self._outbox) > OUTBOX_FRAMES
            or self._bytes > OUTBOX_BYTES
            or (self._backlog is not None and self._backlog() > TRANSPORT_BACKLOG_BYTES)
        ):
            self.close(p.CLOSE_TOO_SLOW)
            return
        self._wake.set()

    def _hold(self, seq: int | None, text: str) -> None:
        self._held.append((seq, text))
        if len(self._held) > OUTBOX_FRAMES:
            self.close(p.CLOSE_TOO_SLOW)

    # Called by the consumer ---------------------------------------------------------

    def catching_up(self) -> None:
        """A (new) catch-up starts: hold live frames until `caught_up`."""
        self.last_seq = None

    def caught_up(self, seq: int) -> None:
        self.last_seq = seq
        held, self._held = self._held, []
        for held_seq, text in held:
            if held_seq is None:
                self.offer(text)
            else:
                self.event(held_seq, text)

    def close(self, code: int) -> None:
        """Close the connection after nothing more (what was queued is dropped)."""
        if self.closed:
            return
        self.closed = True
        self._close_code = code
        self._outbox.clear()
        self._held.clear()
        self._bytes = 0
        self._wake.set()

    def stop(self) -> None:
        self.closed = True
        self._writer.cancel()

    async def flushed(self) -> None:
        """Wait until the outbox is empty (tests and an orderly close)."""
        while self._outbox and not self._writer.done():
            await asyncio.sleep(0)

    async def _drain(self) -> None:
        send = self._send
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._outbox:
                    text = self._outbox.popleft()
                    self._bytes -= len(text)
                    await send({"type": "websocket.send", "text": text})
                if self._close_code is not None:
                    await send({"type": "websocket.close", "code": self._close_code})
                    return
        except asyncio.CancelledError:
            raise
        except Exception:  # the connection went away under us
            logger.debug("live socket writer stopped", exc_info=True)
            self.closed = True


# Rooms (one per session with local sockets) -----------------------------------------


class Room:
    def __init__(self, session_id: int):
        self.session_id = session_id
        self.group = f"live.{session_id}"
        self.mod_group = f"live.{session_id}.mod"
        self.sockets: set[Socket] = set()
        self.moderators: set[Socket] = set()
        self.ready: asyncio.Future | None = None
        self.next_seq: int | None = None
        self.held: dict[int, str] = {}
        self.repair: asyncio.Task | None = None
        self.outgoing: dict = {}  # counts to tell the other processes
        self.incoming: dict = {}  # counts to tell local sockets
        self.local_participants = 0
        self.presence: dict[str, tuple[int, float]] = {}
        self.presence_dirty = True
        self.announced_at = 0.0
        self.grouped_at = 0.0
        self.participants_sent: int | None = None
        self.reactions: dict[int, float] = {}
        self.closing: asyncio.TimerHandle | None = None


# The hub -------------------------------------------------------------------------


class Hub:
    def __init__(self, layer):
        self.layer = layer
        self.channel: str | None = None
        self.rooms: dict[int, Room] = {}
        self._tasks: list[asyncio.Task] = []
        self._membership = asyncio.Lock()

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
        elif socket.role == p.Role.PARTICIPANT:
            room.local_participants += 1
            room.presence_dirty = True
        try:
            await asyncio.shield(room.ready)
        except BaseException:
            self.leave(socket)
            raise
        return room

    def leave(self, socket: Socket) -> None:
        socket.stop()
        room = socket.room
        if room is None or socket not in room.sockets:
            return
        room.sockets.discard(socket)
        room.moderators.discard(socket)
        if socket.role == p.Role.PARTICIPANT:
            room.local_participants -= 1
            room.presence_dirty = True
        if not room.sockets:
            loop = asyncio.get_running_loop()
            if ROOM_GRACE_SECONDS <= 0:
                self._spawn(self._close(room))
            else:
                room.closing = loop.call_later(
                    ROOM_GRACE_SECONDS, lambda: self._spawn(self._close(room))
                )

    async def _open(self, room: Room) -> None:
        async with self._membership:
            try:
                await self._start()
                await self.layer.group_add(room.group, self.channel)
                await self.layer.group_add(room.mod_group, self.channel)
                room.grouped_at = time.monotonic()
                seq = await database_sync_to_async(services.current_seq)(
                    room.session_id
                )
            except BaseException:
                if self.rooms.get(room.session_id) is room:
                    del self.rooms[room.session_id]
                raise
        self._start_at(room, seq + 1)

    async def _close(self, room: Room) -> None:
        async with self._membership:
            if room.sockets or self.rooms.get(room.session_id) is not room:
                return
            del self.rooms[room.session_id]
            if room.repair is not None:
                room.repair.cancel()
            with contextlib.suppress(Exception):
                await self._announce(room, 0)
                await self.layer.group_discard(room.group, self.channel)
                await self.layer.group_discard(room.mod_group, self.channel)
            if not self.rooms:
                self._stop()

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        task.add_done_callback(_log_failure)

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

    async def publish(self, session_id: int, outcome: services.Outcome) -> None:
        """Broadcast what an action stored (after its commit): events to everyone,
        moderator frames to moderators, counts coalesced."""
        room = self.rooms.get(session_id)
        if outcome.events:
            if room is not None:  # local sockets need not wait for the layer
                for seq, text in outcome.events:
                    self._accept(room, seq, text)
            await self.layer.group_send(
                f"live.{session_id}",
                {
                    "type": "live.events",
                    "session": session_id,
                    "events": [[seq, text] for seq, text in outcome.events],
                },
            )
        for text in outcome.moderators:
            await self.layer.group_send(
                f"live.{session_id}.mod",
                {"type": "live.mod", "session": session_id, "text": text},
            )
        if outcome.counts and room is not None:
            merge_counts(room.outgoing, outcome.counts)
            merge_counts(room.incoming, outcome.counts)

    def participants(self, session_id: int) -> int:
        room = self.rooms.get(session_id)
        return self._participants(room) if room is not None else 0

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
            for socket in room.moderators:
                socket.frame(message["text"])
        elif kind == "live.counts":
            if message.get("hub") != self.channel:
                merge_counts(room.incoming, message["counts"])
        elif kind == "live.presence":
            hub = message["hub"]
            if hub != self.channel:
                if hub not in room.presence:
                    room.presence_dirty = True  # tell the newcomer about us
                room.presence[hub] = (message["n"], time.monotonic())

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

    @staticmethod
    def _deliver(room: Room, seq: int, text: str) -> None:
        for socket in room.sockets:
            socket.event(seq, text)

    def _schedule_repair(self, room: Room) -> None:
        if room.repair is None or room.repair.done():
            room.repair = asyncio.ensure_future(self._repair(room))

    async def _repair(self, room: Room) -> None:
        """Fetch events that a lost or late layer message left out."""
        await asyncio.sleep(GAP_REPAIR_SECONDS)
        if not room.held or room.next_seq is None:
            return
        first, upto = room.next_seq, min(room.held)
        missing = await database_sync_to_async(services.events_after)(
            room.session_id, first - 1, upto - first
        )
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
            for room in list(self.rooms.values()):
                try:
                    await self._tick_room(room)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("live hub: tick failed for %s", room.group)

    async def _tick_room(self, room: Room) -> None:
        now = time.monotonic()
        if room.outgoing:
            counts, room.outgoing = room.outgoing, {}
            await self.layer.group_send(
                room.group,
                {
                    "type": "live.counts",
                    "session": room.session_id,
                    "hub": self.channel,
                    "counts": counts,
                },
            )
        if room.presence_dirty or now - room.announced_at > PRESENCE_HEARTBEAT_SECONDS:
            room.presence_dirty = False
            await self._announce(room, room.local_participants)
        if now - room.grouped_at > GROUP_REFRESH_SECONDS:
            room.grouped_at = now
            await self.layer.group_add(room.group, self.channel)
            await self.layer.group_add(room.mod_group, self.channel)
        participants = self._participants(room)
        if participants != room.participants_sent:
            room.participants_sent = participants
            room.incoming["participants"] = participants
        if room.incoming:
            counts, room.incoming = room.incoming, {}
            text = counts_frame(counts)
            for socket in room.sockets:
                socket.frame(text)

    async def _announce(self, room: Room, n: int) -> None:
        room.announced_at = time.monotonic()
        await self.layer.group_send(
            room.group,
            {
                "type": "live.presence",
                "session": room.session_id,
                "hub": self.channel,
                "n": n,
            },
        )

    @staticmethod
    def _participants(room: Room) -> int:
        now = time.monotonic()
        others = sum(
            n
            for n, seen in room.presence.values()
            if now - seen < PRESENCE_EXPIRY_SECONDS
        )
        return room.local_participants + others


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("live hub task failed", exc_info=task.exception())


_hubs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def get_hub() -> Hub:
    """The hub of the running event loop (one per daphne process; one per test)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = Hub(get_channel_layer())
        _hubs[loop] = hub
    return hub
