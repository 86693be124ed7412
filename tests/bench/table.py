"""The benchmark's table: one row per measure and run (N, processes), with the
reference's figure and the goal beside Inspraak's (docs/live-scale.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """One configuration: N participants over this many server processes."""

    n: int
    processes: int = 1

    @property
    def label(self) -> str:
        plural = "process" if self.processes == 1 else "processes"
        return f"N = {self.n:,}, {self.processes} {plural}"

    @property
    def key(self) -> str:
        return f"{self.n}x{self.processes}"


def parse_runs(text: str) -> list[Run]:
    """`2000x1,5000x2` (or `2000`: one process)."""
    runs = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        n, _, processes = part.partition("x")
        runs.append(Run(int(n), int(processes or 1)))
    return runs


def dig(res, *path):
    """res[a][b]... through dicts and lists; None where a step is missing."""
    for key in path:
        if isinstance(res, list):
            found = isinstance(key, int) and key < len(res)
        else:
            found = isinstance(res, dict) and key in res
        if not found:
            return None
        res = res[key]
    return res


def ms(v):
    return f"{v * 1000:.0f} ms"


def seconds(v):
    return f"{v:.2f} s"


def lost(r):
    if dig(r, "votes") is None:
        return None
    return r["votes"]["sent"] - (r.get("stored_votes") or 0)


def client_share(phase):
    return lambda r: dig(r, "client_cpu", phase, "share")


def percent(v):
    return f"{v * 100:.0f} %"


def pair(a, b):
    return lambda r: (a(r), b(r))


def at_most(limit, text):
    return (text, lambda v: v <= limit)


ZERO = ("0", lambda v: v == 0)
ALL = ("all", lambda v: v[0] == v[1])
NONE_OF_EITHER = ("0 / 0", lambda v: v == (0, 0))
ALL_OF_SENT = ("all sent", lambda v: v[0] == v[1] == v[2])

# (label, value(res), pretty(value), {processes: (goal text, meets(value))}).
# A goal of issue 8 holds for one process; "Live sessions beyond one process" adds
# the join latency and the reconnect at N = 2,000 and every goal of two processes.
MEASURES = [
    ("join storm: failures", lambda r: dig(r, "join", "failures"), str,
     {1: ZERO, 2: ZERO}),
    ("join storm: time to all joined", lambda r: dig(r, "join", "seconds"), seconds,
     {1: at_most(10, "≤ 10 s"), 2: at_most(15, "≤ 15 s")}),
    ("join storm: p99 join latency (first try to snapshot)",
     lambda r: dig(r, "join", "join_latency", "p99"), ms,
     {1: at_most(0.3, "≤ 300 ms")}),
    ("server CPU per join (all processes)",
     lambda r: dig(r, "join", "server_cpu_per_join_ms"), lambda v: f"{v:.2f} ms", {}),
    ("fan-out p50", lambda r: dig(r, "fanout", "latency", "p50"), ms, {}),
    ("fan-out p99", lambda r: dig(r, "fanout", "latency", "p99"), ms,
     {1: at_most(0.25, "≤ 250 ms"), 2: at_most(0.25, "≤ 250 ms")}),
    ("fan-out p99, participants on the second process",
     lambda r: dig(r, "fanout", "latency_by_server", 1, "p99")
     if len(dig(r, "fanout", "latency_by_server") or []) > 1 else None, ms,
     {2: at_most(0.25, "≤ 250 ms")}),
    ("fan-out max", lambda r: dig(r, "fanout", "latency", "max"), ms, {}),
    ("delivered / expected",
     pair(lambda r: dig(r, "fanout", "delivered"), lambda r: dig(r, "fanout", "expected")),
     lambda v: f"{v[0]}/{v[1]}", {1: ALL, 2: ALL}),
    ("sequence gaps / duplicates",
     pair(lambda r: dig(r, "fanout", "gaps"), lambda r: dig(r, "fanout", "dups")),
     lambda v: f"{v[0]} / {v[1]}", {1: NONE_OF_EITHER, 2: NONE_OF_EITHER}),
    ("server CPU per delivered message (all processes)",
     lambda r: dig(r, "fanout", "cpu_per_msg_us"), lambda v: f"{v:.1f} µs", {}),
    ("server memory per connection (all processes)",
     lambda r: dig(r, "join", "rss_per_conn"), lambda v: f"{v / 1024:.1f} KiB",
     {1: at_most(64 * 1024, "≤ 64 KiB"), 2: at_most(40 * 1024, "≤ 40 KiB")}),
    ("vote storm: acknowledged / stored (of sent)",
     lambda r: (dig(r, "votes", "acknowledged"), r.get("stored_votes"),
                dig(r, "votes", "sent")),
     lambda v: f"{v[0]} / {v[1]} of {v[2]}", {1: ALL_OF_SENT, 2: ALL_OF_SENT}),
    ("vote storm: lost", lost, str, {1: ZERO, 2: ZERO}),
    ("vote storm: ack p99", lambda r: dig(r, "votes", "ack_latency", "p99"), ms,
     {1: at_most(0.3, "≤ 300 ms"), 2: at_most(0.3, "≤ 300 ms")}),
    ("reconnect: resumed / clients",
     pair(lambda r: dig(r, "reconnect", "resumed"),
          lambda r: dig(r, "reconnect", "clients")),
     lambda v: f"{v[0]}/{v[1]}", {1: ALL, 2: ALL}),
    ("reconnect: all resumed, after server up",
     lambda r: dig(r, "reconnect", "seconds_since_up"), seconds,
     {1: at_most(5, "≤ 5 s"), 2: at_most(10, "≤ 10 s")}),
    ("server CPU per resume (all processes, after up)",
     lambda r: dig(r, "reconnect", "server_cpu_per_resume_ms"),
     lambda v: f"{v:.2f} ms", {}),
    ("reconnect: after server down (incl. restart)",
     lambda r: dig(r, "reconnect", "seconds_since_down"), seconds, {}),
    ("reconnect: gaps / duplicates",
     pair(lambda r: dig(r, "reconnect", "gaps"), lambda r: dig(r, "reconnect", "dups")),
     lambda v: f"{v[0]} / {v[1]}", {1: NONE_OF_EITHER, 2: NONE_OF_EITHER}),
    ("load client CPU, join storm (share of one core)", client_share("join"), percent,
     {}),
    ("load client CPU, fan-out", client_share("fanout"), percent, {}),
    ("load client CPU, vote storm", client_share("votes"), percent, {}),
    ("load client CPU, reconnect storm", client_share("reconnect"), percent, {}),
]  # fmt: skip


def cpu_ratio(insp, ref):
    a, b = dig(insp, "fanout", "cpu_per_msg_us"), dig(ref, "fanout", "cpu_per_msg_us")
    return a / b if a and b else None


def _value(value_fn, res):
    if res is None or "error" in res:
        return None
    try:
        v = value_fn(res)
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    if v is None or (isinstance(v, tuple) and None in v[:2]):
        return None
    return v


def table(results: dict, runs: list[Run]) -> str:
    """Markdown: measure, run, goal, Inspraak (✓/✗ against the goal), reference."""
    lines = [
        "| measure | run | goal | Inspraak | reference |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, value_fn, pretty, goals in MEASURES:
        for run in runs:
            insp = results.get(("inspraak", run))
            ref = results.get(("reference", run))
            goal_text, meets = goals.get(run.processes, ("–", None))
            v = _value(value_fn, insp)
            text = "–" if v is None else pretty(v)
            if v is not None and meets is not None:
                text += " ✓" if meets(v) else " ✗"
            r = _value(value_fn, ref)
            lines.append(
                f"| {label} | {run.label} | {goal_text} | {text} | "
                f"{'–' if r is None else pretty(r)} |"
            )
    for run in runs:  # CPU per message against the reference's, of issue 8
        v = cpu_ratio(results.get(("inspraak", run)), results.get(("reference", run)))
        goal = "≤ 5×" if run.processes == 1 else "–"
        mark = "" if v is None or run.processes != 1 else (" ✓" if v <= 5 else " ✗")
        lines.append(
            f"| server CPU per message vs reference | {run.label} | {goal} | "
            f"{'–' if v is None else f'{v:.1f}×'}{mark} | 1× |"
        )
    return "\n".join(lines)
