"""The numbered events of a session: the session's row (locked while events are
appended, so that numbers grow by exactly one), the stored frames and what a
client that reconnects missed."""

from __future__ import annotations

from .. import protocol as p
from ..models import Event, LiveSession
from .base import LiveError, dumps


def event_frame(seq: int, kind: str, data: dict) -> str:
    return dumps({"type": "event", "seq": seq, "kind": kind, "data": data})


def open_session(session_id: int, *, lock: bool = False) -> LiveSession:
    """The session an action changes, refused once it has ended. With `lock`, its
    row is held FOR UPDATE (taken first: see the lock order in the package)."""
    queryset = LiveSession.objects.only(
        "pk", "consultation_id", "state", "moderation", "blocked_words", "last_seq"
    )
    if lock:
        queryset = queryset.select_for_update()
    session = queryset.get(pk=session_id)
    if session.state == LiveSession.State.ENDED:
        raise LiveError(p.SESSION_ENDED)
    return session


def append_events(
    session: LiveSession, items: list[tuple[str, dict]]
) -> list[tuple[int, str]]:
    """Store events with the next sequence numbers. The caller holds the session's
    row lock (from `open_session(lock=True)`), so numbers grow by exactly one."""
    first = session.last_seq + 1
    session.last_seq += len(items)
    LiveSession.objects.filter(pk=session.pk).update(last_seq=session.last_seq)
    Event.objects.bulk_create(
        Event(session_id=session.pk, seq=first + i, kind=kind, data=data)
        for i, (kind, data) in enumerate(items)
    )
    return [
        (first + i, event_frame(first + i, kind, data))
        for i, (kind, data) in enumerate(items)
    ]


def current_seq(session_id: int) -> int:
    return LiveSession.objects.values_list("last_seq", flat=True).get(pk=session_id)


def events_after(
    session_id: int, since: int, limit: int | None = None
) -> list[tuple[int, str]]:
    """Stored events with seq > since, in order, as the frames that were sent."""
    rows = Event.objects.filter(session_id=session_id, seq__gt=since).order_by("seq")
    rows = rows.values_list("seq", "kind", "data")
    if limit is not None:
        rows = rows[:limit]
    return [(seq, event_frame(seq, kind, data)) for seq, kind, data in rows]


def replay(
    session_id: int, since: int, known: int | None = None
) -> list[tuple[int, str]] | None:
    """What a client missed since `since`, or None when it missed more than
    REPLAY_LIMIT events (or names a number the session never reached): then it
    needs a snapshot. `known`: a number the session is known to have reached (the
    hub's), which spares reading the current one when `since` is not above it."""
    if (known is None or since > known) and since > current_seq(session_id):
        return None
    missed = events_after(session_id, since, limit=p.REPLAY_LIMIT + 1)
    if len(missed) > p.REPLAY_LIMIT:
        return None
    return missed
