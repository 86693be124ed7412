"""The phases of the benchmark after the join storm (run by client.py): the fan-out,
the vote storm and the reconnect storm, each writing its figures into the result
(docs/live-scale.md, "The phases and what each figure means")."""

from __future__ import annotations

import asyncio
import random
from collections import Counter

from .conns import Bench, Conn, cpu_of, now, percentiles, wait_all


async def moderator_action(mod: Conn, k: int, question_id) -> dict:
    """One moderator action that makes exactly one sequenced event. The answer
    text carries k, so every receipt is matched to its send time."""
    return {
        "type": "question.answer",
        "question_id": question_id,
        "answer": f"bench-{k}",
    }


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
    bench: Bench, control, mods: list[Conn], parts: list[Conn], qid, res
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
