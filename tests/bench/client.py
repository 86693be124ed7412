"""The load generator: one asyncio process (uvloop when installed) that holds N
participant sockets and the moderators' sockets of one live session, and runs the
phases of the benchmark against one server (the reference or Inspraak) or several
processes of one (participants spread round-robin over their URLs, the moderators
on the first).

It talks to the orchestrator (tests/bench/run.py) with JSON lines: it writes
`{"cmd": "restart"}` on stdout when the servers must be restarted and reads
`{"pids": [...], "down": ..., "up": ...}` on stdin; its last stdout line is
`{"result": {...}}`. Both ends of every latency (the moderator's send and the
participant's receipt) are taken in this process with one clock.

It is kept cheap, because it shares the machine's cores with the servers it
measures: its WebSockets are `wire.Socket`s (frames parsed in the protocol's
callback, no task switch per frame), a participant reads only the `seq` of an
event and only the type of a `counts` frame, and its own CPU time per phase is
part of the result.

Every wait has a deadline; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
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


async def moderator_action(mod: Conn, k: int, question_id) -> dict:
    """One moderator action that makes exactly one sequenced event. The answer
    text carries k, so every receipt is matched to its send time."""
    return {
        "type": "question.answer",
        "question_id": question_id,
        "answer": f"bench-{k}",
    }


class Control:
    """JSON lines to and from the orchestrator."""

    def __init__(self):
        self.reader: asyncio.StreamReader | None = None

    async def start(self):
        loop = asyncio.get_running_loop()
        self.reader = asyncio.StreamReader()
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(self.reader), sys.stdin
        )

    def send(self, payload: dict) -> None:
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()

    async def receive(self, timeout: float) -> dict:
        async with asyncio.timeout(timeout):
            line = await self.reader.readline()
        return json.loads(line)


async def ensure_question(mod: Conn) -> object:
    reply, _ = await mod.request(
        {"type": "question.ask", "text": "Benchmark question"}, timeout=10
    )
    if reply.get("type") != "ack":
        raise RuntimeError(f"question.ask refused: {reply}")
    qid = reply.get("question_id")
    if reply.get("status") == "pending":
        await mod.request({"type": "question.approve", "question_id": qid}, timeout=10)
    return qid


async def fanout(
    bench: Bench, control, mods: list[Conn], parts: list[Conn], qid, res: dict
):
    """Moderators send `events` actions at `rate` per second, open loop (the next
    action does not wait for the previous one); every participant should receive
    every event once, in order."""
    args = bench.args
    events, interval = args.events, 1.0 / args.rate
    base_seq = max(c.last_seq or 0 for c in mods + parts)
    cpu0, t0 = cpu_of(bench.server_pids), now()
    control.send({"cmd": "profile", "phase": "fanout", "on": True})
    bench.phase = "fanout"
    send_times: dict[int, float] = {}
    seq_of_k: dict[int, int] = {}
    acks: list[asyncio.Task] = []

    async def one(k: int) -> None:
        mod = mods[k % len(mods)]
        payload = await moderator_action(mod, k, qid)
        send_times[k] = now()
        try:
            reply, _ = await mod.request(payload, timeout=args.drain)
        except (TimeoutError, ConnectionError):
            bench.errors["fanout:no_ack"] += 1
            return
        if reply.get("type") == "ack" and isinstance(reply.get("seq"), int):
            seq_of_k[k] = reply["seq"]

    start = now()
    for k in range(events):
        await asyncio.sleep(max(0.0, start + k * interval - now()))
        acks.append(asyncio.create_task(one(k)))
    await asyncio.wait(acks, timeout=args.drain)
    final_seq = max([*seq_of_k.values(), base_seq + events])
    delivered_all = await wait_all(
        parts, lambda c: (c.last_seq or 0) >= final_seq, now() + args.drain
    )
    t1, cpu1 = now(), cpu_of(bench.server_pids)
    bench.phase = "idle"
    control.send({"cmd": "profile", "phase": "fanout", "on": False})
    # Match each receipt to its send: by the mark k in the event's data (as a
    # moderator socket saw it), else by the seq in the ack, else by order (one
    # event per action, in order).
    k_of_seq = dict(bench.marks)
    if len(k_of_seq) < events:
        k_of_seq = {s: k for k, s in seq_of_k.items()}
    if len(k_of_seq) < events:
        k_of_seq = {base_seq + 1 + k: k for k in range(events)}
    res_mapping = "marks" if len(bench.marks) >= events else "acks/order"
    seen = set()
    latencies = []
    by_server: list[list[float]] = [[] for _ in bench.urls]
    for conn, seq, t in bench.deliveries:
        k = k_of_seq.get(seq)
        if k is None or (conn, seq) in seen:
            continue
        seen.add((conn, seq))
        if k in send_times:
            latencies.append(t - send_times[k])
            by_server[conn % len(by_server)].append(t - send_times[k])
    expected = events * len(parts)
    res["fanout"] = {
        "events": events,
        "expected": expected,
        "delivered": len(seen),
        "all_delivered_in_time": delivered_all,
        "latency": percentiles(latencies),
        # The moderators are on server 0: the others' figures cross the layer.
        "latency_by_server": [percentiles(samples) for samples in by_server],
        "gaps": sum(c.gaps for c in parts),
        "dups": sum(c.dups for c in parts),
        "server_cpu_s": cpu1 - cpu0,
        "seconds": t1 - t0,
        "cpu_per_msg_us": (cpu1 - cpu0) / len(seen) * 1e6 if seen else None,
        "matched_by": res_mapping,
    }
    bench.deliveries.clear()
    bench.marks.clear()


async def vote_storm(
    bench: Bench, control, mods: list[Conn], parts: list[Conn], res: dict
):
    args = bench.args
    mod = mods[0]
    reply, _ = await mod.request(
        {
            "type": "poll.create",
            "kind": "single",
            "question": "Benchmark poll",
            "options": ["yes", "no"],
        },
        timeout=10,
    )
    poll_id = reply.get("poll_id")
    if poll_id is None:
        raise RuntimeError(f"poll.create refused: {reply}")
    res["poll_id"] = poll_id
    opened_seq = (await mod.request({"type": "poll.open", "poll_id": poll_id}, 10))[
        0
    ].get("seq")
    if isinstance(opened_seq, int):
        await wait_all(parts, lambda c: (c.last_seq or 0) >= opened_seq, now() + 10)
    else:
        await asyncio.sleep(1)
    outcome: Counter = Counter()
    ack_latencies: list[float] = []

    async def vote(c: Conn, at: float) -> None:
        await asyncio.sleep(at)
        payload = {
            "type": "poll.vote",
            "poll_id": poll_id,
            "choices": [c.idx % 2],
            "id": f"v{c.idx}",
        }
        # A vote lost with its connection is sent again with the same id.
        for _attempt in range(3):
            try:
                await asyncio.wait_for(c.ready.wait(), 10)
                reply, lat = await c.request(dict(payload), timeout=args.vote_timeout)
            except (TimeoutError, ConnectionError):
                continue
            if reply.get("type") == "ack":
                outcome["acknowledged"] += 1
                ack_latencies.append(lat)
                by_server[c.server].append(lat)
                by_second.setdefault(int(at), []).append(lat)
            else:
                outcome[f"error:{reply.get('code')}"] += 1
            return
        outcome["no_reply"] += 1

    by_server: list[list[float]] = [[] for _ in bench.urls]
    by_second: dict[int, list[float]] = {}  # by the second of the window it was sent
    control.send({"cmd": "profile", "phase": "votes", "on": True})
    t0 = now()
    await asyncio.gather(*(vote(c, random.uniform(0, args.vote_window)) for c in parts))
    control.send({"cmd": "profile", "phase": "votes", "on": False})
    res["votes"] = {
        "sent": len(parts),
        "window_s": args.vote_window,
        "seconds": now() - t0,
        "outcome": dict(outcome),
        "acknowledged": outcome["acknowledged"],
        "ack_latency": percentiles(ack_latencies),
        "ack_latency_by_server": [percentiles(samples) for samples in by_server],
        "ack_p95_by_second": {
            second: percentiles(samples)["p95"]
            for second, samples in sorted(by_second.items())
        },
    }
    await mod.request({"type": "poll.close", "poll_id": poll_id}, timeout=10)


async def reconnect_storm(
    bench: Bench, control: Control, mods: list[Conn], parts: list[Conn], qid, res
):
    """Restart the server; every client reconnects with token + last_seq and must
    resume without a gap. Events are made just before the restart and while the
    clients come back, so replay and live delivery overlap."""
    mod = mods[0]
    for k in range(3):
        try:
            await mod.request(await moderator_action(mod, 10_000 + k, qid), 5)
        except (TimeoutError, ConnectionError):
            bench.errors["reconnect:no_ack"] += 1
    conns = mods + parts
    gaps0 = sum(c.gaps for c in conns)
    dups0 = sum(c.dups for c in conns)
    snaps0 = sum(c.snapshots for c in conns)
    syncs0 = sum(c.syncs for c in conns)
    for c in conns:
        c.resumed_at = None
        c.reconnects = 0
    control.send({"cmd": "restart"})
    info = await control.receive(timeout=120)
    bench.server_pids = info["pids"]
    t_down, t_up = info["down"], info["up"]
    # While the audience comes back, the moderator goes on at 2 events/s.
    await asyncio.wait_for(mod.ready.wait(), 30)
    for k in range(4):
        try:
            await mod.request(await moderator_action(mod, 20_000 + k, qid), 5)
        except (TimeoutError, ConnectionError):
            bench.errors["reconnect:no_ack"] += 1
        await asyncio.sleep(0.5)
    final = mod.last_seq or 0
    ok = await wait_all(
        conns,
        lambda c: c.ready.is_set() and (c.last_seq or 0) >= final,
        now() + bench.args.resume_deadline,
    )
    # The orchestrator started a profiler (if asked) with the new process.
    control.send({"cmd": "profile", "phase": "reconnect", "on": False})
    resumed = [c for c in conns if c.ready.is_set() and c.resumed_at]
    stragglers = [
        {
            "idx": c.idx,
            "ready": c.ready.is_set(),
            "last_seq": c.last_seq,
            "reconnects": c.reconnects,
            "failed": c.failed,
        }
        for c in conns
        if not (c.ready.is_set() and c.resumed_at and (c.last_seq or 0) >= final)
    ][:10]
    last_resume = max((c.resumed_at for c in resumed), default=None)
    cpu = cpu_of(bench.server_pids) - info["cpu_up"]
    res["reconnect"] = {
        "clients": len(conns),
        "resumed": len(resumed),
        "all_resumed": ok,
        # From the moment the new processes listened (their start-up left out).
        "server_cpu_s": cpu,
        "server_cpu_per_resume_ms": cpu / len(conns) * 1000,
        "seconds_since_down": (last_resume - t_down) if last_resume else None,
        "seconds_since_up": (last_resume - t_up) if last_resume else None,
        "restart_seconds": t_up - t_down,
        "via_replay": sum(c.syncs for c in conns) - syncs0,
        "via_snapshot": sum(c.snapshots for c in conns) - snaps0,
        "gaps": sum(c.gaps for c in conns) - gaps0,
        "dups": sum(c.dups for c in conns) - dups0,
        "final_seq": final,
        "stragglers": stragglers,
    }


async def main(args) -> dict:
    bench = Bench(args)
    control = Control()
    await control.start()
    res: dict = {"n": args.n}
    deadline = now() + args.max_seconds
    mods = [Conn(bench, -1 - i, moderator=True) for i in range(args.moderators)]
    for m in mods:
        m.task = asyncio.create_task(m.run())
    for m in mods:
        await asyncio.wait_for(m.ready.wait(), 30)
    qid = await ensure_question(mods[0])
    res["question_id"] = qid
    # Every other server process gets one participant before the storm (not
    # counted), as the moderators warm the first: its first join opens the room
    # (database connections, channel-layer groups), which is not per connection.
    warmers = [Conn(bench, -100 - i, server=i) for i in range(1, len(bench.urls))]
    for w in warmers:
        w.task = asyncio.create_task(w.run())
        await asyncio.wait_for(w.ready.wait(), 30)

    # Join storm: N participants open their socket at random moments within the
    # join window (0: all at once).
    rss0 = rss_of(bench.server_pids)
    cpu0 = cpu_of(bench.server_pids)
    parts = [Conn(bench, i) for i in range(args.n)]
    control.send({"cmd": "profile", "phase": "join", "on": True})
    t0 = now()
    with bench.client_cpu_in("join"):
        for c in parts:
            c.task = asyncio.create_task(c.run(random.uniform(0, args.join_window)))
        joined = await wait_all(
            parts, lambda c: c.ready.is_set(), t0 + args.join_deadline
        )
    cpu1 = cpu_of(bench.server_pids)
    t_join = max((c.joined_at for c in parts if c.joined_at), default=t0) - t0
    join_lat = [c.joined_at - t0 for c in parts if c.joined_at]
    failed = [c for c in parts if not c.ready.is_set()]
    # Whoever did not get in by the deadline stops trying: the other phases run
    # with the participants that joined.
    control.send({"cmd": "profile", "phase": "join", "on": False})
    await asyncio.gather(*(c.close() for c in failed), return_exceptions=True)
    parts = [c for c in parts if c.ready.is_set()]
    await asyncio.sleep(1.0)
    rss1 = rss_of(bench.server_pids)
    res["join"] = {
        "n": args.n,
        "window_s": args.join_window,
        "joined": len(parts),
        "failures": len(failed),
        "all_joined": joined,
        "seconds": t_join,
        "time_to_join": percentiles(join_lat),
        # Per participant: first attempt to snapshot, retries included.
        "join_latency": percentiles(
            [c.joined_at - c.started_at for c in parts if c.started_at]
        ),
        "reconnects_during_join": bench.reconnects,
        "server_cpu_s": cpu1 - cpu0,
        "server_cpu_per_join_ms": (cpu1 - cpu0) / args.n * 1000,
        "connect_errors": {k: v for k, v in bench.errors.items() if "connect" in k},
        "rss_before": rss0,
        "rss_after": rss1,
        "rss_per_conn": (rss1 - rss0) / max(1, len(parts)),
    }
    log(f"[{args.label} N={args.n}] join: {len(parts)} in {t_join:.2f}s")

    phases = [
        ("fanout", lambda: fanout(bench, control, mods, parts, qid, res)),
        ("votes", lambda: vote_storm(bench, control, mods, parts, res)),
        ("reconnect", lambda: reconnect_storm(bench, control, mods, parts, qid, res)),
    ]
    skip = {"votes": args.skip_votes, "reconnect": args.skip_reconnect}
    for name, phase in phases:
        if skip.get(name) or now() > deadline or not parts:
            continue
        try:
            with bench.client_cpu_in(name):
                await phase()
        except Exception as exc:  # one failed phase does not hide the others
            res[name] = {"error": f"{type(exc).__name__}: {exc}"}
            bench.phase = "idle"
        log(f"[{args.label} N={args.n}] {name}: {res.get(name)}")
    res["errors"] = dict(bench.errors)
    res["client_cpu"] = bench.client_cpu
    res["counts_frames"] = bench.counts_frames
    res["reconnects"] = bench.reconnects
    res["slow_closes"] = bench.slow_closes
    everyone = mods + warmers + parts
    await asyncio.gather(*(c.close() for c in everyone), return_exceptions=True)
    return res


def parse(argv=None):
    p = argparse.ArgumentParser(description="benchmark client (run by run.py)")
    p.add_argument("--url", required=True, help="one URL, or several (a comma list)")
    p.add_argument("--origin", required=True)
    p.add_argument("--cookie", default="sessionid=bench-moderator")
    p.add_argument("--server-pid", required=True, help="one pid, or a comma list")
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--label", default="")
    p.add_argument("--moderators", type=int, default=2)
    p.add_argument("--events", type=int, default=40)
    p.add_argument("--rate", type=float, default=2.0)
    p.add_argument("--drain", type=float, default=10.0)
    p.add_argument("--join-window", type=float, default=5.0)
    p.add_argument("--join-deadline", type=float, default=30.0)
    p.add_argument("--vote-window", type=float, default=10.0)
    p.add_argument("--vote-timeout", type=float, default=15.0)
    p.add_argument("--resume-deadline", type=float, default=30.0)
    p.add_argument("--max-seconds", type=float, default=240.0)
    p.add_argument("--skip-votes", action="store_true")
    p.add_argument("--skip-reconnect", action="store_true")
    p.add_argument("--core", type=int, default=None)
    return p.parse_args(argv)


def entry(argv=None) -> None:
    args = parse(argv)
    if args.core is not None and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {args.core})
    try:
        import uvloop
    except ImportError:  # the benchmark still runs, a little slower
        uvloop = None
    runner = uvloop.run if uvloop else asyncio.run
    result = runner(asyncio.wait_for(main(args), args.max_seconds + 60))
    sys.stdout.write(json.dumps({"result": result}) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    entry()
