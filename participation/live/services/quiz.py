"""Quiz mode (a setting per session): quiz questions are polls of kind `quiz` with
one correct option and a time limit. An answer is a vote (one per participant),
refused after the deadline; a right one scores points. When the question closes,
the correct option is revealed with the leaderboard: the top 10 by nickname and
how many players have each score, so that every participant works out their own
rank without a message of their own (docs/live-protocol.md, "Quiz")."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Sum

from .. import protocol as p
from ..models import LiveSession, Poll, Vote
from .base import LiveError

POINTS = 100  # a right answer ...
FAST_BONUS = 50  # ... and this much more within the first half of the time limit
GRACE = timedelta(seconds=1)  # an answer sent just in time may arrive this late
LEADERBOARD_SIZE = 10


def worth(elapsed: timedelta, time_limit: int) -> int:
    """What a right answer given `elapsed` after the question opened scores."""
    fast = elapsed.total_seconds() <= time_limit / 2
    return POINTS + (FAST_BONUS if fast else 0)


def check_quiz_mode(session: LiveSession) -> None:
    """A quiz question needs the session's quiz mode, set by the organiser."""
    if not session.quiz:
        raise LiveError(p.QUIZ_OFF, "kind")


def open_quiz(poll: Poll, now: datetime) -> None:
    """Start a quiz question's clock. A question that has run and was revealed
    cannot run again (everyone knows the answer)."""
    if poll.closed_at is not None:
        raise LiveError(p.INVALID_FIELD, "poll_id")
    poll.deadline = now + timedelta(seconds=poll.time_limit)


def quiz_row(poll: Poll, choices: list[int] | None, now: datetime) -> dict:
    """The vote's fields for a quiz answer: one option, in time; its worth and its
    points (the worth if right). Refused with `too_late` after the deadline."""
    if choices is None:
        raise LiveError(p.MISSING_FIELD, "choices")
    if len(choices) != 1 or choices[0] >= len(poll.options):
        raise LiveError(p.INVALID_FIELD, "choices")
    if poll.deadline is None or now > poll.deadline + GRACE:
        raise LiveError(p.TOO_LATE, "poll_id")
    value = worth(now - poll.opened_at, poll.time_limit)
    right = choices[0] == poll.correct
    return {"choices": choices, "worth": value, "points": value if right else 0}


def revealed(poll: Poll) -> bool:
    """Is the correct option public? Once the question has run and closed."""
    return poll.state == Poll.State.CLOSED and poll.closed_at is not None


def leaderboard(session_id: int) -> dict:
    """The scores of the questions that closed, in one aggregate query:
    `top`: the best 10 (`nickname`, `score`, `rank`; equal scores share a rank, and
    are listed by nickname), `scores`: [[score, players]] from high to low,
    `players`: everyone who answered a question. Never a name or an account."""
    rows = list(
        Vote.objects.filter(
            poll__session_id=session_id,
            poll__kind=Poll.Kind.QUIZ,
            poll__state=Poll.State.CLOSED,
        )
        .order_by()
        .values_list("participant_id", "participant__nickname")
        .annotate(score=Sum("points"))
        .order_by("-score", "participant__nickname", "participant_id")
    )
    scores: list[list[int]] = []
    top = []
    for index, (_pk, nickname, score) in enumerate(rows):
        if not scores or scores[-1][0] != score:
            scores.append([score, 0])
            rank = index + 1
        scores[-1][1] += 1
        if index < LEADERBOARD_SIZE:
            top.append({"nickname": nickname, "score": score, "rank": rank})
    return {"top": top, "scores": scores, "players": len(rows)}


def reveal(poll: Poll) -> dict:
    """What the closing of a quiz question adds to its `poll.closed` event."""
    return {"correct": poll.correct, "leaderboard": leaderboard(poll.session_id)}


def quiz_data(poll: Poll, *, moderator: bool = False) -> dict:
    """A quiz question's own fields in `poll_data`: the correct option only once
    revealed (or for moderators)."""
    data = {
        "time_limit": poll.time_limit,
        "deadline": poll.deadline.isoformat() if poll.deadline else None,
    }
    if moderator or revealed(poll):
        data["correct"] = poll.correct
    return data
