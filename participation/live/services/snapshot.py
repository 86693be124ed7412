"""A snapshot: the full current state of a session for one client (after a first
`hello`, or when it missed more than the replay holds)."""

from __future__ import annotations

from .. import protocol as p
from ..models import LiveSession, Poll, Question, ReactionTally, Upvote, Vote
from .open_answers import snapshot_answers
from .polls import poll_data
from .questions import pending_data, question_data
from .quiz import leaderboard
from .session import session_info

# A snapshot holds at most this many published questions, and as many pending ones
# for moderators (docs/live-protocol.md, "snapshot"). With thousands of questions a
# full list would not fit a socket's outbox (256 KiB) and the join would be closed.
SNAPSHOT_QUESTIONS = 200


def snapshot(session_id: int, participant_id: int | None, role: str) -> dict:
    """The full current state for one client. `seq` is read first, so the state is
    at least as new as `seq`; events after it may already show in it, and clients
    apply events idempotently."""
    session = LiveSession.objects.get(pk=session_id)
    questions = Question.objects.filter(session_id=session_id)
    published, published_total = published_for_snapshot(questions)
    polls = Poll.objects.filter(session_id=session_id)
    moderating = role == p.Role.MODERATOR
    if not moderating:
        polls = polls.filter(opened_at__isnull=False)
    frame = {
        "type": "snapshot",
        "seq": session.last_seq,
        "session": session_info(session),
        "questions": [question_data(q) for q in published],
        "questions_total": published_total,
        "polls": [poll_data(poll, moderator=moderating) for poll in polls],
        "reactions": dict(
            ReactionTally.objects.filter(session_id=session_id).values_list(
                "emoji", "count"
            )
        ),
        "participants": 0,
        "mine": nothing_mine(),
        # Open questions' answers (and for moderators those waiting), and in quiz
        # mode the leaderboard as the last revealed question left it.
        **snapshot_answers(session_id, moderator=moderating),
        "leaderboard": leaderboard(session_id) if session.quiz else None,
    }
    if moderating:
        # The oldest first: moderators work through them in order.
        waiting = questions.filter(status=Question.Status.PENDING)
        pending = list(waiting.order_by("created_at", "pk")[:SNAPSHOT_QUESTIONS])
        frame["pending"] = [pending_data(q) for q in pending]
        frame["pending_total"] = (
            len(pending) if len(pending) < SNAPSHOT_QUESTIONS else waiting.count()
        )
    if participant_id is not None:
        frame["mine"] = mine(session_id, participant_id)
    return frame


def published_for_snapshot(questions) -> tuple[list[Question], int]:
    """The published questions a snapshot holds, newest first: the pinned one, the
    most upvoted and the newest (half the cap each, so that both sort orders of
    the page start full); and how many are published in all."""
    published = questions.filter(status=Question.Status.PUBLISHED)
    half = SNAPSHOT_QUESTIONS // 2
    newest = list(published.order_by("-created_at", "-pk")[:half])
    if len(newest) < half:
        return newest, len(newest)  # all of them
    chosen = {q.pk: q for q in newest}
    for question in published.filter(pinned=True):
        chosen.setdefault(question.pk, question)
    for question in published.order_by("-upvotes", "-created_at", "-pk")[:half]:
        chosen.setdefault(question.pk, question)
    rows = sorted(chosen.values(), key=lambda q: (q.created_at, q.pk), reverse=True)
    return rows, published.count()


def public_snapshot(session_id: int) -> dict:
    """The part of a snapshot that is the same for every participant (the hub reads
    it once per state of the session and reuses it)."""
    return snapshot(session_id, None, p.Role.PARTICIPANT)


def nothing_mine() -> dict:
    """`mine` of a client that has not upvoted or voted."""
    return {"upvoted": [], "voted": [], "quiz": {}}


def mine(session_id: int, participant_id: int) -> dict:
    """What this participant did: upvotes, votes, and per quiz question its choice
    and what a right answer was worth (so the client counts its own score once the
    correct option is revealed)."""
    votes = Vote.objects.filter(participant_id=participant_id).values_list(
        "poll_id", "choices", "worth"
    )
    voted, quiz = [], {}
    for poll_id, choices, worth in votes:
        voted.append(poll_id)
        if worth:  # only quiz answers have a worth
            quiz[str(poll_id)] = {"choice": (choices or [None])[0], "worth": worth}
    return {
        "upvoted": list(
            Upvote.objects.filter(
                participant_id=participant_id, question__session_id=session_id
            ).values_list("question_id", flat=True)
        ),
        "voted": voted,
        "quiz": quiz,
    }
