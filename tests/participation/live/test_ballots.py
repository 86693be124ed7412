"""Votes stored in batches (services/ballots.py): plainly valid votes in one insert,
everything else answered exactly as a single vote is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from participation.live import protocol as p
from participation.live.models import Vote
from participation.live.services.actions import perform
from participation.live.services.ballots import cast_votes
from participation.live.services.base import LiveError, Outcome
from participation.live.services.session import identify

pytestmark = pytest.mark.django_db


def join(session, nickname):
    return identify(session.pk, p.Role.PARTICIPANT, nickname=nickname)[0]


def open_poll(session, moderator):
    poll = perform(
        "poll.create", session.pk, moderator.pk, kind="single", question="Kies",
        options=["A", "B"],
    ).result["poll_id"]  # fmt: skip
    perform("poll.open", session.pk, moderator.pk, poll_id=poll)
    return poll


def test_valid_votes_are_stored_in_one_insert(post_session):
    sam = join(post_session, "Sam")
    poll = open_poll(post_session, sam)
    voters = [join(post_session, f"Deelnemer {n}") for n in range(4)]
    ballots = [
        (voter.pk, f"v{n}", {"poll_id": poll, "choices": [n % 2]})
        for n, voter in enumerate(voters)
    ]
    with CaptureQueriesContext(connection) as captured:
        results = cast_votes(post_session.pk, ballots)
    # The poll read (share-locked on PostgreSQL) and one insert, in one transaction.
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 2 and statements[1].startswith("INSERT")
    assert all(
        isinstance(r, Outcome) and r.result == {"poll_id": poll} for r in results
    )
    assert all(r.polls == [poll] for r in results)
    stored = Vote.objects.filter(poll_id=poll).order_by("participant_id")
    assert [(v.participant_id, v.choices, v.client_id) for v in stored] == [
        (voter.pk, [n % 2], f"v{n}") for n, voter in enumerate(voters)
    ]


def test_every_other_ballot_is_answered_as_a_single_vote(post_session):
    sam, noor, kim, lot = (
        join(post_session, name) for name in ("Sam", "Noor", "Kim", "Lot")
    )
    poll = open_poll(post_session, sam)
    perform("poll.vote", post_session.pk, noor.pk, "n1", poll_id=poll, choices=[0])
    results = cast_votes(
        post_session.pk,
        [
            (noor.pk, "n1", {"poll_id": poll, "choices": [0]}),  # a retry: ack again
            (noor.pk, "n2", {"poll_id": poll, "choices": [1]}),  # a second vote
            (kim.pk, "k1", {"poll_id": poll, "choices": [5]}),  # no such option
            (lot.pk, "l1", {"poll_id": poll + 99, "choices": [0]}),  # no such poll
            (sam.pk, "s1", {"poll_id": poll, "choices": [1]}),  # valid
            (sam.pk, "s2", {"poll_id": poll, "choices": [0]}),  # twice in one batch
        ],
    )
    retry, second, wrong, unknown, valid, twice = results
    assert isinstance(retry, Outcome) and retry.repeated
    assert isinstance(second, LiveError) and second.code == p.ALREADY_VOTED
    assert isinstance(wrong, LiveError) and wrong.code == p.INVALID_FIELD
    assert isinstance(unknown, LiveError) and unknown.code == p.NOT_FOUND
    assert isinstance(valid, Outcome) and not valid.repeated
    assert isinstance(twice, LiveError) and twice.code == p.ALREADY_VOTED
    assert Vote.objects.filter(poll_id=poll).count() == 2


def test_votes_for_a_closed_poll_are_refused(post_session):
    sam, noor = join(post_session, "Sam"), join(post_session, "Noor")
    poll = open_poll(post_session, sam)
    perform("poll.close", post_session.pk, sam.pk, poll_id=poll)
    (closed,) = cast_votes(
        post_session.pk, [(noor.pk, "n", {"poll_id": poll, "choices": [0]})]
    )
    assert isinstance(closed, LiveError) and closed.code == p.POLL_CLOSED
    assert not Vote.objects.filter(poll_id=poll).exists()
