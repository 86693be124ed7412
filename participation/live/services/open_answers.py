"""Open questions: polls of kind `text` to which participants send short answers,
moderated like questions. In pre-moderation an answer waits for a moderator; in
post-moderation it appears at once, unless the word filter holds it. A moderator
approves or hides answers; approved ones appear to everyone, without a nickname.
Capped per participant and per client address, like questions."""

from __future__ import annotations

import math
from datetime import timedelta

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .. import limits
from .. import protocol as p
from ..models import LiveSession, OpenAnswer, Participant, Poll
from ..wordfilter import reason_to_hold
from .base import LiveError, Outcome, check_address, dumps
from .events import append_events, open_session

# A snapshot holds at most this many answers of each kind.
SNAPSHOT_ANSWERS = 200


def answer_data(answer: OpenAnswer) -> dict:
    """An answer as everyone sees it."""
    return {
        "id": answer.pk,
        "poll_id": answer.poll_id,
        "text": answer.text,
        "created_at": answer.created_at.isoformat(),
        "published_at": (
            answer.published_at.isoformat() if answer.published_at else None
        ),
    }


def pending_answer_data(answer: OpenAnswer) -> dict:
    """An answer as moderators see it (with the nickname, to judge it)."""
    return {**answer_data(answer), "nickname": answer.nickname, "status": answer.status}


def _result(answer: OpenAnswer) -> dict:
    return {"answer_id": answer.pk, "status": answer.status}


def send(
    session_id: int,
    participant_id: int,
    *,
    poll_id: int,
    text: str,
    address: str | None = None,
) -> Outcome:
    participant = Participant.objects.only("nickname").get(pk=participant_id)
    _check_answer_rate(participant_id)
    session = open_session(session_id)
    poll = Poll.objects.filter(pk=poll_id, session_id=session_id).first()
    if poll is None:
        raise LiveError(p.NOT_FOUND, "poll_id")
    if poll.kind != Poll.Kind.TEXT:
        raise LiveError(p.INVALID_FIELD, "poll_id")
    if poll.state != Poll.State.OPEN:
        raise LiveError(p.POLL_CLOSED, "poll_id")
    check_address(limits.OPEN_ANSWERS, session_id, address)
    held = reason_to_hold(text, session.blocked_words)
    published = session.moderation == LiveSession.Moderation.POST and held is None
    if published:
        session = open_session(session_id, lock=True)
    answer = OpenAnswer.objects.create(
        session_id=session_id,
        poll_id=poll_id,
        participant_id=participant_id,
        nickname=participant.nickname,
        text=text,
        status=OpenAnswer.Status.PUBLISHED if published else OpenAnswer.Status.PENDING,
        published_at=timezone.now() if published else None,
    )
    result = {**_result(answer), "poll_id": poll_id}
    if held and session.moderation == LiveSession.Moderation.POST:
        result["held"] = held
    outcome = Outcome(result=result)
    if published:
        outcome.events = append_events(
            session, [("answer.published", {"answer": answer_data(answer)})]
        )
    else:
        outcome.moderators = [
            dumps({"type": "pending", "answer": pending_answer_data(answer)})
        ]
    return outcome


def _check_answer_rate(participant_id: int) -> None:
    now = timezone.now()
    recent = list(
        OpenAnswer.objects.filter(
            participant_id=participant_id, created_at__gt=now - timedelta(minutes=1)
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: p.ANSWERS_PER_MINUTE]
    )
    if len(recent) >= p.ANSWERS_PER_MINUTE:
        wait = 60 - (now - recent[-1]).total_seconds()
        raise LiveError(p.RATE_LIMITED, retry_after=max(1, math.ceil(wait)))


def _locked_answer(session_id: int, answer_id: int) -> OpenAnswer:
    answer = (
        OpenAnswer.objects.select_for_update()
        .filter(pk=answer_id, session_id=session_id)
        .first()
    )
    if answer is None:
        raise LiveError(p.NOT_FOUND, "answer_id")
    return answer


def approve(session_id: int, participant_id: int, *, answer_id: int) -> Outcome:
    """Publish a waiting answer. Approving a published one changes nothing; a
    hidden one cannot be approved (`invalid_field`)."""
    session = open_session(session_id, lock=True)
    answer = _locked_answer(session_id, answer_id)
    if answer.status == OpenAnswer.Status.PUBLISHED:
        return Outcome(result=_result(answer))
    if answer.status != OpenAnswer.Status.PENDING:
        raise LiveError(p.INVALID_FIELD, "answer_id")
    answer.status = OpenAnswer.Status.PUBLISHED
    answer.published_at = timezone.now()
    answer.save(update_fields=["status", "published_at"])
    events = append_events(
        session, [("answer.published", {"answer": answer_data(answer)})]
    )
    return Outcome(result=_result(answer), events=events)


def hide(session_id: int, participant_id: int, *, answer_id: int) -> Outcome:
    """Hide an answer: a waiting one never appears (moderators drop it from their
    queue), a published one disappears for everyone. Hiding twice changes nothing."""
    session = open_session(session_id, lock=True)
    answer = _locked_answer(session_id, answer_id)
    if answer.status == OpenAnswer.Status.HIDDEN:
        return Outcome(result=_result(answer))
    was_published = answer.status == OpenAnswer.Status.PUBLISHED
    answer.status = OpenAnswer.Status.HIDDEN
    answer.save(update_fields=["status"])
    outcome = Outcome(result=_result(answer))
    if was_published:
        outcome.events = append_events(
            session,
            [("answer.hidden", {"answer_id": answer.pk, "poll_id": answer.poll_id})],
        )
    else:
        outcome.moderators = [dumps({"type": "rejected", "answer_id": answer.pk})]
    return outcome


def snapshot_answers(session_id: int, *, moderator: bool) -> dict:
    """The answers a snapshot holds: the newest published ones, and for moderators
    the ones waiting longest."""
    answers = OpenAnswer.objects.filter(session_id=session_id)
    published = answers.filter(status=OpenAnswer.Status.PUBLISHED).order_by(
        "-published_at", "-pk"
    )
    found = {"answers": [answer_data(a) for a in published[:SNAPSHOT_ANSWERS]]}
    if moderator:
        waiting = answers.filter(status=OpenAnswer.Status.PENDING)
        found["pending_answers"] = [
            pending_answer_data(a)
            for a in waiting.order_by("created_at", "pk")[:SNAPSHOT_ANSWERS]
        ]
    return found


# After the session (services/results.py) ---------------------------------------

# The results page shows this many answers of each open question, the newest.
ANSWERS_SHOWN = 20


def shown_answers(poll_ids: list[int]) -> dict[int, dict]:
    """Per open question its newest published answers (at most ANSWERS_SHOWN) and
    how many were published: `{poll_id: {"answers": [text], "total": n}}`, in one
    query whatever the number of questions or answers."""
    if not poll_ids:
        return {}
    by_poll = {"partition_by": F("poll_id")}
    rows = (
        OpenAnswer.objects.filter(
            poll_id__in=poll_ids, status=OpenAnswer.Status.PUBLISHED
        )
        .annotate(
            row=Window(
                RowNumber(),
                order_by=(F("published_at").desc(), F("pk").desc()),
                **by_poll,
            ),
            total=Window(Count("pk"), **by_poll),
        )
        .filter(row__lte=ANSWERS_SHOWN)
        .order_by("poll_id", "row")
        .values_list("poll_id", "text", "total")
    )
    found: dict[int, dict] = {}
    for poll_id, text, total in rows:
        found.setdefault(poll_id, {"answers": [], "total": total})["answers"].append(
            text
        )
    return found


def csv_answers(session_id: int):
    """(question, nickname, answer, sent at) of every published answer, read as
    they are written."""
    return (
        OpenAnswer.objects.filter(
            session_id=session_id, status=OpenAnswer.Status.PUBLISHED
        )
        .order_by("poll_id", "created_at", "pk")
        .values_list("poll__question", "nickname", "text", "created_at")
        .iterator(chunk_size=2000)
    )
