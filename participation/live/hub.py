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
import gc
import logging
import struct
import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import close_old_connections

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
GC_FREEZE_MIN_SOCKETS = 200  # below this, the collector's pauses are short anyway
GC_FREEZE_SETTLED_SECONDS = 1.0
GC_REFREEZE_SECONDS = 900.0


# Database work -------------------------------------------------------------------

# Threads (each with its own database connection) for live work: joins and
# catch-ups in one pool, actions (and the hub's own reads) in another, so that a
# moderator's action or a vote never waits behind a join or reconnect storm.
DB_THREADS = {"join": 3, "act": 2}
SESSION_CACHE_SECONDS = 2.0  # how long a code → session lookup is reused
_executors: dict[str, ThreadPoolExecutor] = {}


def _in_db_thread(function: Callable, args: tuple, kwargs: dict, skip):
    if skip is not None and skip():
        return None  # the client went away while this waited its turn
    close_old_connections()
    try:
        return function(*args, **kwargs)
    finally:
        close_old_connections()


async def run_db(
    function: Callable,
    *args,
    skip: Callable[[], bool] | None = None,
    pool: str = "act",
    **kwargs,
):
    """Run a synchronous database function in one of the live pools (DB_THREADS).

    Channels' `database_sync_to_async` runs every call on the one thread-sensitive
    thread: during a join storm every join, action and handshake waits behind all
    the others. These functions need no thread affinity (each is one short
    transaction), so they run in small pools instead; each thread keeps its own
    connection (CONN_MAX_AGE), closed when too old as Django does per request.
    With `skip`, the call is dropped (None) if skip() is true when its turn comes."""
    executor = _executors.get(pool)
    if executor is None:
        executor = _executors[pool] = ThreadPoolExecutor(
            max_workers=DB_THREADS[pool], thread_name_prefix=f"live-db-{pool}"
        )
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        executor, _in_db_thread, function, args, kwargs, skip
    )


def close_pools() -> None:
    """Wait for the pools' work to finish and stop their threads (tests, shutdown);
    run_db starts new ones when needed."""
    while _executors:
        _pool, executor = _executors.popitem()
        executor.shutdown(wait=True)


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


def ws_frame(text: str) -> bytes:
    """One unfragmented, unmasked, uncompressed WebSocket text frame (RFC 6455, 5.2),
    as a server sends it: built once per event and written to every socket."""
    payload = text.encode()
    n = len(payload)
    if n < 126:
        header = bytes((0x81, n))
    elif n < 65536:
        header = struct.pack("!BBH", 0x81, 126, n)
    else:
        header = struct.pack("!BBQ", 0x81, 127, n)
    return header + payload


DIRECT_WRITES = True  # False: every frame goes through daphne and autobahn


class _Wire:
    """Writes frames straight to the TCP transport of a daphne WebSocket.

    Daphne's own path (handle_reply → autobahn's sendMessage → sendFrame →
    transport.write) builds the frame again for every socket, and Twisted always
    defers the write to the reactor (addWriter/removeWriter per frame). The text
    frames a server sends are plain bytes (daphne negotiates no compression), so the
    hub builds each frame once and writes it here: on the socket at once when
    Twisted holds nothing for it (as asyncio's transports do), else behind what
    Twisted holds, in order. Close frames still go through autobahn."""

    __slots__ = ("server", "protocol", "transport", "_raw")

    def __init__(self, server, protocol, transport):
        self.server = server
        self.protocol = protocol
        self.transport = transport
        self._raw = getattr(transport, "socket", None)

    @classmethod
    def of(cls, send: Callable) -> _Wire | None:
        if not DIRECT_WRITES or not isinstance(send, functools.partial):
            return None
        if not send.args or getattr(send.func, "__name__", "") != "handle_reply":
            return None
        server = getattr(send.func, "__self__", None)
        protocol = send.args[0]
        transport = getattr(protocol, "transport", None)
        if (
            server is None
            or transport is None
            or not hasattr(transport, "dataBuffer")
            or getattr(transport, "TLS", False)
            or getattr(protocol, "_perMessageCompress", None) is not None
            or getattr(protocol, "state", None) != getattr(protocol, "STATE_OPEN", 1)
        ):
            return None
        return cls(server, protocol, transport)

    def gone(self) -> bool:
        protocol = self.protocol
        details = self.server.connections.get(protocol)
        return (
            details is None
            or bool(details.get("disconnected"))
            or protocol.state != protocol.STATE_OPEN
            or bool(self.transport.disconnecting)
        )

    def backlog(self) -> int:
        transport = self.transport
        return (
            len(transport.dataBuffer)
            - transport.offset
            + getattr(transport, "_tempDataLen", 0)
        )

    def write(self, data: bytes) -> bool:
        """False when the connection is gone."""
        if self.gone():
            return False
        transport = self.transport
        raw = self._raw
        if raw is not None and not self.backlog():
            try:
                sent = raw.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:  # Twisted notices and reports the lost connection
                sent = 0
            if sent == len(data):
                return True
            data = data[sent:]
        transport.write(data)
        return True

    def close(self, code: int) -> None:
        if not self.gone():
            self.protocol.serverClose(code)


class Socket:
    """One WebSocket as the hub sees it.

    Under daphne a frame is written to the connection at once (`_Wire`); elsewhere
    (tests, other servers) it goes into a bounded outbox drained by one writer task,
    started with the first frame and stopped when the socket leaves.

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
        self._wire = _Wire.of(self._send)
        self._backlog = (
            self._wire.backlog
            if self._wire is not None
            else _transport_backlog(self._send)
        )
        self.role = role
        self.participant_id = participant_id
        # A moderator's socket: its role (roles.ModeratorRole) and the moderators'
        # frames that wait for the role to be confirmed (Hub._to_moderator).
        self.moderator_role = None
        self.moderator_waiting: list[tuple[str, bytes]] | None = None
        self.room: Room | None = None
        self.last_seq: int | None = None
        self._held: list[tuple[int | None, str]] = []
        self._outbox: deque[str] = deque()
        self._bytes = 0
        self._wake: asyncio.Event | None = None
        self._close_code: int | None = None
        self.closed = False
        self._writer: asyncio.Task | None = None

    # Called by the hub (never awaits) ---------------------------------------------

    def event(self, seq: int, text: str, data: bytes | None = None) -> None:
        if self.last_seq is None:
            self._hold(seq, text)
        elif seq > self.last_seq:
            self.last_seq = seq
            self.offer(text, data)

    def frame(self, text: str, data: bytes | None = None) -> None:
        if self.last_seq is None:
            self._hold(None, text)
        else:
            self.offer(text, data)

    def offer(self, text: str, data: bytes | None = None) -> None:
        if self.closed:
            return
        wire = self._wire
        if wire is not None:
            if wire.backlog() > TRANSPORT_BACKLOG_BYTES:
                self.close(p.CLOSE_TOO_SLOW)
            elif not wire.write(data if data is not None else ws_frame(text)):
                self.closed = True
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
        self._kick()

    def _kick(self) -> None:
        if self._writer is None:
            self._wake = asyncio.Event()
            self._writer = asyncio.ensure_future(self._drain())
        self._wake.set()

    def _hold(self, seq: int | None, text: str) -> None:
        self._held.append((seq, text))
        if len(self._held) > OUTBOX_FRAMES:
            self.close(p.CLOSE_TOO_SLOW)

    # Called by the consumer ---------------------------------------------------------

    def gone(self) -> bool:
        """The client went away (work queued for it may be skipped)."""
        return self.closed or (self._wire is not None and self._wire.gone())

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

    def close(self, code: int, *, drop: bool = True) -> None:
        """Close the connection after nothing more: what was queued is dropped, or
        with `drop=False` sent first (a refusal that explains the close)."""
        if self.closed:
            return
        self.closed = True
        self._held.clear()
        if drop:
            self._outbox.clear()
            self._bytes = 0
        if self._wire is not None:
            self._wire.close(code)
            return
        self._close_code = code
        self._kick()

    def stop(self) -> None:
        self.closed = True
        self._outbox.clear()
        self._held.clear()
        if self._writer is not None:
            self._writer.cancel()

    async def flushed(self) -> None:
        """Wait until the outbox is empty (tests and an orderly close)."""
        while self._outbox and self._writer is not None and not self._writer.done():
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
        # Bumped by every event and count change: a cached public snapshot is
        # reused only while it is unchanged (see Hub.public_snapshot).
        self.version = 0
        self.snapshot: tuple[int, dict] | None = None
        self.snapshot_pending: tuple[int, asyncio.Future] | None = None
        self.dirty_polls: set[int] = set()


# The hub -------------------------------------------------------------------------


class Hub:
    def __init__(self, layer):
        self.layer = layer
        self.channel: str | None = None
        self.rooms: dict[int, Room] = {}
        self._sessions: dict[str, tuple[float, dict]] = {}
        self._session_lookups: dict[str, asyncio.Future] = {}
        self._tasks: list[asyncio.Task] = []
        self._membership = asyncio.Lock()
        self._gc = _Collector()

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
                seq = await run_db(services.current_seq, room.session_id)
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
            room.version += 1
        if outcome.polls and room is not None:
            room.dirty_polls.update(outcome.polls)

    def known_seq(self, session_id: int) -> int | None:
        """The last event this hub passed on (the database has at least this)."""
        room = self.rooms.get(session_id)
        if room is None or room.next_seq is None:
            return None
        return room.next_seq - 1

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

    # Cached reads for joins ----------------------------------------------------------

    async def session(self, code: str) -> dict | None:
        """The session a code names (`services.session_ref`), or None. One lookup per
        code at a time, reused for SESSION_CACHE_SECONDS: a join storm of one session
        reads it once, not once per handshake. A session's own events (started,
        ended) drop it from the cache at once."""
        code = (code or "").strip().upper()
        cached = self._sessions.get(code)
        if cached is not None and time.monotonic() - cached[0] < SESSION_CACHE_SECONDS:
            return cached[1]
        lookup = self._session_lookups.get(code)
        if lookup is None:
            lookup = asyncio.ensure_future(run_db(services.session_ref, code))
            self._session_lookups[code] = lookup
            lookup.add_done_callback(lambda _f: self._session_lookups.pop(code, None))
        found = await asyncio.shield(lookup)
        if found is not None:  # unknown codes are not kept (no unbounded cache)
            if len(self._sessions) > 1000:
                self._sessions.clear()
            self._sessions[code] = (time.monotonic(), found)
        return found

    def forget_session(self, session_id: int) -> None:
        for code, (_at, found) in list(self._sessions.items()):
            if found["id"] == session_id:
                del self._sessions[code]

    async def public_snapshot(self, session_id: int) -> dict:
        """The public part of a snapshot (`services.public_snapshot`), read at most
        once per state of the session: it is reused while no event and no count
        change reached this hub since it was read. Call it only for a socket that
        is already in the room, so that whatever changes after the read reaches
        the socket as a held frame (the snapshot is at least as new as the room).
        Returns a shallow copy the caller may change at the top level."""
        room = self.rooms[session_id]
        version = room.version
        if room.snapshot is not None and room.snapshot[0] == version:
            return dict(room.snapshot[1])
        pending = room.snapshot_pending
        if pending is None or pending[0] != version:
            future = asyncio.ensure_future(run_db(services.public_snapshot, session_id))
            pending = room.snapshot_pending = (version, future)
        try:
            frame = await asyncio.shield(pending[1])
        finally:
            if room.snapshot_pending is pending and pending[1].done():
                room.snapshot_pending = None
        if room.version == version:
            room.snapshot = (version, frame)
        return dict(frame)

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
                self._to_moderator(socket, text, data)
        elif kind == "live.counts":
            if message.get("hub") != self.channel:
                merge_counts(room.incoming, message["counts"])
                room.version += 1
        elif kind == "live.presence":
            hub = message["hub"]
            if hub != self.channel:
                if hub not in room.presence:
                    room.presence_dirty = True  # tell the newcomer about us
                room.presence[hub] = (message["n"], time.monotonic())

    def _to_moderator(self, socket: Socket, text: str, data: bytes) -> None:
        """A moderators-only frame (a pending question) reaches a socket only while
        its person's role is confirmed (roles.ModeratorRole): when the last check is
        too old, the frame waits for a new one, behind any frame already waiting."""
        role = socket.moderator_role
        if role is None or (not socket.moderator_waiting and role.fresh()):
            socket.frame(text, data)
            return
        if socket.moderator_waiting is None:
            socket.moderator_waiting = []
        socket.moderator_waiting.append((text, data))
        if len(socket.moderator_waiting) == 1:
            self._spawn(self._confirm_moderator(socket))

    async def _confirm_moderator(self, socket: Socket) -> None:
        try:
            held = await socket.moderator_role.confirm()
        except Exception:
            # Not known: drop the frames; the client reconnects and its new hello
            # (a full snapshot for a moderator) checks the role again.
            logger.exception("live hub: could not check a moderator's role")
            socket.moderator_waiting = None
            socket.close(p.CLOSE_CHECK_FAILED)
            return
        waiting, socket.moderator_waiting = socket.moderator_waiting or [], None
        if not held:
            socket.close(p.CLOSE_ROLE_WITHDRAWN)
            return
        for text, data in waiting:
            socket.frame(text, data)

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
        if '"kind":"session.' in text:
            self.forget_session(room.session_id)
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
        missing = await run_db(
            services.events_after, room.session_id, first - 1, upto - first
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
            self._gc.settle(sum(len(room.sockets) for room in self.rooms.values()))
            for room in list(self.rooms.values()):
                try:
                    await self._tick_room(room)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("live hub: tick failed for %s", room.group)

    async def _tick_room(self, room: Room) -> None:
        now = time.monotonic()
        if room.dirty_polls:
            # Votes are counted here, once per poll and interval, from the stored
            # votes: a vote itself only inserts its row.
            polls, room.dirty_polls = room.dirty_polls, set()
            counts = await run_db(services.poll_counts, room.session_id, polls)
            merge_counts(room.outgoing, counts)
            merge_counts(room.incoming, counts)
            room.version += 1
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
            data = ws_frame(text)
            for socket in room.sockets:
                socket.frame(text, data)

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


class _Collector:
    """Keeps Python's full garbage collections short while many sockets are open.

    A process holding 1,000 connections holds millions of objects (daphne,
    autobahn and Twisted per connection); a full collection walks them all and
    stopped the event loop for about 240 ms (measured, N=1,000), which showed as
    the fan-out's p99. Once the number of sockets has settled after growing, the
    objects alive then are frozen (`gc.freeze`: left out of collections); they are
    unfrozen when the sockets fall below half, and every GC_REFREEZE_SECONDS the
    frozen objects get one deliberate collection (so that cycles left by closed
    connections are freed) before they are frozen again."""

    def __init__(self):
        self.seen = 0
        self.changed_at = time.monotonic()
        self.frozen_with = 0
        self.frozen_at = 0.0

    def settle(self, sockets: int) -> None:
        now = time.monotonic()
        if sockets != self.seen:
            self.seen, self.changed_at = sockets, now
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
