"""Questions from the room: asking (pre- or post-moderated, capped per participant
and per address) and upvoting, and the shapes in which clients see a question."""

from __future__ import annotations

import math
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from .. import limits
from .. import protocol as p
from ..models import LiveSession, Participant, Question, Upvote
from ..wordfilter import reason_to_hold
from .base import LiveError, Outcome, check_address, dumps, insert_once
from .events import append_events, open_session


def question_data(question: Question) -> dict:
    return {
        "id": question.pk,
        "text": question.text,
        "nickname": question.nickname,
        "upvotes": question.upvotes,
        "answered": question.answered,
        "answer": question.answer,
        "pinned": question.pinned,
        "created_at": question.created_at.isoformat(),
    }


def pending_data(question: Question) -> dict:
    return {**question_data(question), "status": question.status}


def question_result(question: Question) -> dict:
    """The ack of an action on a question."""
    return {"question_id": question.pk, "status": question.status}


def locked_question(session_id: int, question_id: int) -> Question:
    """A question of the session, FOR UPDATE; `not_found` when there is none."""
    question = (
        Question.objects.select_for_update()
        .filter(pk=question_id, session_id=session_id)
        .first()
    )
    if question is None:
        raise LiveError(p.NOT_FOUND, "question_id")
    return question


def ask(
    session_id: int, participant_id: int, *, text: str, address: str | None = None
) -> Outcome:
    participant = Participant.objects.only("nickname", "user_id").get(pk=participant_id)
    if participant.user_id is None:
        _check_question_rate(participant_id)
    session = open_session(session_id)
    if participant.user_id is None:  # moderators are not capped
        check_address(limits.QUESTIONS, session_id, address)
    # Held for a moderator even where questions appear at once: swear words, the
    # session's own words, an e-mail address or phone number (wordfilter.py).
    held = reason_to_hold(text, session.blocked_words)
    published = session.moderation == LiveSession.Moderation.POST and held is None
    if published:
        session = open_session(session_id, lock=True)
    question = Question.objects.create(
        session_id=session_id,
        participant_id=participant_id,
        nickname=participant.nickname,
        text=text,
        status=Question.Status.PUBLISHED if published else Question.Status.PENDING,
        published_at=timezone.now() if published else None,
    )
    result = {"question_id": question.pk, "status": question.status}
    if held and session.moderation == LiveSession.Moderation.POST:
        result["held"] = held
    outcome = Outcome(result=result)
    if published:
        outcome.events = append_events(
            session, [("question.published", {"question": question_data(question)})]
        )
    else:
        outcome.moderators = [
            dumps({"type": "pending", "question": pending_data(question)})
        ]
    return outcome


def _check_question_rate(participant_id: int) -> None:
    now = timezone.now()
    recent = list(
        Question.objects.filter(
            participant_id=participant_id,
            created_at__gt=now - timedelta(minutes=1),
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: p.QUESTIONS_PER_MINUTE]
    )
    if len(recent) >= p.QUESTIONS_PER_MINUTE:
        wait = 60 - (now - recent[-1]).total_seconds()
        raise LiveError(p.RATE_LIMITED, retry_after=max(1, math.ceil(wait)))


def upvote(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    open_session(session_id)
    if not Question.objects.filter(
        pk=question_id, session_id=session_id, status=Question.Status.PUBLISHED
    ).exists():
        raise LiveError(p.NOT_FOUND, "question_id")
    insert_once(
        Upvote,
        p.ALREADY_UPVOTED,
        question_id=question_id,
        participant_id=participant_id,
    )
    Question.objects.filter(pk=question_id).update(upvotes=F("upvotes") + 1)
    upvotes = Question.objects.values_list("upvotes", flat=True).get(pk=question_id)
    return Outcome(
        result={"question_id": question_id, "upvotes": upvotes},
        counts={"questions": {str(question_id): upvotes}},
    )
