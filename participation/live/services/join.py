"""Joining and catching up: who a `hello` is, and what the client missed (the stored
events when few enough, else a snapshot)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import protocol as p
from ..models import Participant
from .events import current_seq, events_after, replay
from .session import identify
from .snapshot import mine, nothing_mine, snapshot


@dataclass
class Hello:
    """What a participant's `hello` found, in one trip to the database: who it is,
    and either the missed events (`missed`, up to `seq`) or, when a snapshot is
    needed, the participant's own part of it (`mine`)."""

    participant: Participant  # or resume.KnownParticipant: its pk and nickname
    token: str
    seq: int | None = None
    missed: list[tuple[int, str]] | None = None
    mine: dict | None = None


def _missed(
    session_id: int, since: int | None, known: int | None = None
) -> tuple[int, list[tuple[int, str]]] | None:
    """(seq, missed events) when `since` is recent enough to replay, else None."""
    if since is None:
        return None
    missed = replay(session_id, since, known)
    if missed is None:
        return None
    return (missed[-1][0] if missed else since), missed


def participant_hello(
    session_id: int,
    *,
    token: str | None,
    nickname: str | None,
    since: int | None,
    known: int | None = None,
    address: str | None = None,
) -> Hello:
    participant, token_out = identify(
        session_id, p.Role.PARTICIPANT, token=token, nickname=nickname, address=address
    )
    hello = Hello(participant=participant, token=token_out)
    caught_up = _missed(session_id, since, known)
    if caught_up is not None:
        hello.seq, hello.missed = caught_up
        return hello
    # A new participant has nothing of its own yet.
    hello.mine = mine(session_id, participant.pk) if token else nothing_mine()
    return hello


def catch_up(
    session_id: int, participant_id: int | None, role: str, since: int | None
) -> tuple[int, list[tuple[int, str]] | None, dict | None]:
    """(seq, missed events, snapshot): the missed events when `since` is recent
    enough, else a snapshot."""
    caught_up = _missed(session_id, since)
    if caught_up is not None:
        return caught_up[0], caught_up[1], None
    frame = snapshot(session_id, participant_id, role)
    return frame["seq"], None, frame


def room_memory(
    session_id: int, events: int, members: int
) -> tuple[int, list[tuple[int, str]], dict[int, str]]:
    """What a hub's room remembers when it opens (resume.Memory), in one trip: the
    session's last seq, its last `events` events (up to that seq, in order) and up
    to `members` of its participants (the newest; moderators' own rows never)."""
    seq = current_seq(session_id)
    recent = events_after(session_id, max(0, seq - events), limit=min(seq, events))
    names = dict(
        Participant.objects.filter(session_id=session_id, user__isnull=True)
        .order_by("-pk")
        .values_list("pk", "nickname")[:members]
    )
    return seq, recent, names
