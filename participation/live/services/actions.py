"""The action runner: one client action in one transaction, applied once per client
id (a retry after a lost connection gets the stored result and changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from ..models import ClientAction
from . import moderation, open_answers, pace, polls, questions, reactions, session
from .base import Outcome

ACTIONS: dict[str, Callable[..., Outcome]] = {
    "question.ask": questions.ask,
    "question.upvote": questions.upvote,
    "question.approve": moderation.approve,
    "question.merge": moderation.merge,
    "question.reject": moderation.reject,
    "question.answer": moderation.answer,
    "question.pin": moderation.pin,
    "question.unpin": moderation.unpin,
    "question.hide": moderation.hide,
    "poll.create": polls.create_poll,
    "poll.open": polls.open_poll,
    "poll.close": polls.close_poll,
    "answer.send": open_answers.send,
    "answer.approve": open_answers.approve,
    "answer.hide": open_answers.hide,
    "reaction": reactions.react,
    "pace": pace.give,
    "pace.withdraw": pace.withdraw,
    "session.start": session.start_session,
    "session.end": session.end_session,
}


# Actions capped per client address (limits.py).
ADDRESSED = frozenset({"question.ask", "answer.send"})


def perform(
    action: str,
    session_id: int,
    participant_id: int,
    client_id: str | None = None,
    *,
    address: str | None = None,
    **fields: Any,
) -> Outcome:
    """Run one client action in one transaction. With a client id, a retry of an
    action that was already applied returns the stored result and does nothing.
    `address`: the client's, for the caps per address (questions, open answers). A vote keeps
    its client id on its own row (`polls.vote`)."""
    if action == "poll.vote":
        return polls.vote(session_id, participant_id, client_id, **fields)
    handler = ACTIONS[action]
    if action in ADDRESSED:
        fields["address"] = address
    try:
        with transaction.atomic():
            if client_id:
                stored = _stored_result(participant_id, client_id)
                if stored is not None:
                    return Outcome(result=stored, repeated=True)
            outcome = handler(session_id, participant_id, **fields)
            if client_id:
                ClientAction.objects.create(
                    participant_id=participant_id,
                    client_id=client_id,
                    result=outcome.result,
                )
            return outcome
    except IntegrityError:
        # Two copies of one retry raced; the other one was applied.
        stored = _stored_result(participant_id, client_id) if client_id else None
        if stored is None:
            raise
        return Outcome(result=stored, repeated=True)


def _stored_result(participant_id: int, client_id: str) -> dict | None:
    return (
        ClientAction.objects.filter(participant_id=participant_id, client_id=client_id)
        .values_list("result", flat=True)
        .first()
    )
