"""The reference: a bare `websockets` broadcast server that speaks just enough of
docs/live-protocol.md for the benchmark client (hello/welcome, snapshot or replay
with synced, sequenced events, acknowledged votes, coalesced counts).

It is what "as fast as Python WebSockets go" looks like on this machine: every event
is serialised once and written to all sockets with `websockets.broadcast` (no
per-socket task, no database). Events and votes are appended to a state file (one
JSON object a line) so that a restarted server can replay them, and so that the
benchmark can count the stored votes afterwards.

    python -m tests.bench.reference_server --port 8765 --state var/bench/ref.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
from pathlib import Path

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed

REPLAY_LIMIT = 200
COUNTS_INTERVAL = 0.25
MAX_FRAME = 4096


class Session:
    def __init__(self, state_path: Path):
        self.code = "BENCH2"
        self.seq = 0
        self.events: dict[int, str] = {}  # seq -> the serialised event frame
        self.polls: dict[int, dict] = {}
        self.votes: dict[tuple[str, int], int] = {}  # (participant, poll) -> choice
        self.results: dict[int, list[int]] = {}
        self.done: dict[tuple[str, str], str] = {}  # (participant, client id) -> ack
        self.sockets: set = set()
        self.changed_polls: set[int] = set()
        self.presence_changed = False
        self.state_path = state_path
        self._load()
        self.log = state_path.open("a", encoding="utf-8")

    def _load(self) -> None:
        if not self.state_path.exists():
            return
        for line in self.state_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["t"] == "event":
                self.seq = row["seq"]
                self.events[row["seq"]] = row["frame"]
            elif row["t"] == "poll":
                self.polls[row["poll"]["id"]] = row["poll"]
                self.results[row["poll"]["id"]] = [0] * len(row["poll"]["options"])
            elif row["t"] == "vote":
                self.votes[(row["p"], row["poll"])] = row["choice"]
                self.results[row["poll"]][row["choice"]] += 1

    def store(self, row: dict) -> None:
        self.log.write(json.dumps(row) + "\n")
        self.log.flush()

    def emit(self, kind: str, data: dict) -> int:
        """Store, then send: one serialisation, one broadcast call."""
        self.seq += 1
        frame = json.dumps(
            {"type": "event", "seq": self.seq, "kind": kind, "data": data}
        )
        self.events[self.seq] = frame
        self.events.pop(self.seq - REPLAY_LIMIT - 50, None)
        self.store({"t": "event", "seq": self.seq, "frame": frame})
        broadcast(self.sockets, frame)
        return self.seq

    def snapshot(self, participant: str) -> str:
        return json.dumps(
            {
                "type": "snapshot",
                "seq": self.seq,
                "session": self.session_info(),
                "questions": [],
                "polls": [
                    {**poll, "results": self.results[pid]}
                    for pid, poll in self.polls.items()
                ],
                "reactions": {},
                "participants": len(self.sockets),
                "mine": {
                    "upvoted": [],
                    "voted": [p for (who, p) in self.votes if who == participant],
                },
            }
        )

    def session_info(self) -> dict:
        return {
            "code": self.code,
            "title": "Bench",
            "state": "live",
            "moderation": "post",
        }

    async def counts_loop(self) -> None:
        while True:
            await asyncio.sleep(COUNTS_INTERVAL)
            if not (self.changed_polls or self.presence_changed):
                continue
            frame = {"type": "counts", "participants": len(self.sockets)}
            if self.changed_polls:
                frame["polls"] = {pid: self.results[pid] for pid in self.changed_polls}
            self.changed_polls.clear()
            self.presence_changed = False
            broadcast(self.sockets, json.dumps(frame))


def reply(ws, payload: dict) -> None:
    broadcast([ws], json.dumps(payload))


def error(ws, code: str, msg_id=None) -> None:
    payload = {"type": "error", "code": code, "message": code}
    if msg_id is not None:
        payload["id"] = msg_id
    reply(ws, payload)


async def handler(ws, session: Session) -> None:
    cookie = ws.request.headers.get("Cookie", "")
    role = "moderator" if "sessionid=" in cookie else "participant"
    participant = None
    try:
        async for raw in ws:
            if len(raw) > MAX_FRAME:
                error(ws, "too_large")
                continue
            try:
                msg = json.loads(raw)
            except ValueError:
                error(ws, "bad_json")
                continue
            if not isinstance(msg, dict):
                error(ws, "not_an_object")
                continue
            kind = msg.get("type")
            msg_id = msg.get("id")
            if participant is None:
                if kind != "hello":
                    error(ws, "hello_first", msg_id)
                    continue
                token = msg.get("token")
                participant = token or secrets.token_hex(8)
                reply(
                    ws,
                    {
                        "type": "welcome",
                        "role": role,
                        "participant": {
                            "id": participant,
                            "nickname": msg.get("nickname", ""),
                        },
                        "token": participant,
                        "session": session.session_info(),
                        "last_seq": session.seq,
                    },
                )
                last = msg.get("last_seq")
                # No await between the replay and joining the broadcast set: no
                # event can fall between them.
                if isinstance(last, int) and 0 <= session.seq - last <= REPLAY_LIMIT:
                    for seq in range(last + 1, session.seq + 1):
                        broadcast([ws], session.events[seq])
                    reply(ws, {"type": "synced", "seq": session.seq})
                else:
                    broadcast([ws], session.snapshot(participant))
                session.sockets.add(ws)
                session.presence_changed = True
                continue
            if kind == "ping":
                reply(ws, {"type": "pong"})
                continue
            if msg_id is not None and (participant, msg_id) in session.done:
                broadcast([ws], session.done[(participant, msg_id)])
                continue
            result = handle_action(session, role, participant, kind, msg, msg_id, ws)
            if result is not None:
                ack = json.dumps({"type": "ack", "id": msg_id, "ok": True, **result})
                if msg_id is not None:
                    session.done[(participant, msg_id)] = ack
                broadcast([ws], ack)
    except ConnectionClosed:
        pass
    finally:
        if ws in session.sockets:
            session.sockets.discard(ws)
            session.presence_changed = True


def handle_action(session, role, participant, kind, msg, msg_id, ws) -> dict | None:
    moderator = role == "moderator"
    if kind in ("question.answer", "question.pin", "question.unpin", "question.hide"):
        if not moderator:
            return error(ws, "not_allowed", msg_id)
        if "question_id" not in msg:
            return error(ws, "missing_field", msg_id)
        event = {
            "question.answer": "question.answered",
            "question.pin": "question.pinned",
            "question.unpin": "question.unpinned",
            "question.hide": "question.hidden",
        }[kind]
        data = {"question_id": msg["question_id"]}
        if kind == "question.answer":
            data["answer"] = str(msg.get("answer", ""))[:1000]
        return {"seq": session.emit(event, data)}
    if kind == "question.ask":
        text = str(msg.get("text", ""))[:300]
        question = {
            "id": session.seq + 1000,
            "text": text,
            "nickname": "",
            "upvotes": 0,
            "answered": False,
            "answer": "",
            "pinned": False,
            "created_at": "",
        }
        seq = session.emit("question.published", {"question": question})
        return {"question_id": question["id"], "seq": seq, "status": "published"}
    if kind == "poll.create":
        if not moderator:
            return error(ws, "not_allowed", msg_id)
        poll_id = len(session.polls) + 1
        poll = {
            "id": poll_id,
            "kind": msg.get("kind", "single"),
            "question": msg.get("question", ""),
            "options": list(msg.get("options", ["a", "b"])),
            "state": "closed",
        }
        session.polls[poll_id] = poll
        session.results[poll_id] = [0] * len(poll["options"])
        session.store({"t": "poll", "poll": poll})
        return {"poll_id": poll_id}
    if kind in ("poll.open", "poll.close"):
        if not moderator:
            return error(ws, "not_allowed", msg_id)
        poll = session.polls.get(msg.get("poll_id"))
        if poll is None:
            return error(ws, "not_found", msg_id)
        if kind == "poll.open":
            poll["state"] = "open"
            seq = session.emit("poll.opened", {"poll": poll})
        else:
            poll["state"] = "closed"
            seq = session.emit(
                "poll.closed",
                {"poll_id": poll["id"], "results": session.results[poll["id"]]},
            )
        return {"seq": seq}
    if kind == "poll.vote":
        poll = session.polls.get(msg.get("poll_id"))
        if poll is None:
            return error(ws, "not_found", msg_id)
        if poll["state"] != "open":
            return error(ws, "poll_closed", msg_id)
        if (participant, poll["id"]) in session.votes:
            return error(ws, "already_voted", msg_id)
        choices = msg.get("choices")
        if not isinstance(choices, list) or len(choices) != 1:
            return error(ws, "invalid_field", msg_id)
        choice = choices[0]
        if not isinstance(choice, int) or not 0 <= choice < len(poll["options"]):
            return error(ws, "invalid_field", msg_id)
        session.votes[(participant, poll["id"])] = choice
        session.results[poll["id"]][choice] += 1
        session.store(
            {"t": "vote", "p": participant, "poll": poll["id"], "choice": choice}
        )
        session.changed_polls.add(poll["id"])
        return {"poll_id": poll["id"]}
    return error(ws, "unknown_type", msg_id)


def count_votes(state_path: Path, poll_id: int) -> int:
    if not state_path.exists():
        return 0
    rows = (json.loads(line) for line in state_path.read_text().splitlines())
    return sum(1 for r in rows if r["t"] == "vote" and r["poll"] == poll_id)


async def main(host: str, port: int, state: Path) -> None:
    session = Session(state)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    counts = asyncio.create_task(session.counts_loop())
    async with serve(
        lambda ws: handler(ws, session),
        host,
        port,
        compression=None,  # daphne does not negotiate permessage-deflate either
        ping_interval=None,
        max_size=MAX_FRAME * 4,
        backlog=2048,
    ):
        print(f"reference server pid {os.getpid()} on {host}:{port}", flush=True)
        await stop
    counts.cancel()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--state", type=Path, required=True)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        raise SystemExit("the benchmark listens on loopback only")
    asyncio.run(main(args.host, args.port, args.state))
