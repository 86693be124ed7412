"""One live WebSocket as the hub sees it: the frames it may still get, in order,
and a bound on what it may hold (docs/live-protocol.md, "How it is built")."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from . import protocol as p
from .transport import Wire, innermost_send, transport_backlog, ws_frame

if TYPE_CHECKING:
    from .hub import Room

logger = logging.getLogger(__name__)

OUTBOX_FRAMES = 200
OUTBOX_BYTES = 256 * 1024
TRANSPORT_BACKLOG_BYTES = 512 * 1024


class Socket:
    """One WebSocket as the hub sees it.

    Under daphne a frame is written to the connection at once (`transport.Wire`); elsewhere
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
        self._send = innermost_send(send)
        self._wire = Wire.of(self._send)
        self._backlog = (
            self._wire.backlog
            if self._wire is not None
            else transport_backlog(self._send)
        )
        self.role = role
        self.participant_id = participant_id
        # A moderator's socket: its role (roles.ModeratorRole) and the moderators'
        # frames that wait for the role to be confirmed (moderators_frame).
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

    def moderators_frame(self, text: str, data: bytes | None = None) -> None:
        """A moderators-only frame (a pending question) reaches the socket only while
        its person's role is confirmed (roles.ModeratorRole): when the last check is
        too old, the frame waits for a new one, behind any frame already waiting."""
        role = self.moderator_role
        if role is None or (not self.moderator_waiting and role.fresh()):
            self.frame(text, data)
            return
        if self.moderator_waiting is None:
            self.moderator_waiting = []
        self.moderator_waiting.append((text, data))
        if len(self.moderator_waiting) == 1:
            spawn(self._confirm_role())

    async def _confirm_role(self) -> None:
        try:
            held = await self.moderator_role.confirm()
        except Exception:
            # Not known: drop the frames; the client reconnects and its new hello
            # (a full snapshot for a moderator) checks the role again.
            logger.exception("live hub: could not check a moderator's role")
            self.moderator_waiting = None
            self.close(p.CLOSE_CHECK_FAILED)
            return
        waiting, self.moderator_waiting = self.moderator_waiting or [], None
        if not held:
            self.close(p.CLOSE_ROLE_WITHDRAWN)
            return
        for text, data in waiting:
            self.frame(text, data)

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


def spawn(coro) -> asyncio.Task:
    """A task of the live machinery that nobody awaits: its failure is logged."""
    task = asyncio.ensure_future(coro)
    task.add_done_callback(_log_failure)
    return task


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("live hub task failed", exc_info=task.exception())
