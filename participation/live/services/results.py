"""A session's results once it is over (the results page, the CSV): the questions
with their upvotes and answers, and every opened poll with its tallies."""

from __future__ import annotations

from .. import protocol as p
from ..models import LiveSession, Poll, Question
from .polls import poll_data
from .questions import question_data


def session_results(session: LiveSession) -> dict:
    """Questions (published, answered or hidden later, most upvoted first) with their
    votes and answers, and every opened poll with its tallies."""
    questions = [
        {
            **question_data(q),
            "status": q.status,
            "created_at": q.created_at,
            "feedback_items": [item.pk for item in q.feedback_items.all()],
        }
        for q in session.questions.filter(status=Question.Status.PUBLISHED)
        .prefetch_related("feedback_items")
        .order_by("-upvotes", "created_at", "pk")
    ]
    polls = []
    for poll in session.polls.filter(opened_at__isnull=False).order_by(
        "opened_at", "pk"
    ):
        polls.append(_poll_result(poll))
    return {"questions": questions, "polls": polls}


def _poll_result(poll: Poll) -> dict:
    data = poll_data(poll)
    total = poll.votes.count()
    if poll.kind == Poll.Kind.WORDS:
        results = data["results"]
        tallies = list(results.items())
        biggest = max(results.values(), default=0)
        words = [
            {
                "word": word,
                "count": count,
                "size": 1 + round(4 * count / biggest) if biggest else 1,
            }
            for word, count in tallies
        ]
    else:
        labels = (
            [str(n) for n in range(1, p.SCALE_VALUES + 1)]
            if poll.kind == Poll.Kind.SCALE
            else poll.options
        )
        tallies = list(zip(labels, data["results"], strict=False))
        words = []
    rows = [
        {
            "label": label,
            "count": count,
            "percent": round(100 * count / total) if total else 0,
        }
        for label, count in tallies
    ]
    return {**data, "total": total, "tallies": tallies, "rows": rows, "words": words}
