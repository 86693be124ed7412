"""A session's results once it is over (the consultation page, the results page,
the CSV), read in a fixed number of queries whatever the number of questions, polls
or sessions (pages of sessions): the published questions as a query to paginate or
stream, the most upvoted few of each session, and every opened poll with its
tallies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from .. import protocol as p
from ..models import LiveSession, Poll, Question
from .open_answers import csv_answers, shown_answers
from .polls import poll_data
from .questions import question_data

# Most upvoted first; among equals the first asked.
RESULT_ORDER = (F("upvotes").desc(), F("created_at").asc(), F("pk").asc())


def result_questions(session: LiveSession) -> QuerySet[Question]:
    """The session's published questions in result order (to paginate or stream)."""
    return session.questions.filter(status=Question.Status.PUBLISHED).order_by(
        *RESULT_ORDER
    )


def sessions_with_results(consultation) -> QuerySet[LiveSession]:
    """The consultation's sessions with public results that are not empty (a
    published question or an opened poll), newest first."""
    # Sets of session ids rather than EXISTS per session: with many empty sessions
    # PostgreSQL's estimate sends each EXISTS through all questions (1 s at 1,000
    # sessions); each set is read once.
    asked = Question.objects.filter(
        session__consultation=consultation, status=Question.Status.PUBLISHED
    ).values("session_id")
    polled = Poll.objects.filter(
        session__consultation=consultation, opened_at__isnull=False
    ).values("session_id")
    return (
        LiveSession.objects.of_consultation(consultation)
        .with_public_results()
        .filter(Q(pk__in=asked) | Q(pk__in=polled))
        .order_by("-starts_at", "-pk")
    )


def top_questions(sessions: Iterable[LiveSession], n: int) -> dict[int, list[Question]]:
    """The `n` most upvoted published questions of each session: a query per session
    (pass a page of them), each a top-n sort. A window over the sessions' questions
    would be one query but sorts every question: 70 ms for 10,000 against 5."""
    return {session.pk: list(result_questions(session)[:n]) for session in sessions}


def question_counts(session_ids: Iterable[int]) -> dict[int, int]:
    """The number of published questions of each session (one grouped query)."""
    return dict(
        Question.objects.filter(
            session_id__in=list(session_ids), status=Question.Status.PUBLISHED
        )
        .order_by()
        .values_list("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
    )


def opened_polls(session_ids: Iterable[int]) -> dict[int, list[dict]]:
    """Every opened poll of the sessions with its tallies (`poll_result`), in the
    order they were opened: one query, the polls with their number of votes (and
    one more for the answers of open questions, when there are any)."""
    polls = list(
        Poll.objects.filter(session_id__in=list(session_ids), opened_at__isnull=False)
        .annotate(total=Count("votes"))
        .order_by("session_id", "opened_at", "pk")
    )
    answers = shown_answers([poll.pk for poll in polls if poll.kind == Poll.Kind.TEXT])
    found = defaultdict(list)
    for poll in polls:
        result = poll_result(poll, poll.total)
        if poll.kind == Poll.Kind.TEXT:
            shown = answers.get(poll.pk, {})
            result["answers"] = shown.get("answers", [])
            result["total"] = shown.get("total", 0)
        found[poll.session_id].append(result)
    return found


def summaries(sessions: Iterable[LiveSession], top: int) -> list[dict]:
    """Per session of a page its `top` questions, its number of questions and its
    polls: [{"session", "questions", "question_count", "polls"}]."""
    sessions = list(sessions)
    ids = [session.pk for session in sessions]
    if not ids:
        return []
    questions, counts = top_questions(sessions, top), question_counts(ids)
    polls = opened_polls(ids)
    return [
        {
            "session": session,
            "questions": questions[session.pk],
            "question_count": counts.get(session.pk, 0),
            "polls": polls[session.pk],
        }
        for session in sessions
    ]


def session_results(session: LiveSession) -> dict:
    """All questions (with the "you said, we did" items citing them) and polls of one
    session in memory. Pages and the CSV read them in bounded parts instead."""
    questions = [
        {
            **question_data(q),
            "status": q.status,
            "created_at": q.created_at,
            "feedback_items": [item.pk for item in q.feedback_items.all()],
        }
        for q in result_questions(session).prefetch_related("feedback_items")
    ]
    return {"questions": questions, "polls": opened_polls([session.pk])[session.pk]}


def csv_rows(session: LiveSession) -> Iterator[list]:
    """The rows of the organiser's CSV: a header, a row per published question (read
    from the database as they are written) and a row per poll option or word. The
    texts are translated now, in the request's language; the polls are read now."""
    yes, no, question, poll = _("yes"), _("no"), _("Question"), _("Poll")
    ranked, open_answer = _("Ranking (average rank)"), _("Open answer")
    header = [
        _("Type"),
        _("Text"),
        _("Nickname"),
        _("Votes"),
        _("Answered"),
        _("Answer"),
        _("Asked at"),
        _("Question as asked"),  # when a moderator corrected a typo
    ]
    polls = opened_polls([session.pk])[session.pk]
    fields = (
        "text",
        "nickname",
        "upvotes",
        "answered",
        "answer",
        "created_at",
        "original_text",
    )
    questions = result_questions(session).values_list(*fields)

    def rows():
        yield header
        for (
            text,
            nickname,
            upvotes,
            answered,
            answer,
            asked_at,
            original,
        ) in questions.iterator(chunk_size=2000):
            yield [
                question,
                text,
                nickname,
                upvotes,
                yes if answered else no,
                answer,
                asked_at,
                original,
            ]
        for result in polls:
            kind = ranked if result["kind"] == Poll.Kind.RANKING else poll
            for label, count in result["tallies"]:
                yield [kind, result["question"], label, count, "", "", "", ""]
        for asked, nickname, text, sent_at in csv_answers(session.pk):
            yield [open_answer, asked, nickname, "", "", text, sent_at, ""]

    return rows()


def poll_result(poll: Poll, total: int) -> dict:
    """A poll as a results page shows it: `poll_data` plus `total` (votes), the
    `tallies` (label, count), `rows` with percentages and `words` for a cloud; a
    ranking's tallies and rows are (label, average rank), best first."""
    data = poll_data(poll)
    if poll.kind == Poll.Kind.RANKING:
        return {**data, "total": total, **_ranking_rows(poll, data["results"])}
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
            "correct": index == data.get("correct"),  # a revealed quiz answer
        }
        for index, (label, count) in enumerate(tallies)
    ]
    return {**data, "total": total, "tallies": tallies, "rows": rows, "words": words}


def _ranking_rows(poll: Poll, results: dict) -> dict:
    """A ranking's options from the best average rank to the worst (unranked last)."""
    ranked = sorted(
        zip(poll.options, results["average"], strict=False),
        key=lambda pair: (pair[1] is None, pair[1] or 0),
    )
    rows = [{"label": label, "average": average} for label, average in ranked]
    return {"tallies": ranked, "rows": rows, "words": []}
