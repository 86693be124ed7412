"""The votes of a vote storm, stored in batches (batches.py): one transaction,
one lock of each poll and one insert for the votes that arrived together."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import Poll, Vote
from .base import LiveError, Outcome
from .polls import _poll_for_vote, _vote_row, vote

# The kinds whose vote is one row and whose `ack` names only the poll. A ranking
# (its places in RankedOption) and a quiz answer (its points, `worth` in the ack)
# go the one-by-one way of `polls.vote`.
QUICK_KINDS = (Poll.Kind.SINGLE, Poll.Kind.MULTIPLE, Poll.Kind.SCALE, Poll.Kind.WORDS)


def cast_votes(
    session_id: int, ballots: list[tuple[int, str | None, dict]]
) -> list[Outcome | LiveError]:
    """The outcome of each (participant, client id, fields of `poll.vote`), in order.
    Votes that are plainly valid are stored together; any other (a refusal, a second
    vote, a retry of a stored one) goes the one-by-one way of `polls.vote`, which
    answers it exactly as a single vote."""
    quick: dict[int, Vote] = {}
    try:
        with transaction.atomic():
            polls: dict[int, Poll | None] = {}
            voters: set[tuple[int, int]] = set()
            for index, (participant_id, client_id, fields) in enumerate(ballots):
                poll_id = fields["poll_id"]
                if poll_id not in polls:
                    # Share-locked as a single vote does (polls._poll_for_vote).
                    polls[poll_id] = _poll_for_vote(session_id, poll_id)
                poll = polls[poll_id]
                if poll is None or poll.state != Poll.State.OPEN:
                    continue
                if poll.kind not in QUICK_KINDS:
                    continue
                if (poll_id, participant_id) in voters:
                    continue  # twice in one batch: the second one the long way
                try:
                    row = _vote_row(
                        poll,
                        fields.get("choices"),
                        fields.get("value"),
                        fields.get("words"),
                    )
                except LiveError:
                    continue
                voters.add((poll_id, participant_id))
                quick[index] = Vote(
                    poll_id=poll_id,
                    participant_id=participant_id,
                    client_id=client_id or "",
                    **row,
                )
            Vote.objects.bulk_create(quick.values())
    except IntegrityError:
        quick = {}  # someone had voted already: every ballot the long way
    results: list[Outcome | LiveError] = []
    for index, (participant_id, client_id, fields) in enumerate(ballots):
        stored = quick.get(index)
        if stored is not None:
            results.append(
                Outcome(result={"poll_id": stored.poll_id}, polls=[stored.poll_id])
            )
            continue
        try:
            results.append(vote(session_id, participant_id, client_id, **fields))
        except LiveError as refused:
            results.append(refused)
    return results
