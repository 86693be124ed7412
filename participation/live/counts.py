"""Coalesced counts (docs/live-protocol.md, "Coalesced counts").

Upvotes, votes, reactions and presence change counters, not the event log. Each
process keeps a room's changes as absolute values and, every COUNTS_INTERVAL
(250 ms), tells the other processes what changed here (`live.counts` through the
channel layer) and its local sockets what changed anywhere (one `counts` frame; in
a room of LARGE_ROOM_SOCKETS local sockets or more, once a second).
Votes are counted here too, once per poll and interval, from the stored rows. Who
is connected is counted per process and announced (`live.presence`)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .pools import run_db
from .protocol import COUNTS_INTERVAL
from .services.base import dumps
from .services.polls import poll_counts, top_words
from .services.ranking import is_ranking, newer_ranking
from .transport import ws_frame

if TYPE_CHECKING:
    from .hub import Room

PRESENCE_HEARTBEAT_SECONDS = 15.0
PRESENCE_EXPIRY_SECONDS = 50.0  # a process that stopped announcing counts as gone
# A change of the number of participants alone is sent at most this often (with
# other counts it goes along at once): in a join or reconnect storm it changes at
# every interval, and a frame to every socket four times a second was a third of
# a process's work in a reconnect storm of 5,000 (docs/live-scale.md).
PARTICIPANTS_ALONE_SECONDS = 1.0
# A room with this many sockets in one process gets its `counts` frame once a second
# instead of four times: writing one frame to 2,500 sockets four times a second took
# about 40 % of a process's loop in the vote storm of 5,000 and held up the votes'
# acks (docs/live-scale.md). Events (questions, polls, answers) are never delayed.
LARGE_ROOM_SOCKETS = 1_000
LARGE_ROOM_COUNTS_SECONDS = 1.0


def frame_interval(sockets: int) -> float:
    """Seconds between two `counts` frames to a room's local sockets."""
    if sockets >= LARGE_ROOM_SOCKETS:
        return LARGE_ROOM_COUNTS_SECONDS
    return COUNTS_INTERVAL


def merge_counts(into: dict, changes: dict) -> dict:
    """Merge absolute counts. Upvote, vote and reaction counts only grow, so copies
    that arrive out of order are merged by taking the larger value; of a ranking's
    results the copy with more rankings is kept (its averages may fall)."""
    for section in ("questions", "reactions"):
        if section in changes:
            target = into.setdefault(section, {})
            for key, value in changes[section].items():
                target[key] = max(value, target.get(key, 0))
    if "polls" in changes:
        polls = into.setdefault("polls", {})
        for key, results in changes["polls"].items():
            known = polls.get(key)
            if is_ranking(results):
                polls[key] = newer_ranking(known, results)
            elif isinstance(results, list):
                if isinstance(known, list) and len(known) == len(results):
                    results = [max(a, b) for a, b in zip(known, results, strict=True)]
                polls[key] = list(results)
            else:
                merged = dict(known) if isinstance(known, dict) else {}
                for word, n in results.items():
                    merged[word] = max(n, merged.get(word, 0))
                polls[key] = merged
    if "participants" in changes:
        into["participants"] = changes["participants"]
    return into


def counts_frame(counts: dict) -> str:
    frame: dict[str, Any] = {"type": "counts"}
    frame.update(counts)
    polls = frame.get("polls")
    if polls:
        frame["polls"] = {
            key: top_words(results)
            if isinstance(results, dict) and not is_ranking(results)
            else results
            for key, results in polls.items()
        }
    return dumps(frame)


class Counts:
    """A room's counts in this process between two intervals."""

    def __init__(self):
        self.outgoing: dict = {}  # counts to tell the other processes
        self.incoming: dict = {}  # counts to tell local sockets
        self.dirty_polls: set[int] = set()  # polls with votes not counted yet
        self.local_participants = 0
        self.presence: dict[str, tuple[int, float]] = {}  # other hubs: (n, seen at)
        self.presence_dirty = True
        self.announced_at = 0.0
        self.participants_sent: int | None = None
        self.participants_sent_at = 0.0
        self.frame_sent_at = 0.0

    def changed(self, changes: dict) -> None:
        """Counts changed by an action of this process: for everyone."""
        merge_counts(self.outgoing, changes)
        merge_counts(self.incoming, changes)

    def received(self, changes: dict) -> None:
        """Counts another process changed: for the local sockets."""
        merge_counts(self.incoming, changes)

    def arrived(self, participant: bool) -> None:
        if participant:
            self.local_participants += 1
            self.presence_dirty = True

    def departed(self, participant: bool) -> None:
        if participant:
            self.local_participants -= 1
            self.presence_dirty = True

    def heard(self, hub: str, n: int) -> None:
        """Another process announced how many participants it holds."""
        if hub not in self.presence:
            self.presence_dirty = True  # tell the newcomer about us
        self.presence[hub] = (n, time.monotonic())

    def participants(self) -> int:
        now = time.monotonic()
        others = sum(
            n
            for n, seen in self.presence.values()
            if now - seen < PRESENCE_EXPIRY_SECONDS
        )
        return self.local_participants + others


async def tick(room: Room, layer, channel: str) -> None:
    """One interval of a room: count the votes, tell the other processes, announce
    presence when due, and send the local sockets one `counts` frame."""
    counts = room.counts
    now = time.monotonic()
    if counts.dirty_polls:
        # Votes are counted here, once per poll and interval, from the stored
        # votes: a vote itself only inserts its row.
        polls, counts.dirty_polls = counts.dirty_polls, set()
        counts.changed(await run_db(poll_counts, room.session_id, polls))
        room.version += 1
    if counts.outgoing:
        outgoing, counts.outgoing = counts.outgoing, {}
        await layer.group_send(
            room.group,
            {
                "type": "live.counts",
                "session": room.session_id,
                "hub": channel,
                "counts": outgoing,
            },
        )
    if counts.presence_dirty or now - counts.announced_at > PRESENCE_HEARTBEAT_SECONDS:
        counts.presence_dirty = False
        await announce(room, layer, channel, counts.local_participants)
    participants = counts.participants()
    if participants != counts.participants_sent and (
        counts.incoming
        or now - counts.participants_sent_at >= PARTICIPANTS_ALONE_SECONDS
    ):
        counts.participants_sent, counts.participants_sent_at = participants, now
        counts.incoming["participants"] = participants
    # Half an interval of slack: the ticks themselves come a little late.
    due = frame_interval(len(room.sockets)) - COUNTS_INTERVAL / 2
    if counts.incoming and now - counts.frame_sent_at >= due:
        counts.frame_sent_at = now
        incoming, counts.incoming = counts.incoming, {}
        text = counts_frame(incoming)
        data = ws_frame(text)
        for socket in room.sockets:
            socket.frame(text, data)


async def announce(room: Room, layer, channel: str, n: int) -> None:
    """Tell the other processes how many participants this one holds."""
    room.counts.announced_at = time.monotonic()
    await layer.group_send(
        room.group,
        {"type": "live.presence", "session": room.session_id, "hub": channel, "n": n},
    )
