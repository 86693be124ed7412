"""Benchmark of live sessions (issue 8): the reference and Inspraak, side by side.

    .venv/bin/python -m tests.bench.run --sizes 250,1000,2000

For each size N it starts, on loopback only, (a) the bare `websockets` reference
server (tests/bench/reference_server.py) and (b) Inspraak under one daphne process
with PostgreSQL (database `inspraak_bench`, migrated here) and the Redis channel
layer; it drives each with the same client process (tests/bench/client.py), pinned to
another core than the server, through a join storm, a fan-out at 2 events/s, a vote
storm and a reconnect storm (the server restarted). It prints a table with the goals
of issue 8 beside each figure and writes it to var/bench/live-<timestamp>.md (and the
raw figures to .json). See docs/live-scale.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import resource
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DAPHNE = str(Path(PYTHON).with_name("daphne"))
now = time.monotonic


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def raise_open_files(wanted: int) -> int:
    """2,000 sockets need more than the usual 1,024 descriptors (children inherit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def pin(core: int | None):
    def _pin():
        if core is not None and hasattr(os, "sched_setaffinity"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {core})

    return _pin


def wait_port(port: int, deadline: float) -> bool:
    while now() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Server:
    """One server process (reference or daphne), restartable, always stopped."""

    def __init__(self, name: str, cmd: list[str], env: dict, port: int, core, log_path):
        self.name, self.cmd, self.env, self.port = name, cmd, env, port
        self.core = core
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> float:
        if wait_port(self.port, now() + 0.2):  # someone else's server: never measure it
            raise RuntimeError(f"port {self.port} is already in use (choose another)")
        logfile = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            self.cmd,
            cwd=ROOT,
            env=self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=pin(self.core),
        )
        logfile.close()
        if not wait_port(self.port, now() + timeout):
            self.stop()
            raise RuntimeError(
                f"{self.name} did not listen on {self.port}; see {self.log_path}"
            )
        return now()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def django_env(args) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "inspraak.settings",
            "DEBUG": "false",
            "SECRET_KEY": args.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": "dummymail://",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
            "SECURE_SSL_REDIRECT": "false",
            "PYTHONUNBUFFERED": "1",
            # Every simulated participant connects from 127.0.0.1.
            "LIVE_NEW_PARTICIPANTS_PER_ADDRESS": "1000000",
            "LIVE_QUESTIONS_PER_ADDRESS": "1000000",
        }
    )
    return env


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


def start_profiler(pid: int, out: Path) -> subprocess.Popen | None:
    """py-spy (when installed) samples the server during the fan-out phase."""
    pyspy = Path(PYTHON).with_name("py-spy")
    if not pyspy.exists():
        log("--profile: py-spy is not installed (.venv/bin/pip install py-spy)")
        return None
    return subprocess.Popen(
        [
            str(pyspy),
            "record",
            "--pid",
            str(pid),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(out),
            "--nonblocking",
            "--threads",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_profiler(proc: subprocess.Popen, out: Path) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    if out.exists():
        summary = out.with_suffix(".top.txt")
        summary.write_text(summarise_profile(out), encoding="utf-8")
        log(f"profile: {out} (collapsed stacks), summary {summary}")


def summarise_profile(path: Path, top: int = 40) -> str:
    """Self and inclusive sample shares per function from py-spy's raw output."""
    own: dict[str, int] = {}
    incl: dict[str, int] = {}
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        own[frames[-1]] = own.get(frames[-1], 0) + n
        for frame in set(frames):
            incl[frame] = incl.get(frame, 0) + n
    out = [f"{total} samples", "", "self %   function"]
    for frame, n in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"{100 * n / total:6.1f}   {frame}")
    out += ["", "inclusive %   function"]
    for frame, n in sorted(incl.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"{100 * n / total:6.1f}   {frame}")
    return "\n".join(out) + "\n"


def run_client(
    args, label: str, n: int, server: Server, url: str, cookie: str, profile_to=None
) -> dict:
    """Start the client process, restart the server when it asks, return its result."""
    profiler = None
    cmd = [
        PYTHON,
        "-m",
        "tests.bench.client",
        f"--url={url}",
        f"--origin=http://127.0.0.1:{server.port}",
        f"--cookie={cookie}",
        f"--server-pid={server.pid}",
        f"--n={n}",
        f"--label={label}",
        f"--events={args.events}",
        f"--rate={args.rate}",
        f"--moderators={args.moderators}",
        f"--vote-window={args.vote_window}",
        f"--join-window={args.join_window}",
        f"--join-deadline={args.join_deadline}",
        f"--max-seconds={args.client_seconds}",
    ]
    if args.client_core is not None:
        cmd.append(f"--core={args.client_core}")
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
                server.stop()
                up = server.start()
                log(f"{label}: server restarted in {up - down:.2f}s")
                proc.stdin.write(
                    json.dumps({"pid": server.pid, "down": down, "up": up}) + "\n"
                )
                proc.stdin.flush()
            elif msg.get("cmd") == "fanout-start" and profile_to:
                profiler = start_profiler(server.pid, profile_to)
            elif msg.get("cmd") == "fanout-end" and profiler:
                stop_profiler(profiler, profile_to)
                profiler = None
            elif "result" in msg:
                result = msg["result"]
    finally:
        if profiler:
            stop_profiler(profiler, profile_to)
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


def run_reference(args, n: int, stamp: str) -> dict:
    state = ROOT / "var" / "bench" / f"ref-{stamp}-{n}.jsonl"
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
        args.server_core,
        ROOT / "var" / "bench" / f"ref-{stamp}.log",
    )
    server.start()
    try:
        res = run_client(
            args,
            "reference",
            n,
            server,
            f"ws://127.0.0.1:{args.ref_port}/ws/live/BENCH2/",
            "sessionid=bench-moderator",
        )
    finally:
        server.stop()
    if "poll_id" in res:
        from .reference_server import count_votes

        res["stored_votes"] = count_votes(state, res["poll_id"])
    state.unlink(missing_ok=True)
    return res


def daphne_cmd(args) -> list[str]:
    endpoint = f"tcp:port={args.inspraak_port}:interface=127.0.0.1"
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


def run_inspraak(args, n: int, stamp: str) -> dict:
    session = setup_call(args, "create", f"--title=Benchmark N={n} {stamp}")
    server = Server(
        "inspraak",
        daphne_cmd(args),
        django_env(args),
        args.inspraak_port,
        args.server_core,
        ROOT / "var" / "bench" / f"daphne-{stamp}.log",
    )
    server.start()
    try:
        res = run_client(
            args,
            "inspraak",
            n,
            server,
            f"ws://127.0.0.1:{args.inspraak_port}/ws/live/{session['code']}/",
            session["cookie"],
            profile_to=(args.out / f"profile-{stamp}-{n}.txt")
            if n in args.profile
            else None,
        )
    finally:
        server.stop()
    res["session"] = session
    if "poll_id" in res:
        res["stored_votes"] = setup_call(
            args,
            "count-votes",
            f"--code={session['code']}",
            f"--poll-id={res['poll_id']}",
        )["votes"]
    return res


# -- the table ---------------------------------------------------------------


def fmt_ms(v):
    return "–" if v is None else f"{v * 1000:.0f} ms"


def dig(res, *path):
    for key in path:
        if not isinstance(res, dict) or key not in res:
            return None
        res = res[key]
    return res


def measures():
    """(label, goal text, value(res), pretty(value), meets(value, res, ref))."""

    def lat(p):
        return lambda r: dig(r, "fanout", "latency", p)

    def le(limit):
        return lambda v, r, ref: None if v is None else v <= limit

    def zero(v, r, ref):
        return None if v is None else v == 0

    def lost(r):
        if dig(r, "votes") is None:
            return None
        return r["votes"]["sent"] - (r.get("stored_votes") or 0)

    def ratio(r, ref):
        a, b = dig(r, "fanout", "cpu_per_msg_us"), dig(ref, "fanout", "cpu_per_msg_us")
        return a / b if a and b else None

    return [
        ("join storm: failures", "0", lambda r: dig(r, "join", "failures"), str, zero),
        (
            "join storm: time to all joined",
            "≤ 10 s",
            lambda r: dig(r, "join", "seconds"),
            lambda v: f"{v:.2f} s",
            le(10),
        ),
        (
            "join storm: p99 join latency (first try to snapshot)",
            "–",
            lambda r: dig(r, "join", "join_latency", "p99"),
            fmt_ms,
            lambda v, r, ref: None,
        ),
        ("fan-out p50", "–", lat("p50"), fmt_ms, lambda v, r, ref: None),
        ("fan-out p95", "–", lat("p95"), fmt_ms, lambda v, r, ref: None),
        ("fan-out p99", "≤ 250 ms", lat("p99"), fmt_ms, le(0.25)),
        ("fan-out max", "–", lat("max"), fmt_ms, lambda v, r, ref: None),
        (
            "delivered / expected",
            "all",
            lambda r: (dig(r, "fanout", "delivered"), dig(r, "fanout", "expected")),
            lambda v: f"{v[0]}/{v[1]}",
            lambda v, r, ref: None if v[0] is None else v[0] == v[1],
        ),
        (
            "sequence gaps / duplicates",
            "0 / 0",
            lambda r: (dig(r, "fanout", "gaps"), dig(r, "fanout", "dups")),
            lambda v: f"{v[0]} / {v[1]}",
            lambda v, r, ref: None if v[0] is None else v == (0, 0),
        ),
        (
            "server CPU per delivered message",
            "–",
            lambda r: dig(r, "fanout", "cpu_per_msg_us"),
            lambda v: f"{v:.1f} µs",
            lambda v, r, ref: None,
        ),
        (
            "CPU per message vs reference",
            "≤ 5×",
            None,
            lambda v: f"{v:.1f}×",
            lambda v, r, ref: None if v is None else v <= 5,
        ),
        (
            "server memory per connection",
            "≤ 64 KiB",
            lambda r: dig(r, "join", "rss_per_conn"),
            lambda v: f"{v / 1024:.1f} KiB",
            le(64 * 1024),
        ),
        (
            "vote storm: acknowledged / stored (of sent)",
            "all sent",
            lambda r: (
                dig(r, "votes", "acknowledged"),
                r.get("stored_votes"),
                dig(r, "votes", "sent"),
            ),
            lambda v: f"{v[0]} / {v[1]} of {v[2]}",
            lambda v, r, ref: None if v[0] is None else v[0] == v[1] == v[2],
        ),
        ("vote storm: lost", "0", lost, str, zero),
        (
            "vote storm: ack p99",
            "≤ 300 ms",
            lambda r: dig(r, "votes", "ack_latency", "p99"),
            fmt_ms,
            le(0.3),
        ),
        (
            "reconnect: resumed / clients",
            "all",
            lambda r: (dig(r, "reconnect", "resumed"), dig(r, "reconnect", "clients")),
            lambda v: f"{v[0]}/{v[1]}",
            lambda v, r, ref: None if v[0] is None else v[0] == v[1],
        ),
        (
            "reconnect: all resumed, after server up",
            "≤ 5 s",
            lambda r: dig(r, "reconnect", "seconds_since_up"),
            lambda v: f"{v:.2f} s",
            le(5),
        ),
        (
            "reconnect: after server down (incl. restart)",
            "–",
            lambda r: dig(r, "reconnect", "seconds_since_down"),
            lambda v: f"{v:.2f} s",
            lambda v, r, ref: None,
        ),
        (
            "reconnect: gaps / duplicates",
            "0 / 0",
            lambda r: (dig(r, "reconnect", "gaps"), dig(r, "reconnect", "dups")),
            lambda v: f"{v[0]} / {v[1]}",
            lambda v, r, ref: None if v[0] is None else v == (0, 0),
        ),
    ], ratio


def cell(value_fn, pretty, res):
    if res is None or "error" in res:
        return "–"
    try:
        v = value_fn(res)
        if v is None or (isinstance(v, tuple) and v[0] is None):
            return "–"
        return pretty(v)
    except (TypeError, ValueError, KeyError):
        return "–"


def table(results: dict, sizes: list[int], targets: list[str]) -> str:
    rows, ratio = measures()
    head = "| measure | goal | " + " | ".join(f"N = {n:,}" for n in sizes) + " |"
    lines = [head, "|" + " --- |" * (2 + len(sizes))]
    for label, goal, value_fn, pretty, meets in rows:
        cells = []
        for n in sizes:
            insp = results.get(("inspraak", n))
            ref = results.get(("reference", n))
            if value_fn is None:  # the ratio
                v = ratio(insp, ref) if insp and ref else None
                mark = "" if v is None else (" ✓" if meets(v, insp, ref) else " ✗")
                cells.append("–" if v is None else pretty(v) + mark)
                continue
            parts = []
            if "inspraak" in targets:
                text = cell(value_fn, pretty, insp)
                if text != "–" and insp and "error" not in insp:
                    ok = meets(value_fn(insp), insp, ref)
                    text += "" if ok is None else (" ✓" if ok else " ✗")
                parts.append(text)
            if "reference" in targets:
                parts.append(f"(ref {cell(value_fn, pretty, ref)})")
            cells.append(" ".join(parts))
        lines.append(f"| {label} | {goal} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="250,1000,2000")
    p.add_argument("--targets", default="reference,inspraak")
    p.add_argument("--events", type=int, default=40, help="fan-out events per size")
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
        help="sizes whose Inspraak fan-out is sampled with py-spy, e.g. 1000",
    )
    p.add_argument("--ref-port", type=int, default=18765)
    p.add_argument("--inspraak-port", type=int, default=18766)
    p.add_argument(
        "--application-close-timeout",
        type=int,
        default=2,
        help="daphne's --application-close-timeout (daphne's default: 10 s)",
    )
    p.add_argument(
        "--backlog",
        type=int,
        default=0,
        help="daphne listen backlog (0: Twisted's default of 50)",
    )
    p.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/inspraak_bench"
    )
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    p.add_argument("--server-core", type=int, default=0)
    p.add_argument("--client-core", type=int, default=1)
    p.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    args = p.parse_args(argv)
    args.secret_key = secrets.token_urlsafe(64)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    args.profile = {int(s) for s in args.profile.split(",") if s.strip()}
    if (os.cpu_count() or 1) < 2:
        args.server_core = args.client_core = None
    args.out.mkdir(parents=True, exist_ok=True)
    fds = raise_open_files(max(sizes) * 2 + 1024)
    if fds < max(sizes) + 200:
        log(f"open-files limit {fds} is too low for {max(sizes)} sockets")
        return 2
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if "inspraak" in targets:
        log("preparing Inspraak: database, migrations, Redis")
        setup_call(args, "prepare")
    results: dict = {}
    for n in sizes:
        for target in targets:
            log(f"{target}: N={n}")
            try:
                runner = run_reference if target == "reference" else run_inspraak
                results[(target, n)] = runner(args, n, stamp)
            except Exception as exc:  # report the size as failed, go on with the next
                log(f"{target} N={n} failed: {exc}")
                results[(target, n)] = {"n": n, "error": str(exc)}
    md = table(results, sizes, targets)
    header = (
        f"# Live sessions benchmark, {stamp}\n\n"
        f"Sizes {sizes}; joins spread over {args.join_window} s; "
        f"{args.events} fan-out events at {args.rate}/s; "
        f"votes spread over {args.vote_window} s; server on core {args.server_core}, "
        f"client on core {args.client_core}; daphne backlog {args.backlog or 50}, "
        f"loop {args.server_loop}, -v 0, --application-close-timeout "
        f"{args.application_close_timeout}.\n"
        f"Each cell: Inspraak (reference); ✓/✗ against the goal of issue 8.\n\n"
    )
    errors = "".join(
        f"\n- {t} N={n}: {r['error']}" for (t, n), r in results.items() if "error" in r
    ) + "".join(
        f"\n- {t} N={n}, {phase}: {r[phase]['error']}"
        for (t, n), r in results.items()
        for phase in ("fanout", "votes", "reconnect")
        if isinstance(r.get(phase), dict) and "error" in r[phase]
    )
    text = header + md + ("\n\nFailed runs:" + errors if errors else "") + "\n"
    (args.out / f"live-{stamp}.md").write_text(text, encoding="utf-8")
    (args.out / f"live-{stamp}.json").write_text(
        json.dumps({f"{t}:{n}": r for (t, n), r in results.items()}, indent=2),
        encoding="utf-8",
    )
    print(text)
    log(f"written to {args.out / f'live-{stamp}.md'} and .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
