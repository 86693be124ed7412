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
import json
import os
import random
import sys

from .conns import Bench, Conn, cpu_of, log, now, percentiles, rss_of, wait_all
from .phases import ensure_question, fanout, reconnect_storm, vote_storm


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
