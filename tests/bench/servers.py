"""The processes a benchmark starts and always stops: servers (one, or a group that
restarts together), their environment, and py-spy profiles of them."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DAPHNE = str(Path(PYTHON).with_name("daphne"))
now = time.monotonic


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def raise_open_files(wanted: int) -> int:
    """Thousands of sockets need more than the usual 1,024 descriptors (children
    inherit the limit)."""
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
        self.spawn()
        return self.listening(now() + timeout)

    def spawn(self) -> None:
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

    def listening(self, deadline: float) -> float:
        """Wait until the process accepts connections; the moment it did."""
        if not wait_port(self.port, deadline):
            self.stop()
            raise RuntimeError(
                f"{self.name} did not listen on {self.port}; see {self.log_path}"
            )
        return now()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


class Servers:
    """Processes of one server that start, stop and restart together (several
    daphne processes sharing Redis and PostgreSQL, or one)."""

    def __init__(self, servers: list[Server]):
        self.servers = servers

    @property
    def pids(self) -> list[int]:
        return [server.pid for server in self.servers]

    def start(self, timeout: float = 90.0) -> float:
        """Start all at once; the moment the last one accepts connections."""
        try:
            for server in self.servers:
                server.spawn()
            deadline = now() + timeout
            return max(server.listening(deadline) for server in self.servers)
        except BaseException:
            self.stop()
            raise

    def stop(self, grace: float = 10.0) -> None:
        for server in self.servers:  # all get SIGTERM at once
            server.terminate()
        for server in self.servers:
            server.stop(grace)


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


# Profiles (py-spy) ------------------------------------------------------------------


def start_profiler(pid: int, out: Path, rate: int) -> tuple | None:
    """py-spy (when installed) samples a server process during one phase."""
    pyspy = Path(PYTHON).with_name("py-spy")
    if not pyspy.exists():
        log("--profile: py-spy is not installed (.venv/bin/pip install py-spy)")
        return None
    proc = subprocess.Popen(
        [
            str(pyspy),
            "record",
            "--pid",
            str(pid),
            "--rate",
            str(rate),
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
    return proc, out


def stop_profiler(profiler: tuple) -> None:
    proc, out = profiler
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
    """Self and inclusive sample shares per function, and per thread, from
    py-spy's raw output."""
    own: dict[str, int] = {}
    incl: dict[str, int] = {}
    threads: dict[str, int] = {}
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        own[frames[-1]] = own.get(frames[-1], 0) + n
        thread = (
            frames[0].split(":", 1)[-1].strip()
            if frames[0].startswith("thread")
            else "?"
        )
        threads[thread] = threads.get(thread, 0) + n
        for frame in set(frames):
            incl[frame] = incl.get(frame, 0) + n
    if not total:
        return "0 samples\n"
    out = [f"{total} samples", "", "thread %   thread"]
    for name, n in sorted(threads.items(), key=lambda kv: -kv[1]):
        out.append(f"{100 * n / total:6.1f}   {name}")
    out += ["", "self %   function"]
    for frame, n in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"{100 * n / total:6.1f}   {frame}")
    out += ["", "inclusive %   function"]
    for frame, n in sorted(incl.items(), key=lambda kv: -kv[1])[:top]:
        out.append(f"{100 * n / total:6.1f}   {frame}")
    return "\n".join(out) + "\n"
