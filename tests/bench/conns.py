"""The load client's sockets (run by client.py): one participant or moderator each,
on `wire.Socket`, reconnecting with back-off and resuming with token and `last_seq`
as the browser does; and the shared state and helpers of a run."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import sys
import time
from collections import Counter

from .procstat import cpu_seconds, rss_bytes
from .wire import HandshakeFailed, connect

now = time.monotonic
CONNECT_TIMEOUT = 10.0
MAX_RECONNECTS = 40  # per connection and phase (reset when a phase starts)


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def rss_of(pids: list[int]) -> int:
    return sum(rss_bytes(pid) for pid in pids)


class Bench:
    """Shared state of one run: phase, counters, samples."""

    def __init__(self, args):
        self.args = args
        self.urls = args.url.split(",")
        self.origin = args.origin
        self.server_pids = [int(pid) for pid in args.server_pid.split(",")]
        self.client_cpu: dict[str, dict] = {}
        self.phase = "join"
        self.deliveries: list[tuple[int, int, float]] = []  # (conn, seq, t) in fanout
        self.marks: dict[int, int] = {}  # seq -> k, read from the event's data
        self.counts_frames = 0
        self.errors: Counter = Counter()
        self.reconnects = 0
        self.slow_closes = 0  # 4408: the server closed a socket that fell behind
        self.ids = itertools.count(1)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self.ids)}"

    @contextlib.contextmanager
    def client_cpu_in(self, phase: str):
        """This process's own CPU time while a phase runs (its share of a core)."""
        cpu0, t0 = time.process_time(), now()
        try:
            yield
        finally:
            cpu, wall = time.process_time() - cpu0, now() - t0
            self.client_cpu[phase] = {
                "cpu_s": cpu,
                "wall_s": wall,
                "share": cpu / wall if wall > 0 else None,
            }


class Conn:
    """One WebSocket: a participant or the moderator."""

    def __init__(
        self, bench: Bench, idx: int, moderator: bool = False, server: int | None = None
    ):
        self.bench = bench
        self.idx = idx
        self.moderator = moderator
        # Moderators on the first server; participants round-robin over all.
        if server is None:
            server = 0 if moderator else idx % len(bench.urls)
        self.server = server
        self.url = bench.urls[self.server]
        self.ws = None
        self.token: str | None = None
        self.last_seq: int | None = None
        self.ready = asyncio.Event()  # welcome + snapshot/synced received
        self.welcome_seq: int | None = None
        self.pending: dict[str, tuple[asyncio.Future, float]] = {}
        self.gaps = 0
        self.dups = 0
        self.replayed = 0
        self.snapshots = 0
        self.syncs = 0
        self.reconnects = 0
        self.keep_alive = True  # reconnect when the socket closes
        self.failed: str | None = None
        self.task: asyncio.Task | None = None
        self.started_at: float | None = None  # the first connection attempt
        self.joined_at: float | None = None
        self.resumed_at: float | None = None

    # -- connection ---------------------------------------------------------

    def hello(self) -> dict:
        msg: dict = {"type": "hello"}
        if self.token:
            msg["token"] = self.token
        elif not self.moderator:
            msg["nickname"] = f"p{self.idx}"
        if self.last_seq is not None:
            msg["last_seq"] = self.last_seq
        return msg

    async def run(self, first_delay: float = 0.0) -> None:
        await asyncio.sleep(first_delay)
        self.started_at = now()
        delay = 0.25
        headers = {"Origin": self.bench.origin}
        if self.moderator:
            headers["Cookie"] = self.bench.args.cookie
        while True:
            self.ready.clear()
            try:
                async with asyncio.timeout(CONNECT_TIMEOUT):
                    ws = await connect(self.url, headers, self.on_frame)
                self.ws = ws
                ws.send(json.dumps(self.hello()))
                delay = 0.25
                code = await ws.closed
            except (OSError, TimeoutError, HandshakeFailed) as exc:
                code = None
                self.bench.errors[f"connect:{type(exc).__name__}"] += 1
            finally:
                self.ws = None
                self.ready.clear()
                for fut, _ in self.pending.values():
                    if not fut.done():
                        fut.set_exception(ConnectionError("closed"))
                self.pending.clear()
            if code == 4408:
                self.bench.slow_closes += 1
            if code == 4404:
                self.failed = "4404 unknown session"
                return
            if not self.keep_alive:
                return
            if self.reconnects >= MAX_RECONNECTS:
                self.failed = "too many reconnects"
                return
            self.reconnects += 1
            self.bench.reconnects += 1
            # Jittered exponential back-off, as a browser client does.
            await asyncio.sleep(random.uniform(0, delay))
            delay = min(delay * 2, 2.0)

    def on_frame(self, raw: bytes) -> None:
        t = now()
        head = raw[:24]
        if b'"counts"' in head:  # not matched: only counted
            self.bench.counts_frames += 1
            return
        if b'"event"' in head and not self.moderator:
            self.on_event(seq_of(raw), None, t)
            return
        msg = json.loads(raw)
        kind = msg.get("type")
        if kind == "event":
            self.on_event(msg["seq"], msg, t)
        elif kind in ("ack", "error"):
            if kind == "error":
                self.bench.errors[f"error:{msg.get('code')}"] += 1
            entry = self.pending.pop(msg.get("id"), None)
            if entry and not entry[0].done():
                entry[0].set_result((msg, t - entry[1]))
        elif kind == "welcome":
            self.token = msg.get("token") or self.token
            self.welcome_seq = msg.get("last_seq")
        elif kind == "snapshot":
            self.snapshots += 1
            self.last_seq = msg.get("seq", 0)
            self.mark_ready(t)
        elif kind == "synced":
            self.syncs += 1
            if self.last_seq is None or msg.get("seq", 0) > self.last_seq:
                self.gaps += msg.get("seq", 0) - (self.last_seq or 0)
                self.last_seq = msg.get("seq")
            self.mark_ready(t)

    def on_event(self, seq: int, msg: dict | None, t: float) -> None:
        """A sequenced event: in order, once; a moderator's (msg) carries the mark
        that matches it to its action."""
        last = self.last_seq
        if last is not None and seq <= last:
            self.dups += 1
            return
        if last is not None and seq > last + 1:
            self.gaps += seq - last - 1
        self.last_seq = seq
        if not self.ready.is_set():
            self.replayed += 1
        if self.bench.phase == "fanout":
            if self.idx >= 0:  # a measured participant (not a moderator, a warmer)
                self.bench.deliveries.append((self.idx, seq, t))
            elif self.moderator and seq not in self.bench.marks:
                answer = msg.get("data", {}).get("answer") or ""
                if answer.startswith("bench-"):
                    self.bench.marks[seq] = int(answer[6:])

    def mark_ready(self, t: float) -> None:
        if self.joined_at is None:
            self.joined_at = t
        self.resumed_at = t
        self.ready.set()

    async def request(self, payload: dict, timeout: float) -> tuple[dict, float]:
        """Send an action with a client id; wait for its ack or error."""
        msg_id = payload.setdefault(
            "id", self.bench.next_id("m" if self.moderator else "p")
        )
        fut = asyncio.get_running_loop().create_future()
        if self.ws is None:
            raise ConnectionError("not connected")
        self.pending[msg_id] = (fut, now())
        self.ws.send(json.dumps(payload))
        async with asyncio.timeout(timeout):
            return await fut

    async def close(self) -> None:
        self.keep_alive = False
        if self.ws is not None:
            with contextlib.suppress(OSError):
                await self.ws.close(timeout=3)
        if self.task:
            self.task.cancel()


def seq_of(raw: bytes) -> int:
    """The `seq` of an event frame, read without parsing the rest of the JSON."""
    at = raw.index(b'"seq":') + 6
    end = at
    while raw[end] in b" 0123456789":
        end += 1
    return int(raw[at:end])


def percentiles(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    s = sorted(samples)

    def pct(p):
        return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

    return {
        "n": len(s),
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": s[-1],
    }


async def wait_all(conns, predicate, deadline: float) -> bool:
    """Poll until predicate holds for every connection or the deadline passes."""
    while now() < deadline:
        if all(predicate(c) for c in conns):
            return True
        await asyncio.sleep(0.05)
    return all(predicate(c) for c in conns)
