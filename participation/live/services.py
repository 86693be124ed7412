"""What a live session does, as small synchronous database functions.

Each action runs in one transaction: it stores the change and, for a sequenced
event, raises `LiveSession.last_seq` under the session's row lock and stores the
`Event`. It returns an `Outcome` with the frames already serialised to JSON text;
the consumer broadcasts them only after the commit (docs/live-protocol.md).

Lock order, to stay free of deadlocks: the session row first, then a poll or a
question row. Votes and upvotes never take the session lock.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import limits
from . import protocol as p
from .models import (
    ClientAction,
    Event,
    LiveSession,
    Participant,
    Poll,
    Question,
    ReactionTally,
    Upvote,
    Vote,
)


class LiveError(Exception):
    """A refused action: one of the protocol's error codes."""

    def __init__(self, code: str, field: str | None = None, **extra: Any):
        super().__init__(code, field)
        self.code = code
        self.field = field
        self.extra = extra


@dataclass
class Outcome:
    """What an action did: the ack's fields, the stored events as (seq, frame text),
    frames for moderators only, and the absolute counts that changed."""

    result: dict = field(default_factory=dict)
    events: list[tuple[int, str]] = field(default_factory=list)
    moderators: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    polls: list[int] = field(default_factory=list)  # votes to count (hub, per tick)
    repeated: bool = False  # a retry answered from the stored result


def dumps(value: Any) -> str:
    """JSON text as it goes over the wire: compact, UTF-8 (not \\u-escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def event_frame(seq: int, kind: str, data: dict) -> str:
    return dumps({"type": "event", "seq": seq, "kind": kind, "data": data})


# Sessions and participants -------------------------------------------------


def session_by_code(code: str) -> LiveSession | None:
    return LiveSession.objects.by_code(code).select_related("consultation").first()


def session_ref(code: str) -> dict | None:
    """What a handshake needs of the session a code names (one small query):
    `id` and the fields of `session_info`."""
    return (
        LiveSession.objects.by_code(code)
        .values("id", "code", "title", "state", "moderation")
        .first()
    )


def session_info(session: LiveSession) -> dict:
    return {
        "code": session.code,
        "title": session.title,
        "state": session.state,
        "moderation": session.moderation,
    }


def _token_salt(session_id: int) -> str:
    return f"inspraak.live.participant.{session_id}"


def make_token(participant: Participant) -> str:
    return signing.dumps(
        [participant.pk, participant.key], salt=_token_salt(participant.session_id)
    )


def participant_from_token(session_id: int, token: str) -> Participant | None:
    try:
        pk, key = signing.loads(token, salt=_token_salt(session_id))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Participant.objects.filter(
        pk=pk, key=key, session_id=session_id, user__isnull=True
    ).first()


def identify(
    session_id: int,
    role: str,
    *,
    token: str | None = None,
    nickname: str | None = None,
    user=None,
    address: str | None = None,
) -> tuple[Participant | None, str | None]:
    """The participant behind a `hello`: a moderator's own row, the one the token
    names, or a new one with the nickname. A projector has none. A new one counts
    against its client `address` (limits.NEW_PARTICIPANTS), when one is given."""
    if role == p.Role.PROJECTOR:
        return None, None
    if role == p.Role.MODERATOR:
        participant, _created = Participant.objects.get_or_create(
            session_id=session_id,
            user=user,
            defaults={"nickname": nickname or _("Moderator")},
        )
    else:
        participant = participant_from_token(session_id, token) if token else None
        if participant is None:
            if not nickname:
                raise LiveError(p.MISSING_FIELD, "nickname")
            _check_address(limits.NEW_PARTICIPANTS, session_id, address)
            participant = Participant.objects.create(
                session_id=session_id, nickname=nickname
            )
    if nickname and participant.nickname != nickname:
        participant.nickname = nickname
        participant.save(update_fields=["nickname"])
    return participant, make_token(participant)


def _check_address(cap: limits.Cap, session_id: int, address: str | None) -> None:
    if address is None:
        return
    wait = limits.wait_for(cap, session_id, address)
    if wait:
        raise LiveError(p.RATE_LIMITED, retry_after=wait)


def _session(session_id: int, *, lock: bool = False) -> LiveSession:
    queryset = LiveSession.objects.only("pk", "state", "moderation", "last_seq")
    if lock:
        queryset = queryset.select_for_update()
    session = queryset.get(pk=session_id)
    if session.state == LiveSession.State.ENDED:
        raise LiveError(p.SESSION_ENDED)
    return session


def _append_events(
    session: LiveSession, items: list[tuple[str, dict]]
) -> list[tuple[int, str]]:
    """Store events with the next sequence numbers. The caller holds the session's
    row lock (from `_session(lock=True)`), so numbers grow by exactly one."""
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


# Shapes sent to clients ------------------------------------------------------


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


def public_results(poll: Poll) -> list[int] | dict[str, int]:
    """Stored results of a closed poll; an open one is counted from its votes (a
    vote does not update `Poll.results`)."""
    results = tally(poll) if poll.state == Poll.State.OPEN else poll.results
    if poll.kind == Poll.Kind.WORDS:
        top = sorted((results or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        return dict(top[: p.WORDS_SHOWN])
    return list(results or [])


def poll_data(poll: Poll) -> dict:
    return {
        "id": poll.pk,
        "kind": poll.kind,
        "question": poll.question,
        "options": poll.options,
        "state": poll.state,
        "results": public_results(poll),
    }


def empty_results(kind: str, options: list[str]) -> list[int] | dict[str, int]:
    if kind == Poll.Kind.WORDS:
        return {}
    if kind == Poll.Kind.SCALE:
        return [0] * p.SCALE_VALUES
    return [0] * len(options)


# The action runner ------------------------------------------------------------


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
    `address`: the client's, for the caps per address (questions)."""
    if action == "poll.vote":
        return vote(session_id, participant_id, client_id, **fields)
    handler = ACTIONS[action]
    if action == "question.ask":
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


def _insert_once(model, error_code: str, **values) -> None:
    """Insert a row guarded by a unique constraint; a duplicate is `error_code`."""
    try:
        with transaction.atomic():
            model.objects.create(**values)
    except IntegrityError:
        raise LiveError(error_code) from None


# Questions ---------------------------------------------------------------------


def ask(
    session_id: int, participant_id: int, *, text: str, address: str | None = None
) -> Outcome:
    participant = Participant.objects.only("nickname", "user_id").get(pk=participant_id)
    if participant.user_id is None:
        _check_question_rate(participant_id)
    session = _session(session_id)
    if participant.user_id is None:  # moderators are not capped
        _check_address(limits.QUESTIONS, session_id, address)
    published = session.moderation == LiveSession.Moderation.POST
    if published:
        session = _session(session_id, lock=True)
    question = Question.objects.create(
        session_id=session_id,
        participant_id=participant_id,
        nickname=participant.nickname,
        text=text,
        status=Question.Status.PUBLISHED if published else Question.Status.PENDING,
        published_at=timezone.now() if published else None,
    )
    outcome = Outcome(result={"question_id": question.pk, "status": question.status})
    if published:
        outcome.events = _append_events(
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
    _session(session_id)
    if not Question.objects.filter(
        pk=question_id, session_id=session_id, status=Question.Status.PUBLISHED
    ).exists():
        raise LiveError(p.NOT_FOUND, "question_id")
    _insert_once(
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


def _question(session_id: int, question_id: int) -> Question:
    question = (
        Question.objects.select_for_update()
        .filter(pk=question_id, session_id=session_id)
        .first()
    )
    if question is None:
        raise LiveError(p.NOT_FOUND, "question_id")
    return question


def _question_result(question: Question) -> dict:
    return {"question_id": question.pk, "status": question.status}


def approve(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    question = _question(session_id, question_id)
    if question.status == Question.Status.PUBLISHED:
        return Outcome(result=_question_result(question))
    if question.status != Question.Status.PENDING:
        raise LiveError(p.INVALID_FIELD, "question_id")
    question.status = Question.Status.PUBLISHED
    question.published_at = timezone.now()
    question.save(update_fields=["status", "published_at"])
    events = _append_events(
        session, [("question.published", {"question": question_data(question)})]
    )
    return Outcome(result=_question_result(question), events=events)


def reject(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    _session(session_id, lock=True)
    question = _question(session_id, question_id)
    if question.status == Question.Status.REJECTED:
        return Outcome(result=_question_result(question))
    if question.status != Question.Status.PENDING:
        raise LiveError(p.INVALID_FIELD, "question_id")
    question.status = Question.Status.REJECTED
    question.save(update_fields=["status"])
    return Outcome(
        result=_question_result(question),
        moderators=[dumps({"type": "rejected", "question_id": question.pk})],
    )


def _published_question(session_id: int, question_id: int) -> Question:
    question = _question(session_id, question_id)
    if question.status != Question.Status.PUBLISHED:
        raise LiveError(p.INVALID_FIELD, "question_id")
    return question


def answer(
    session_id: int, participant_id: int, *, question_id: int, answer: str = ""
) -> Outcome:
    session = _session(session_id, lock=True)
    question = _published_question(session_id, question_id)
    question.answered = True
    question.answer = answer
    question.save(update_fields=["answered", "answer"])
    events = _append_events(
        session,
        [("question.answered", {"question_id": question.pk, "answer": answer})],
    )
    return Outcome(result=_question_result(question), events=events)


def pin(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    question = _published_question(session_id, question_id)
    if question.pinned:
        return Outcome(result=_question_result(question))
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
        result=_question_result(question), events=_append_events(session, items)
    )


def unpin(session_id: int, participant_id: int, *, question_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    question = _question(session_id, question_id)
    if not question.pinned:
        return Outcome(result=_question_result(question))
    question.pinned = False
    question.save(update_fields=["pinned"])
    events = _append_events(
        session, [("question.unpinned", {"question_id": question.pk})]
    )
    return Outcome(result=_question_result(question), events=events)


def hide(
    session_id: int, participant_id: int, *, question_id: int, reason: str = ""
) -> Outcome:
    session = _session(session_id, lock=True)
    question = _question(session_id, question_id)
    if question.status == Question.Status.HIDDEN:
        return Outcome(result=_question_result(question))
    if question.status != Question.Status.PUBLISHED:
        raise LiveError(p.INVALID_FIELD, "question_id")
    question.status = Question.Status.HIDDEN
    question.hidden_reason = reason
    question.pinned = False
    question.save(update_fields=["status", "hidden_reason", "pinned"])
    events = _append_events(
        session, [("question.hidden", {"question_id": question.pk})]
    )
    return Outcome(result=_question_result(question), events=events)


# Polls -----------------------------------------------------------------------------


def create_poll(
    session_id: int,
    participant_id: int,
    *,
    kind: str,
    question: str,
    options: list[str] | None = None,
) -> Outcome:
    _session(session_id)
    options = list(options or [])
    poll = Poll.objects.create(
        session_id=session_id,
        kind=kind,
        question=question,
        options=options,
        results=empty_results(kind, options),
    )
    return Outcome(
        result={"poll_id": poll.pk, "state": poll.state, "poll": poll_data(poll)}
    )


def _poll(session_id: int, poll_id: int) -> Poll:
    poll = Poll.objects.select_for_update().filter(pk=poll_id, session_id=session_id)
    poll = poll.first()
    if poll is None:
        raise LiveError(p.NOT_FOUND, "poll_id")
    return poll


def _close(poll: Poll) -> tuple[str, dict]:
    """Close a poll the caller holds FOR UPDATE (no vote is under way then) and
    store its results, counted from the votes."""
    if poll.state == Poll.State.OPEN:
        poll.results = tally(poll)
    poll.state = Poll.State.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["state", "closed_at", "results"])
    return ("poll.closed", {"poll_id": poll.pk, "results": public_results(poll)})


def open_poll(session_id: int, participant_id: int, *, poll_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    poll = _poll(session_id, poll_id)
    result = {"poll_id": poll.pk, "state": Poll.State.OPEN}
    if poll.state == Poll.State.OPEN:
        return Outcome(result=result)
    # One open poll at a time: opening one closes the others.
    items = [
        _close(other)
        for other in Poll.objects.select_for_update()
        .filter(session_id=session_id, state=Poll.State.OPEN)
        .exclude(pk=poll.pk)
    ]
    poll.state = Poll.State.OPEN
    poll.opened_at = timezone.now()
    poll.save(update_fields=["state", "opened_at"])
    items.append(("poll.opened", {"poll": poll_data(poll)}))
    return Outcome(result=result, events=_append_events(session, items))


def close_poll(session_id: int, participant_id: int, *, poll_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    poll = _poll(session_id, poll_id)
    result = {"poll_id": poll.pk, "state": Poll.State.CLOSED}
    if poll.state == Poll.State.CLOSED:
        return Outcome(result=result)
    return Outcome(result=result, events=_append_events(session, [_close(poll)]))


def _poll_for_vote(session_id: int, poll_id: int) -> Poll | None:
    """The poll, share-locked on PostgreSQL: votes do not wait for each other, and
    closing a poll (FOR UPDATE) waits for the votes under way, so that the results
    it stores count every vote it let in."""
    queryset = Poll.objects.filter(pk=poll_id, session_id=session_id).only(
        "pk", "kind", "options", "state"
    )
    if connection.vendor != "postgresql":
        return queryset.first()  # SQLite: a write locks the whole database anyway
    sql, params = queryset.query.sql_with_params()
    found = list(Poll.objects.raw(f"{sql} FOR SHARE", params))
    return found[0] if found else None


def _vote_row(
    poll: Poll, choices: list[int] | None, value: int | None, words: str | None
) -> dict:
    if poll.kind in (Poll.Kind.SINGLE, Poll.Kind.MULTIPLE):
        if choices is None:
            raise LiveError(p.MISSING_FIELD, "choices")
        if poll.kind == Poll.Kind.SINGLE and len(choices) != 1:
            raise LiveError(p.INVALID_FIELD, "choices")
        if any(index >= len(poll.options) for index in choices):
            raise LiveError(p.INVALID_FIELD, "choices")
        return {"choices": choices}
    if poll.kind == Poll.Kind.SCALE:
        if value is None:
            raise LiveError(p.MISSING_FIELD, "value")
        return {"value": value}
    if words is None:
        raise LiveError(p.MISSING_FIELD, "words")
    word = p.normalise_word(words)
    if not word:
        raise LiveError(p.INVALID_FIELD, "words")
    return {"words": word}


def vote(
    session_id: int,
    participant_id: int,
    client_id: str | None = None,
    *,
    poll_id: int,
    choices: list[int] | None = None,
    value: int | None = None,
    words: str | None = None,
) -> Outcome:
    """One vote: the poll read (share-locked) and the vote's row inserted, nothing
    else. The unique (poll, participant) row makes a second vote `already_voted`;
    the vote keeps its client id, so a retry of a stored vote gets the same ack.
    Tallies are counted from the rows (`poll_counts`, by the hub per interval)."""
    result = {"poll_id": poll_id}
    try:
        with transaction.atomic():
            poll = _poll_for_vote(session_id, poll_id)
            if poll is None:
                raise LiveError(p.NOT_FOUND, "poll_id")
            if poll.state != Poll.State.OPEN:
                raise LiveError(p.POLL_CLOSED, "poll_id")
            row = _vote_row(poll, choices, value, words)
            Vote.objects.create(
                poll_id=poll_id,
                participant_id=participant_id,
                client_id=client_id or "",
                **row,
            )
    except (IntegrityError, LiveError) as refused:
        if client_id and _is_stored_vote(poll_id, participant_id, client_id):
            return Outcome(result=result, repeated=True)
        if isinstance(refused, LiveError):
            raise
        raise LiveError(p.ALREADY_VOTED) from None
    return Outcome(result=result, polls=[poll_id])


def _is_stored_vote(poll_id: int, participant_id: int, client_id: str) -> bool:
    return Vote.objects.filter(
        poll_id=poll_id, participant_id=participant_id, client_id=client_id
    ).exists()


def tally(poll: Poll) -> list[int] | dict[str, int]:
    """A poll's results counted from its votes."""
    results = empty_results(poll.kind, poll.options)
    votes = Vote.objects.filter(poll_id=poll.pk)
    if poll.kind in (Poll.Kind.SINGLE, Poll.Kind.MULTIPLE):
        for choices in votes.values_list("choices", flat=True):
            for index in choices or ():
                if 0 <= index < len(results):
                    results[index] += 1
    elif poll.kind == Poll.Kind.SCALE:
        for value, n in votes.order_by().values_list("value").annotate(n=Count("pk")):
            if value and 1 <= value <= len(results):
                results[value - 1] += n
    else:
        for word, n in votes.order_by().values_list("words").annotate(n=Count("pk")):
            if word:
                results[word] = n
    return results


def poll_counts(session_id: int, poll_ids) -> dict:
    """Absolute public results of some polls, as `counts` carries them."""
    polls = Poll.objects.filter(session_id=session_id, pk__in=list(poll_ids))
    return {"polls": {str(poll.pk): public_results(poll) for poll in polls}}


# Reactions and the session itself ----------------------------------------------------


def react(session_id: int, participant_id: int, *, emoji: str) -> Outcome:
    _session(session_id)
    tallies = ReactionTally.objects.filter(session_id=session_id, emoji=emoji)
    if not tallies.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ReactionTally.objects.create(
                    session_id=session_id, emoji=emoji, count=1
                )
        except IntegrityError:  # created by someone else just now
            tallies.update(count=F("count") + 1)
    count = tallies.values_list("count", flat=True).get()
    return Outcome(result={"emoji": emoji}, counts={"reactions": {emoji: count}})


def start_session(session_id: int, participant_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    if session.state == LiveSession.State.LIVE:
        return Outcome(result={"state": session.state})
    LiveSession.objects.filter(pk=session_id).update(state=LiveSession.State.LIVE)
    events = _append_events(
        session, [("session.started", {"state": LiveSession.State.LIVE})]
    )
    return Outcome(result={"state": LiveSession.State.LIVE}, events=events)


def end_session(session_id: int, participant_id: int) -> Outcome:
    session = _session(session_id, lock=True)
    now = timezone.now()
    LiveSession.objects.filter(pk=session_id).update(
        state=LiveSession.State.ENDED, ends_at=now
    )
    # Votes stop with the session: an open poll closes first, with its results.
    items = [
        _close(poll)
        for poll in Poll.objects.select_for_update().filter(
            session_id=session_id, state=Poll.State.OPEN
        )
    ]
    items.append(("session.ended", {"state": LiveSession.State.ENDED}))
    events = _append_events(session, items)
    return Outcome(result={"state": LiveSession.State.ENDED}, events=events)


ACTIONS: dict[str, Callable[..., Outcome]] = {
    "question.ask": ask,
    "question.upvote": upvote,
    "question.approve": approve,
    "question.reject": reject,
    "question.answer": answer,
    "question.pin": pin,
    "question.unpin": unpin,
    "question.hide": hide,
    "poll.create": create_poll,
    "poll.open": open_poll,
    "poll.close": close_poll,
    "reaction": react,
    "session.start": start_session,
    "session.end": end_session,
}


# Catching up -----------------------------------------------------------------------


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
        "mine": {"upvoted": [], "voted": []},
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


@dataclass
class Hello:
    """What a participant's `hello` found, in one trip to the database: who it is,
    and either the missed events (`missed`, up to `seq`) or, when a snapshot is
    needed, the participant's own part of it (`mine`)."""

    participant: Participant
    token: str
    seq: int | None = None
    missed: list[tuple[int, str]] | None = None
    mine: dict | None = None


def participant_hello(
    session_id: int,
    *,
    token: str | None,
    nickname: str | None,
    since: int | None,
    known: int | None = None,
    address: str | None = None,
) -> Hello:
    participant, token_out = identify(
        session_id, p.Role.PARTICIPANT, token=token, nickname=nickname, address=address
    )
    hello = Hello(participant=participant, token=token_out)
    if since is not None:
        missed = replay(session_id, since, known)
        if missed is not None:
            hello.missed = missed
            hello.seq = missed[-1][0] if missed else since
            return hello
    # A new participant has nothing of its own yet.
    hello.mine = (
        mine(session_id, participant.pk) if token else {"upvoted": [], "voted": []}
    )
    return hello


def catch_up(
    session_id: int, participant_id: int | None, role: str, since: int | None
) -> tuple[int, list[tuple[int, str]] | None, dict | None]:
    """(seq, missed events, snapshot): the missed events when `since` is recent
    enough, else a snapshot."""
    if since is not None:
        missed = replay(session_id, since)
        if missed is not None:
            return (missed[-1][0] if missed else since), missed, None
    frame = snapshot(session_id, participant_id, role)
    return frame["seq"], None, frame


# Results after the session (pages, CSV) ----------------------------------------------


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
