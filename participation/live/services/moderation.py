"""What a moderator does with questions: approve or reject one that waits, answer,
pin (at most one), unpin and hide a published one.

Every action is idempotent: repeating one that already took effect answers with
the question's state and stores no event. A move that is not possible from the
question's state is `invalid_field` on `question_id`."""

from __future__ import annotations

from django.utils import timezone

from .. import protocol as p
from ..models import LiveSession, Question, Upvote
from .base import LiveError, Outcome, dumps
from .events import append_events, open_session
from .questions import locked_question, question_data, question_result


def _move(
    session_id: int, question_id: int, source: str, target: str
) -> tuple[LiveSession, Question, Outcome | None]:
    """Lock the session, then the question, and move it from status `source` to
    `target` (the caller saves it). When it is at `target` already, the third item
    is the answer to the repeat (nothing to do); from any other status the move is
    `invalid_field`."""
    session = open_session(session_id, lock=True)
    question = locked_question(session_id, question_id)
    if question.status == target:
        return session, question, Outcome(result=question_result(question))
    if question.status != source:
        raise LiveError(p.INVALID_FIELD, "question_id")
    question.status = target
    return session, question, None


def _published(session_id: int, question_id: int) -> Question:
    question = locked_question(session_id, question_id)
    if question.status != Question.Status.PUBLISHED:
        raise LiveError(p.INVALID_FIELD, "question_id")
    return question


def approve(
    session_id: int, participant_id: int, *, question_id: int, text: str = ""
) -> Outcome:
    """Publish a waiting question; with `text`, as the moderator corrected it (a
    typo): the asker's own words stay in `original_text`."""
    session, question, repeat = _move(
        session_id, question_id, Question.Status.PENDING, Question.Status.PUBLISHED
    )
    if repeat is not None:
        return repeat
    question.published_at = timezone.now()
    fields = ["status", "published_at"]
    text = (text or "").strip()
    if text and text != question.text:
        if not question.original_text:
            question.original_text = question.text
        question.text = text
        fields += ["text", "original_text"]
    question.save(update_fields=fields)
    events = append_events(
        session, [("question.published", {"question": question_data(question)})]
    )
    return Outcome(result=question_result(question), events=events)


def reject(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    _session, question, repeat = _move(
        session_id, question_id, Question.Status.PENDING, Question.Status.REJECTED
    )
    if repeat is not None:
        return repeat
    question.save(update_fields=["status"])
    return Outcome(
        result=question_result(question),
        moderators=[dumps({"type": "rejected", "question_id": question.pk})],
    )


def answer(
    session_id: int, participant_id: int, *, question_id: int, answer: str = ""
) -> Outcome:
    session = open_session(session_id, lock=True)
    question = _published(session_id, question_id)
    question.answered = True
    question.answer = answer
    question.save(update_fields=["answered", "answer"])
    events = append_events(
        session,
        [("question.answered", {"question_id": question.pk, "answer": answer})],
    )
    return Outcome(result=question_result(question), events=events)


def pin(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    session = open_session(session_id, lock=True)
    question = _published(session_id, question_id)
    if question.pinned:
        return Outcome(result=question_result(question))
    items = []
    # At most one pinned question: the previous one is unpinned first.
    for other in Question.objects.filter(session_id=session_id, pinned=True).exclude(
        pk=question.pk
    ):
        items.append(("question.unpinned", {"question_id": other.pk}))
    Question.objects.filter(session_id=session_id, pinned=True).update(pinned=False)
    question.pinned = True
    question.save(update_fields=["pinned"])
    items.append(("question.pinned", {"question_id": question.pk}))
    return Outcome(
        result=question_result(question), events=append_events(session, items)
    )


def unpin(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    session = open_session(session_id, lock=True)
    question = locked_question(session_id, question_id)
    if not question.pinned:
        return Outcome(result=question_result(question))
    question.pinned = False
    question.save(update_fields=["pinned"])
    events = append_events(
        session, [("question.unpinned", {"question_id": question.pk})]
    )
    return Outcome(result=question_result(question), events=events)


def merge(
    session_id: int, participant_id: int, *, question_id: int, into_id: int
) -> Outcome:
    """Merge a duplicate into the question that stays: the duplicate is hidden,
    and its upvotes and its asker's support count for the other one (once per
    participant). Everyone sees the one question with the combined count."""
    session = open_session(session_id, lock=True)
    if question_id == into_id:
        raise LiveError(p.INVALID_FIELD, "into_id")
    # Both rows FOR UPDATE, the lower id first (the lock order of the package).
    rows = {}
    for pk in sorted((question_id, into_id)):
        try:
            rows[pk] = _published(session_id, pk)
        except LiveError as error:
            field = "question_id" if pk == question_id else "into_id"
            raise LiveError(error.code, field) from None
    duplicate, kept = rows[question_id], rows[into_id]
    supporters = set(
        Upvote.objects.filter(question=duplicate).values_list(
            "participant_id", flat=True
        )
    )
    if duplicate.participant_id:
        supporters.add(duplicate.participant_id)
    supporters.discard(kept.participant_id)
    supporters -= set(
        Upvote.objects.filter(question=kept, participant_id__in=supporters).values_list(
            "participant_id", flat=True
        )
    )
    Upvote.objects.bulk_create(
        Upvote(question=kept, participant_id=pk) for pk in sorted(supporters)
    )
    kept.upvotes += len(supporters)
    kept.save(update_fields=["upvotes"])
    duplicate.status = Question.Status.HIDDEN
    duplicate.hidden_reason = "merged"
    duplicate.merged_into = kept
    duplicate.pinned = False
    duplicate.save(update_fields=["status", "hidden_reason", "merged_into", "pinned"])
    events = append_events(
        session,
        [
            (
                "question.merged",
                {
                    "question_id": duplicate.pk,
                    "into_id": kept.pk,
                    "upvotes": kept.upvotes,
                },
            )
        ],
    )
    return Outcome(
        result={
            "question_id": duplicate.pk,
            "into_id": kept.pk,
            "upvotes": kept.upvotes,
        },
        events=events,
    )


def hide(
    session_id: int, participant_id: int, *, question_id: int, reason: str = ""
) -> Outcome:
    session, question, repeat = _move(
        session_id, question_id, Question.Status.PUBLISHED, Question.Status.HIDDEN
    )
    if repeat is not None:
        return repeat
    question.hidden_reason = reason
    question.pinned = False
    question.save(update_fields=["status", "hidden_reason", "pinned"])
    events = append_events(session, [("question.hidden", {"question_id": question.pk})])
    return Outcome(result=question_result(question), events=events)
