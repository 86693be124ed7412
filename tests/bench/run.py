"""Benchmark of live sessions (issue 8 and "Live sessions beyond one process"): the
reference and Inspraak, side by side.

    .venv/bin/python -m tests.bench.run --runs 2000x1,5000x2

For each run (N participants, P daphne processes) it starts, on loopback only, (a)
the bare `websockets` reference server (tests/bench/reference_server.py, always one
process) and (b) Inspraak under P daphne processes on P ports, sharing PostgreSQL
(database `inspraak_bench`, migrated here) and the Redis channel layer; it drives
each with the same client process (tests/bench/client.py), which spreads the
participants round-robin over the ports (the moderators on the first), through a
join storm, a fan-out at 2 events/s, a vote storm and a reconnect storm (every
server process restarted). It prints one table with the reference and the goal
beside every figure and writes it to var/bench/live-<timestamp>.md (and the raw
figures to .json). See docs/live-scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import secrets
import subprocess
import threading
from datetime import datetime
from pathlib import Path

from .procstat import cpu_seconds
from .servers import (
    DAPHNE,
    PYTHON,
    ROOT,
    Server,
    Servers,
    django_env,
    log,
    now,
    raise_open_files,
    start_profiler,
    stop_profiler,
)
from .table import Run, parse_runs, table

__all__ = ["Server", "django_env", "main"]  # tests/bench/pages.py uses these


def cores(args, run: Run) -> tuple[list[int | None], int | None]:
    """Pinning (os.sched_setaffinity) of the server processes and of the client.

    One process: the server on --server-core, the client on --client-core (0 and
    1), so that neither takes the other's core. Two processes on two cores: each
    daphne gets a core of its own and the client is not pinned: it runs wherever
    a core is free, as PostgreSQL and Redis do (pinned to one core it would share
    it with one server only, and leave that server less than the other)."""
    if args.server_core is None:
        return [None] * run.processes, None
    if run.processes == 1:
        return [args.server_core], args.client_core
    count = os.cpu_count() or 1
    return [(args.server_core + i) % count for i in range(run.processes)], None


def setup_call(args, *cmd: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-m", "tests.bench.inspraak_setup", *cmd],
        cwd=ROOT,
        env=django_env(args),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(
            f"inspraak_setup {' '.join(cmd)} failed:\n{out.stderr[-3000:]}"
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


class Profiles:
    """py-spy on every server process, one phase at a time (--profile)."""

    def __init__(self, args, name: str):
        self.args, self.name = args, name
        self.running: list = []

    def start(self, phase: str, pids: list[int]) -> None:
        self.stop()
        for i, pid in enumerate(pids):
            out = self.args.out / f"profile-{self.name}-{phase}-p{i}.txt"
            profiler = start_profiler(pid, out, self.args.profile_rate)
            if profiler:
                self.running.append(profiler)

    def stop(self) -> None:
        while self.running:
            stop_profiler(self.running.pop())


def run_client(
    args, label: str, run: Run, servers: Servers, urls: list[str], cookie: str,
    client_core, profiles: Profiles | None = None,
) -> dict:  # fmt: skip
    """Start the client process, restart the servers when it asks, return its result."""
    cmd = [
        PYTHON,
        "-m",
        "tests.bench.client",
        f"--url={','.join(urls)}",
        f"--origin=http://127.0.0.1:{servers.servers[0].port}",
        f"--cookie={cookie}",
        f"--server-pid={','.join(str(pid) for pid in servers.pids)}",
        f"--n={run.n}",
        f"--label={label}",
        f"--events={args.events}",
        f"--rate={args.rate}",
        f"--moderators={args.moderators}",
        f"--vote-window={args.vote_window}",
        f"--join-window={args.join_window}",
        f"--join-deadline={args.join_deadline}",
        f"--max-seconds={args.client_seconds}",
    ]
    if client_core is not None:
        cmd.append(f"--core={client_core}")
    if args.skip_reconnect:
        cmd.append("--skip-reconnect")
    if args.skip_votes:
        cmd.append("--skip-votes")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in proc.stdout] + [lines.put(None)],
        daemon=True,
    ).start()
    deadline = now() + args.client_seconds + 180
    result = None
    try:
        while now() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                break
            msg = json.loads(line)
            if msg.get("cmd") == "restart":
                down = now()
                servers.stop()
                stopped = now()
                up = servers.start()
                log(
                    f"{label}: {len(servers.pids)} server(s) stopped in "
                    f"{stopped - down:.2f} s, listening {up - stopped:.2f} s later"
                )
                if profiles:  # the reconnect storm, from the new processes' start
                    profiles.start("reconnect", servers.pids)
                cpu_up = sum(cpu_seconds(pid) for pid in servers.pids)
                reply = {"pids": servers.pids, "down": down, "up": up, "cpu_up": cpu_up}
                proc.stdin.write(json.dumps(reply) + "\n")
                proc.stdin.flush()
            elif msg.get("cmd") == "profile" and profiles:
                if msg.get("on"):
                    profiles.start(msg["phase"], servers.pids)
                else:
                    profiles.stop()
            elif "result" in msg:
                result = msg["result"]
    finally:
        if profiles:
            profiles.stop()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    if result is None:
        raise RuntimeError(
            f"{label} client ended without a result (exit {proc.returncode})"
        )
    return result


def run_reference(args, run: Run, stamp: str) -> dict:
    state = ROOT / "var" / "bench" / f"ref-{stamp}-{run.key}.jsonl"
    server_cores, client_core = cores(args, run)
    server = Server(
        "reference",
        [
            PYTHON,
            "-m",
            "tests.bench.reference_server",
            f"--port={args.ref_port}",
            f"--state={state}",
        ],
        dict(os.environ),
        args.ref_port,
        server_cores[0],
        ROOT / "var" / "bench" / f"ref-{stamp}.log",
    )
    servers = Servers([server])
    servers.start()
    try:
        res = run_client(
            args,
            "reference",
            run,
            servers,
            [f"ws://127.0.0.1:{args.ref_port}/ws/live/BENCH2/"],
            "sessionid=bench-moderator",
            client_core,
        )
    finally:
        servers.stop()
    if "poll_id" in res:
        from .reference_server import count_votes

        res["stored_votes"] = count_votes(state, res["poll_id"])
    state.unlink(missing_ok=True)
    return res


def daphne_cmd(args, port: int) -> list[str]:
    endpoint = f"tcp:port={port}:interface=127.0.0.1"
    if args.backlog:
        endpoint += f":backlog={args.backlog}"
    if args.server_loop == "uvloop":
        daphne = [PYTHON, "-m", "tests.bench.daphne_uvloop"]
    else:
        daphne = [DAPHNE]
    # -v 0: no access-log line per connection (a join storm wrote thousands);
    # --application-close-timeout: a restart waits 2 s, not daphne's 10 s, for
    # the consumers of the old process (docs/live-scale.md, "In production").
    return [
        *daphne,
        "-v",
        "0",
        "--application-close-timeout",
        str(args.application_close_timeout),
        "-e",
        endpoint,
        "inspraak.asgi:application",
    ]


def run_inspraak(args, run: Run, stamp: str) -> dict:
    session = setup_call(args, "create", f"--title=Benchmark {run.key} {stamp}")
    server_cores, client_core = cores(args, run)
    ports = [args.inspraak_port + i for i in range(run.processes)]
    servers = Servers(
        [
            Server(
                f"inspraak {i}",
                daphne_cmd(args, port),
                django_env(args),
                port,
                server_cores[i],
                ROOT / "var" / "bench" / f"daphne-{stamp}-{i}.log",
            )
            for i, port in enumerate(ports)
        ]
    )
    servers.start()
    try:
        res = run_client(
            args,
            "inspraak",
            run,
            servers,
            [f"ws://127.0.0.1:{port}/ws/live/{session['code']}/" for port in ports],
            session["cookie"],
            client_core,
            Profiles(args, f"{stamp}-{run.key}") if run.n in args.profile else None,
        )
    finally:
        servers.stop()
    res["session"] = session
    if "poll_id" in res:
        res["stored_votes"] = setup_call(
            args,
            "count-votes",
            f"--code={session['code']}",
            f"--poll-id={res['poll_id']}",
        )["votes"]
    return res


def describe(args, runs: list[Run], load: str) -> str:
    placements = []
    for run in runs:
        server_cores, client_core = cores(args, run)
        where = ", ".join(
            f"daphne {i} on core {core}" for i, core in enumerate(server_cores)
        )
        client = "not pinned" if client_core is None else f"on core {client_core}"
        placements.append(f"{run.label}: {where}, client {client}")
    return (
        f"Runs: {'; '.join(placements)}. Joins spread over {args.join_window} s; "
        f"{args.events} fan-out events at {args.rate}/s; votes spread over "
        f"{args.vote_window} s; daphne backlog {args.backlog or 50}, loop "
        f"{args.server_loop}, -v 0, --application-close-timeout "
        f"{args.application_close_timeout}. {os.cpu_count()} cores; load average "
        f"before the run: {load}.\n"
        "Each row: Inspraak (✓/✗ against the goal), and the reference in the same "
        "run (always one process, on daphne 0's core, the client pinned as for "
        "Inspraak).\n\n"
    )


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--runs",
        default="",
        help="runs as N x processes, e.g. 2000x1,5000x2 (default: --sizes, 1 process)",
    )
    p.add_argument("--sizes", default="250,1000,2000")
    p.add_argument("--processes", type=int, default=1, help="with --sizes")
    p.add_argument("--targets", default="reference,inspraak")
    p.add_argument("--events", type=int, default=40, help="fan-out events per run")
    p.add_argument("--rate", type=float, default=2.0, help="fan-out events per second")
    p.add_argument(
        "--moderators",
        type=int,
        default=2,
        help="moderator sockets sharing the fan-out actions (each under the "
        "per-connection rate limit of 20 messages in 10 s)",
    )
    p.add_argument(
        "--join-window",
        type=float,
        default=5.0,
        help="the N joins start at random moments within this many seconds (0: at once)",
    )
    p.add_argument(
        "--join-deadline",
        type=float,
        default=30.0,
        help="a participant not joined this many seconds after the storm began failed",
    )
    p.add_argument("--vote-window", type=float, default=10.0)
    p.add_argument("--client-seconds", type=float, default=300.0)
    p.add_argument("--skip-votes", action="store_true")
    p.add_argument("--skip-reconnect", action="store_true")
    p.add_argument(
        "--server-loop",
        choices=["asyncio", "uvloop"],
        default="asyncio",
        help="event loop under daphne's Twisted reactor (uvloop: an experiment)",
    )
    p.add_argument(
        "--profile",
        default="",
        help="sizes whose Inspraak phases are sampled with py-spy, e.g. 1000",
    )
    p.add_argument("--profile-rate", type=int, default=100, help="py-spy samples/s")
    p.add_argument("--ref-port", type=int, default=18765)
    p.add_argument(
        "--inspraak-port",
        type=int,
        default=18766,
        help="the first daphne's port; a second one listens on the next",
    )
    p.add_argument(
        "--application-close-timeout",
        type=int,
        default=2,
        help="daphne's --application-close-timeout (daphne's default: 10 s)",
    )
    p.add_argument(
        "--backlog",
        type=int,
        default=1024,
        help="daphne's listen backlog, as recommended for production (0: Twisted's "
        "default of 50, which drops connections in a storm of thousands)",
    )
    p.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/inspraak_bench"
    )
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    p.add_argument(
        "--reuse-database",
        action="store_true",
        help="migrate the benchmark's database instead of making it afresh",
    )
    p.add_argument("--server-core", type=int, default=0)
    p.add_argument("--client-core", type=int, default=1)
    p.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    args = p.parse_args(argv)
    args.secret_key = secrets.token_urlsafe(64)
    runs = parse_runs(args.runs) or [
        Run(int(s), args.processes) for s in args.sizes.split(",") if s.strip()
    ]
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    args.profile = {int(s) for s in args.profile.split(",") if s.strip()}
    if (os.cpu_count() or 1) < 2:
        args.server_core = args.client_core = None
    args.out.mkdir(parents=True, exist_ok=True)
    largest = max(run.n for run in runs)
    fds = raise_open_files(largest * 2 + 1024)
    if fds < largest + 200:
        log(f"open-files limit {fds} is too low for {largest} sockets")
        return 2
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    if "inspraak" in targets:
        log("preparing Inspraak: database, migrations, Redis")
        setup_call(args, "prepare", *(["--reuse"] if args.reuse_database else []))
    results: dict = {}
    for run in runs:
        for target in targets:
            log(f"{target}: {run.label}")
            try:
                runner = run_reference if target == "reference" else run_inspraak
                results[(target, run)] = runner(args, run, stamp)
            except Exception as exc:  # report the run as failed, go on with the next
                log(f"{target} {run.label} failed: {exc}")
                results[(target, run)] = {"n": run.n, "error": str(exc)}
    errors = "".join(
        f"\n- {t} {run.label}: {r['error']}"
        for (t, run), r in results.items()
        if "error" in r
    ) + "".join(
        f"\n- {t} {run.label}, {phase}: {r[phase]['error']}"
        for (t, run), r in results.items()
        for phase in ("fanout", "votes", "reconnect")
        if isinstance(r.get(phase), dict) and "error" in r[phase]
    )
    text = (
        f"# Live sessions benchmark, {stamp}\n\n"
        + describe(args, runs, load)
        + table(results, runs)
        + ("\n\nFailed runs:" + errors if errors else "")
        + "\n"
    )
    (args.out / f"live-{stamp}.md").write_text(text, encoding="utf-8")
    (args.out / f"live-{stamp}.json").write_text(
        json.dumps({f"{t}:{run.key}": r for (t, run), r in results.items()}, indent=2),
        encoding="utf-8",
    )
    print(text)
    log(f"written to {args.out / f'live-{stamp}.md'} and .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
