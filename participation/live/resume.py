"""Resuming without the database (docs/live-protocol.md, "Connecting and resuming").

Each room of the hub remembers the last REPLAY_LIMIT event frames it passed on (in
order, the same text every socket got) and the participants it knows (id and
nickname). A client that comes back with its token and a `last_seq` inside that
memory is answered from it: the token's signature names the participant, the room
knows it, and the missed frames are in the buffer. Anything else (a participant
the room does not know, a changed nickname, a `last_seq` older than the buffer or
newer than the room) is a miss, answered from the database as before.

The memory is loaded once per room (`services.join.room_memory`: the last events and
the participants, in one trip to the database) and then kept by the hub: every event
it delivers, from this process or another, is added in sequence order.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .pools import run_db
from .services.join import Hello, participant_hello
from .services.session import token_participant_id
from .services.snapshot import mine, nothing_mine

if TYPE_CHECKING:
    from .hub import Room

# At most this many participants are loaded when a room opens; others (of a very
# large session) are read from the database when they come back, and then known.
MEMBERS_LOADED = 10_000


@dataclass(frozen=True, slots=True)
class KnownParticipant:
    """A participant as a room's memory knows it: no row is read (a model instance
    alone costs more than the rest of a resume)."""

    pk: int
    nickname: str
    session_id: int


class Memory:
    """A room's recent event frames and known participants."""

    __slots__ = ("events", "members", "limit")

    def __init__(self, limit: int):
        self.limit = limit
        self.events: deque[tuple[int, str]] = deque(maxlen=limit)
        self.members: dict[int, str] = {}

    def fill(self, events: list[tuple[int, str]], members: dict[int, str]) -> None:
        """What the database held when the room opened (events in order, up to the
        room's first expected seq)."""
        tail: list[tuple[int, str]] = []  # only what follows on without a hole
        for seq, text in reversed(events):
            if tail and seq != tail[-1][0] - 1:
                break
            tail.append((seq, text))
        self.events.clear()
        self.events.extend(reversed(tail))
        self.members.update(members)

    def add(self, seq: int, text: str) -> None:
        """An event the room delivered; events come in order, one number apart."""
        events = self.events
        if events and events[-1][0] != seq - 1:
            events.clear()  # a hole (events the database did not have): start over
        events.append((seq, text))

    def met(self, participant_id: int, nickname: str) -> None:
        """A participant identified through the database (new, or read by token)."""
        self.members[participant_id] = nickname

    def missed(self, since: int, last: int) -> list[tuple[int, str]] | None:
        """The frames after `since` up to `last` (the room's last delivered event),
        or None when the buffer does not reach back to `since` (or `since` is not
        a number the room has reached)."""
        if since < 0 or since > last:
            return None
        if since == last:
            return []
        events = self.events
        if not events or events[-1][0] != last or last - since > self.limit:
            return None
        first = events[0][0]
        if since < first - 1:
            return None
        return list(itertools.islice(events, since - first + 1, None))

    def needs_snapshot(self, since: int | None, last: int) -> bool:
        """True when `since` is certainly too old to replay (more than the replay
        limit behind): the client needs a snapshot, the database need not be asked."""
        if since is None or since < 0:
            return True
        return last - since > self.limit and len(self.events) >= self.limit

    def participant(
        self, session_id: int, token: str, nickname: str | None
    ) -> tuple[int, str] | None:
        """(id, nickname) of the participant a token names, when this room knows it
        and the hello does not change its nickname; else None (ask the database).
        The signature proves the server issued the token for this session."""
        participant_id = token_participant_id(session_id, token)
        if participant_id is None:
            return None
        known = self.members.get(participant_id)
        if known is None or (nickname and nickname != known):
            return None
        return participant_id, known


async def arrive(
    room: Room, fields: dict, address: str | None, gone: Callable[[], bool]
) -> Hello | None:
    """A participant's first `hello` on this socket, for a socket already in the
    room: from the room's memory when it knows the token's participant (the missed
    frames, or a snapshot with `mine` read), a new participant created in a batch
    (batches.py), else from the database as before. None: the client left."""
    session_id = room.session_id
    token, nickname = fields.get("token"), fields.get("nickname")
    since = fields.get("last_seq")
    memory = room.memory
    if token:
        known = memory.participant(session_id, token, nickname)
        last = room.next_seq - 1
        if known is not None:
            missed = memory.missed(since, last) if since is not None else None
            if missed is not None:
                return _hello(session_id, known, token, seq=last, missed=missed)
            if memory.needs_snapshot(since, last):
                own = await run_db(mine, session_id, known[0], skip=gone, pool="join")
                if own is None:
                    return None
                return _hello(session_id, known, token, mine=own)
    else:
        created = await room.newcomers.submit((nickname, address), gone)
        if created is None:
            return None
        participant, token = created
        memory.met(participant.pk, participant.nickname)
        hello = Hello(participant=participant, token=token, mine=nothing_mine())
        if since is not None:  # a replay is enough when the memory holds it
            last = room.next_seq - 1
            missed = memory.missed(since, last)
            if missed is not None:
                hello.seq, hello.missed, hello.mine = last, missed, None
        return hello
    found = await run_db(
        participant_hello,
        session_id,
        token=token,
        nickname=nickname,
        since=since,
        known=room.next_seq - 1,
        address=address,
        skip=gone,
        pool="join",
    )
    if found is not None:
        memory.met(found.participant.pk, found.participant.nickname)
    return found


def _hello(session_id: int, known: tuple[int, str], token: str, **found) -> Hello:
    participant = KnownParticipant(known[0], known[1], session_id)
    return Hello(participant=participant, token=token, **found)
