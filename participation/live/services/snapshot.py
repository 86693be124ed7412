"""A snapshot: the full current state of a session for one client (after a first
`hello`, or when it missed more than the replay holds)."""

from __future__ import annotations

from .. import protocol as p
from ..models import LiveSession, Poll, Question, ReactionTally, Upvote, Vote
from .polls import poll_data
from .questions import pending_data, question_data
from .session import session_info


def snapshot(session_id: int, participant_id: int | None, role: str) -> dict:
    """The full current state for one client. `seq` is read first, so the state is
    at least as new as `seq`; events after it may already show in it, and clients
    apply events idempotently."""
    session = LiveSession.objects.get(pk=session_id)
    questions = Question.objects.filter(session_id=session_id)
    polls = Poll.objects.filter(session_id=session_id)
    moderating = role == p.Role.MODERATOR
    if not moderating:
        polls = polls.filter(opened_at__isnull=False)
    frame = {
        "type": "snapshot",
        "seq": session.last_seq,
        "session": session_info(session),
        "questions": [
            question_data(q)
            for q in questions.filter(status=Question.Status.PUBLISHED).order_by(
                "-created_at", "-pk"
            )
        ],
        "polls": [poll_data(poll) for poll in polls],
        "reactions": dict(
            ReactionTally.objects.filter(session_id=session_id).values_list(
                "emoji", "count"
            )
        ),
        "participants": 0,
        "mine": nothing_mine(),
    }
    if moderating:
        frame["pending"] = [
            pending_data(q)
            for q in questions.filter(status=Question.Status.PENDING).order_by(
                "created_at", "pk"
            )
        ]
    if participant_id is not None:
        frame["mine"] = mine(session_id, participant_id)
    return frame


def public_snapshot(session_id: int) -> dict:
    """The part of a snapshot that is the same for every participant (the hub reads
    it once per state of the session and reuses it)."""
    return snapshot(session_id, None, p.Role.PARTICIPANT)


def nothing_mine() -> dict:
    """`mine` of a client that has not upvoted or voted."""
    return {"upvoted": [], "voted": []}


def mine(session_id: int, participant_id: int) -> dict:
    return {
        "upvoted": list(
            Upvote.objects.filter(
                participant_id=participant_id, question__session_id=session_id
            ).values_list("question_id", flat=True)
        ),
        "voted": list(
            Vote.objects.filter(participant_id=participant_id).values_list(
                "poll_id", flat=True
            )
        ),
    }
