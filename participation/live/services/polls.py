"""Polls: a moderator creates, opens (one at a time) and closes them; participants
vote once each. A vote only inserts its row; tallies are counted from the rows, by
the hub once per poll and interval (`poll_counts`) and for good when a poll closes
(`close_locked_poll` stores them on the poll)."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from .. import protocol as p
from ..models import LiveSession, Poll, Vote
from . import quiz, ranking
from .base import LiveError, Outcome
from .events import append_events, open_session


def empty_results(kind: str, options: list[str]) -> list[int] | dict:
    if kind == Poll.Kind.WORDS:
        return {}
    if kind == Poll.Kind.SCALE:
        return [0] * p.SCALE_VALUES
    if kind == Poll.Kind.RANKING:
        return ranking.empty_ranking(options)
    if kind == Poll.Kind.TEXT:
        return []  # the answers are rows of their own (services/open_answers.py)
    return [0] * len(options)


def tally(poll: Poll) -> list[int] | dict:
    """A poll's results counted from its votes."""
    if poll.kind == Poll.Kind.RANKING:
        return ranking.average_ranks(poll)
    results = empty_results(poll.kind, poll.options)
    votes = Vote.objects.filter(poll_id=poll.pk)
    if poll.kind == Poll.Kind.TEXT:
        return results
    if poll.kind in (Poll.Kind.SINGLE, Poll.Kind.MULTIPLE, Poll.Kind.QUIZ):
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


def top_words(results: dict[str, int]) -> dict[str, int]:
    """The WORDS_SHOWN most frequent words of a word cloud, most frequent first (ties
    alphabetically): what clients are shown, in snapshots and `counts` alike."""
    top = sorted(results.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(top[: p.WORDS_SHOWN])


def public_results(poll: Poll) -> list[int] | dict:
    """Stored results of a closed poll; an open one is counted from its votes (a
    vote does not update `Poll.results`)."""
    results = tally(poll) if poll.state == Poll.State.OPEN else poll.results
    if poll.kind == Poll.Kind.WORDS:
        return top_words(results or {})
    if poll.kind == Poll.Kind.RANKING:
        return results if ranking.is_ranking(results) else tally(poll)
    return list(results or [])


def poll_data(poll: Poll, *, moderator: bool = False) -> dict:
    """A poll as clients see it; a quiz question also with its time limit and
    deadline, and its correct option for moderators or once revealed."""
    data = {
        "id": poll.pk,
        "kind": poll.kind,
        "question": poll.question,
        "options": poll.options,
        "state": poll.state,
        "results": public_results(poll),
    }
    if poll.kind == Poll.Kind.QUIZ:
        data.update(quiz.quiz_data(poll, moderator=moderator))
    return data


def poll_counts(session_id: int, poll_ids) -> dict:
    """Absolute public results of some polls, as `counts` carries them."""
    polls = Poll.objects.filter(session_id=session_id, pk__in=list(poll_ids))
    return {"polls": {str(poll.pk): public_results(poll) for poll in polls}}


def create_poll(
    session_id: int,
    participant_id: int,
    *,
    kind: str,
    question: str,
    options: list[str] | None = None,
    correct: int | None = None,
    time_limit: int | None = None,
) -> Outcome:
    open_session(session_id)
    if kind == Poll.Kind.QUIZ:
        quiz.check_quiz_mode(LiveSession.objects.only("quiz").get(pk=session_id))
    options = list(options or [])
    poll = Poll.objects.create(
        session_id=session_id,
        kind=kind,
        question=question,
        options=options,
        results=empty_results(kind, options),
        correct=correct,
        time_limit=time_limit,
    )
    data = poll_data(poll, moderator=True)
    return Outcome(result={"poll_id": poll.pk, "state": poll.state, "poll": data})


def _locked_poll(session_id: int, poll_id: int) -> Poll:
    poll = Poll.objects.select_for_update().filter(pk=poll_id, session_id=session_id)
    poll = poll.first()
    if poll is None:
        raise LiveError(p.NOT_FOUND, "poll_id")
    return poll


def close_locked_poll(poll: Poll) -> tuple[str, dict]:
    """Close a poll the caller holds FOR UPDATE (no vote is under way then) and
    store its results, counted from the votes. Returns the event to append."""
    if poll.state == Poll.State.OPEN:
        poll.results = tally(poll)
    poll.state = Poll.State.CLOSED
    poll.closed_at = timezone.now()
    poll.save(update_fields=["state", "closed_at", "results"])
    data = {"poll_id": poll.pk, "results": public_results(poll)}
    if poll.kind == Poll.Kind.QUIZ:
        data.update(quiz.reveal(poll))  # the correct option and the leaderboard
    return ("poll.closed", data)


def open_poll(session_id: int, participant_id: int, *, poll_id: int) -> Outcome:
    return _switch(session_id, poll_id, Poll.State.OPEN)


def close_poll(session_id: int, participant_id: int, *, poll_id: int) -> Outcome:
    return _switch(session_id, poll_id, Poll.State.CLOSED)


def _switch(session_id: int, poll_id: int, state: str) -> Outcome:
    """Open or close a poll; a poll already in `state` is acknowledged and nothing
    is stored. One open poll at a time: opening one closes the others."""
    session = open_session(session_id, lock=True)
    poll = _locked_poll(session_id, poll_id)
    result = {"poll_id": poll.pk, "state": state}
    if poll.state == state:
        return Outcome(result=result)
    if state == Poll.State.CLOSED:
        return Outcome(
            result=result, events=append_events(session, [close_locked_poll(poll)])
        )
    items = [
        close_locked_poll(other)
        for other in Poll.objects.select_for_update()
        .filter(session_id=session_id, state=Poll.State.OPEN)
        .exclude(pk=poll.pk)
    ]
    poll.state = Poll.State.OPEN
    poll.opened_at = timezone.now()
    if poll.kind == Poll.Kind.QUIZ:
        quiz.open_quiz(poll, poll.opened_at)  # its clock starts now
    poll.save(update_fields=["state", "opened_at", "deadline"])
    items.append(("poll.opened", {"poll": poll_data(poll)}))
    return Outcome(result=result, events=append_events(session, items))


def _poll_for_vote(session_id: int, poll_id: int) -> Poll | None:
    """The poll, share-locked on PostgreSQL: votes do not wait for each other, and
    closing a poll (FOR UPDATE) waits for the votes under way, so that the results
    it stores count every vote it let in."""
    queryset = Poll.objects.filter(pk=poll_id, session_id=session_id).only(
        "pk",
        "kind",
        "options",
        "state",
        "correct",
        "time_limit",
        "opened_at",
        "deadline",
    )
    if connection.vendor != "postgresql":
        return queryset.first()  # SQLite: a write locks the whole database anyway
    sql, params = queryset.query.sql_with_params()
    found = list(Poll.objects.raw(f"{sql} FOR SHARE", params))
    return found[0] if found else None


def _vote_row(
    poll: Poll,
    choices: list[int] | None,
    value: int | None,
    words: str | None,
    order: list[int] | None = None,
) -> dict:
    if poll.kind == Poll.Kind.RANKING:
        return ranking.ranking_row(poll, order)
    if poll.kind == Poll.Kind.QUIZ:
        return quiz.quiz_row(poll, choices, timezone.now())
    if poll.kind == Poll.Kind.TEXT:
        raise LiveError(p.INVALID_FIELD, "poll_id")  # answers: `answer.send`
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
    order: list[int] | None = None,
) -> Outcome:
    """One vote: the poll read (share-locked) and the vote's row inserted (and a
    ranking's places), nothing else. The unique (poll, participant) row makes a
    second vote `already_voted`; the vote keeps its client id, so a retry of a
    stored vote gets the same ack. Tallies are counted from the rows
    (`poll_counts`, by the hub per interval). A quiz answer's ack says what a right
    answer is worth (not whether it is right)."""
    try:
        with transaction.atomic():
            poll = _poll_for_vote(session_id, poll_id)
            if poll is None:
                raise LiveError(p.NOT_FOUND, "poll_id")
            if poll.state != Poll.State.OPEN:
                raise LiveError(p.POLL_CLOSED, "poll_id")
            row = _vote_row(poll, choices, value, words, order)
            stored = Vote.objects.create(
                poll_id=poll_id,
                participant_id=participant_id,
                client_id=client_id or "",
                **row,
            )
            if poll.kind == Poll.Kind.RANKING:
                ranking.store_places(stored)
    except (IntegrityError, LiveError) as refused:
        worth = _stored_vote(poll_id, participant_id, client_id) if client_id else None
        if worth is not None:
            return Outcome(result=_vote_result(poll_id, worth), repeated=True)
        if isinstance(refused, LiveError):
            raise
        raise LiveError(p.ALREADY_VOTED) from None
    return Outcome(result=_vote_result(poll_id, stored.worth), polls=[poll_id])


def _vote_result(poll_id: int, worth: int) -> dict:
    return {"poll_id": poll_id, "worth": worth} if worth else {"poll_id": poll_id}


def _stored_vote(poll_id: int, participant_id: int, client_id: str) -> int | None:
    """The worth of the vote stored with this client id (0 but a quiz), or None."""
    return (
        Vote.objects.filter(
            poll_id=poll_id, participant_id=participant_id, client_id=client_id
        )
        .values_list("worth", flat=True)
        .first()
    )
