"""The database side of live sessions: numbering, retries, catch-up and results."""

import json

import pytest

from participation.live import protocol as p
from participation.live.models import Event, LiveSession, Poll, Question, Vote
from participation.live.services.actions import perform
from participation.live.services.base import LiveError
from participation.live.services.events import events_after, replay
from participation.live.services.join import participant_hello
from participation.live.services.polls import poll_counts
from participation.live.services.results import session_results
from participation.live.services.session import (
    identify,
    participant_from_token,
    session_ref,
)


def join(session, nickname="Sam"):
    participant, _token = identify(session.pk, p.Role.PARTICIPANT, nickname=nickname)
    return participant


def act(session, participant, action, client_id=None, **fields):
    return perform(action, session.pk, participant.pk, client_id, **fields)


def test_each_session_numbers_its_own_events_without_gaps(post_session, other_session):
    sam, kim = join(post_session), join(other_session, "Kim")
    for n in range(3):
        act(post_session, sam, "question.ask", text=f"Vraag {n}")
    act(other_session, kim, "question.ask", text="Elders")
    assert list(
        Event.objects.filter(session=post_session).values_list("seq", flat=True)
    ) == [1, 2, 3]
    assert list(
        Event.objects.filter(session=other_session).values_list("seq", flat=True)
    ) == [1]
    post_session.refresh_from_db()
    assert post_session.last_seq == 3


def test_an_outcome_carries_the_frame_as_it_was_stored(post_session):
    sam = join(post_session)
    outcome = act(post_session, sam, "question.ask", text="Wat gebeurt er nu?")
    ((seq, text),) = outcome.events
    ((stored_seq, stored),) = events_after(post_session.pk, seq - 1)
    # The same frame (PostgreSQL's jsonb may order the keys differently).
    assert (stored_seq, json.loads(stored)) == (seq, json.loads(text))


def test_a_refused_action_stores_nothing_and_no_retry_result(live_session):
    sam = join(live_session)
    with pytest.raises(LiveError) as refused:
        act(live_session, sam, "question.upvote", "retry-1", question_id=999)
    assert refused.value.code == p.NOT_FOUND
    assert not sam.actions.exists()


def test_replay_or_snapshot(post_session, monkeypatch):
    monkeypatch.setattr(p, "REPLAY_LIMIT", 2)
    sam = join(post_session)
    for n in range(3):
        act(post_session, sam, "question.ask", text=f"Vraag {n}")
    assert [seq for seq, _ in replay(post_session.pk, 1)] == [2, 3]
    assert replay(post_session.pk, 3) == []
    assert replay(post_session.pk, 0) is None  # 3 > REPLAY_LIMIT
    assert replay(post_session.pk, 4) is None  # from the future


def test_a_token_belongs_to_one_session(post_session, other_session):
    participant, token = identify(post_session.pk, p.Role.PARTICIPANT, nickname="Sam")
    assert participant_from_token(post_session.pk, token) == participant
    assert participant_from_token(other_session.pk, token) is None
    assert participant_from_token(post_session.pk, token + "x") is None


def test_results_after_the_session(post_session):
    sam, noor = join(post_session), join(post_session, "Noor")
    first = act(post_session, sam, "question.ask", text="Eerste").result["question_id"]
    second = act(post_session, sam, "question.ask", text="Tweede").result["question_id"]
    act(post_session, noor, "question.upvote", question_id=second)
    act(post_session, sam, "question.answer", question_id=second, answer="Ja.")
    hidden = act(post_session, sam, "question.ask", text="Weg").result["question_id"]
    act(post_session, sam, "question.hide", question_id=hidden)
    poll = act(
        post_session,
        sam,
        "poll.create",
        kind="single",
        question="Kies",
        options=["A", "B"],
    ).result["poll_id"]
    act(post_session, sam, "poll.create", kind="scale", question="Nooit geopend")
    act(post_session, sam, "poll.open", poll_id=poll)
    act(post_session, noor, "poll.vote", poll_id=poll, choices=[1])
    act(post_session, sam, "session.end")

    session = LiveSession.objects.get(pk=post_session.pk)
    results = session_results(session)
    assert [q["id"] for q in results["questions"]] == [second, first]
    assert results["questions"][0]["answer"] == "Ja."
    assert results["questions"][0]["upvotes"] == 1
    (only,) = results["polls"]
    assert only["id"] == poll
    assert only["state"] == "closed"  # ending the session closed it
    assert only["total"] == 1
    assert only["tallies"] == [("A", 0), ("B", 1)]
    assert [row["percent"] for row in only["rows"]] == [0, 100]


def open_poll(session, moderator, kind="single", options=("A", "B")):
    poll = act(
        session, moderator, "poll.create", kind=kind, question="Kies", options=options
    ).result["poll_id"]
    act(session, moderator, "poll.open", poll_id=poll)
    return poll


def test_a_vote_only_inserts_its_row_and_is_counted_from_the_rows(post_session):
    sam, noor, kim = (join(post_session, name) for name in ("Sam", "Noor", "Kim"))
    poll = open_poll(post_session, sam)
    outcome = act(post_session, noor, "poll.vote", "v-1", poll_id=poll, choices=[1])
    assert outcome.result == {"poll_id": poll} and outcome.polls == [poll]
    assert not noor.actions.exists()  # the vote row itself keeps the client id
    act(post_session, kim, "poll.vote", poll_id=poll, choices=[1])
    assert poll_counts(post_session.pk, [poll]) == {"polls": {str(poll): [0, 2]}}
    act(post_session, sam, "poll.close", poll_id=poll)
    assert Poll.objects.get(pk=poll).results == [0, 2]  # stored when it closed


def test_a_vote_retry_is_acknowledged_again_even_after_the_poll_closed(post_session):
    sam, noor = join(post_session), join(post_session, "Noor")
    poll = open_poll(post_session, sam)
    act(post_session, noor, "poll.vote", "v-1", poll_id=poll, choices=[0])
    retry = act(post_session, noor, "poll.vote", "v-1", poll_id=poll, choices=[0])
    assert retry.repeated and retry.result == {"poll_id": poll}
    with pytest.raises(LiveError) as refused:  # another id: a second vote
        act(post_session, noor, "poll.vote", "v-2", poll_id=poll, choices=[1])
    assert refused.value.code == p.ALREADY_VOTED
    act(post_session, sam, "poll.close", poll_id=poll)
    late = act(post_session, noor, "poll.vote", "v-1", poll_id=poll, choices=[0])
    assert late.repeated
    with pytest.raises(LiveError) as closed:
        act(post_session, sam, "poll.vote", "v-3", poll_id=poll, choices=[0])
    assert closed.value.code == p.POLL_CLOSED
    assert Vote.objects.filter(poll_id=poll).count() == 1


def test_one_hello_trip_identifies_and_catches_up(post_session):
    sam = join(post_session)
    act(post_session, sam, "question.ask", text="Eerste")
    new = participant_hello(post_session.pk, token=None, nickname="Noor", since=None)
    assert new.missed is None
    assert new.mine == {"upvoted": [], "voted": [], "quiz": {}}
    again = participant_hello(post_session.pk, token=new.token, nickname=None, since=0)
    assert again.participant == new.participant
    assert [seq for seq, _ in again.missed] == [1] and again.seq == 1


def test_a_session_is_found_by_its_code_in_one_small_query(
    post_session, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = session_ref(post_session.code.lower())
    assert found["id"] == post_session.pk and found["state"] == post_session.state


def test_a_replay_within_what_the_hub_knows_reads_only_the_events(
    post_session, django_assert_num_queries
):
    sam = join(post_session)
    for n in range(2):
        act(post_session, sam, "question.ask", text=f"Vraag {n}")
    with django_assert_num_queries(1):
        assert [seq for seq, _ in replay(post_session.pk, 1, known=2)] == [2]
    assert replay(post_session.pk, 5, known=2) is None  # from the future


def test_a_session_started_before_its_time_begins_when_it_started(post_session):
    from datetime import timedelta

    from django.utils import timezone

    planned = timezone.now() + timedelta(hours=2)
    LiveSession.objects.filter(pk=post_session.pk).update(starts_at=planned)
    host = join(post_session)
    act(post_session, host, "session.start")
    act(post_session, host, "session.end")
    session = LiveSession.objects.get(pk=post_session.pk)
    assert session.starts_at < planned
    assert session.starts_at <= session.ends_at


def test_a_session_started_late_keeps_its_planned_start(post_session):
    from datetime import timedelta

    from django.utils import timezone

    planned = timezone.now() - timedelta(minutes=10)
    LiveSession.objects.filter(pk=post_session.pk).update(starts_at=planned)
    act(post_session, join(post_session), "session.start")
    assert LiveSession.objects.get(pk=post_session.pk).starts_at == planned


def test_a_session_cannot_end_before_it_starts(post_session):
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    post_session.ends_at = post_session.starts_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        post_session.full_clean()
    assert "ends_at" in refused.value.message_dict
    post_session.ends_at = post_session.starts_at + timedelta(hours=1)
    post_session.full_clean()


def test_a_small_sessions_snapshot_holds_every_published_question(post_session):
    from participation.live.services.snapshot import snapshot

    sam = join(post_session)
    for n in range(3):
        act(post_session, sam, "question.ask", text=f"Vraag {n}")
    frame = snapshot(post_session.pk, None, p.Role.PARTICIPANT)
    assert [q["text"] for q in frame["questions"]] == ["Vraag 2", "Vraag 1", "Vraag 0"]
    assert frame["questions_total"] == 3


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Wat een k4nker wachttijd!", "words"),
        ("Bel me op 06-12345678", "contact"),
        ("Mail sam@example.org", "contact"),
        ("Wat doet De Regenboog eraan?", "words"),  # the session's own word
    ],
)
def test_the_word_filter_holds_a_question_for_a_moderator(post_session, text, held):
    LiveSession.objects.filter(pk=post_session.pk).update(
        blocked_words="de regenboog\nvoetbalclub"
    )
    outcome = act(post_session, join(post_session), "question.ask", text=text)
    assert outcome.result["status"] == "pending"
    assert outcome.result["held"] == held
    assert not outcome.events  # nothing published
    assert outcome.moderators  # the moderators see it waiting
    assert Question.objects.get(pk=outcome.result["question_id"]).status == (
        Question.Status.PENDING
    )


def test_an_ordinary_question_appears_at_once(post_session):
    outcome = act(
        post_session, join(post_session), "question.ask", text="Hoe kom ik in de raad?"
    )
    assert outcome.result == {
        "question_id": outcome.result["question_id"],
        "status": "published",
    }


def test_a_word_that_only_contains_a_listed_one_is_not_held():
    from participation.live.wordfilter import reason_to_hold

    assert reason_to_hold("Waarom is de kuthoek dicht?") is None
    assert reason_to_hold("KUT!") == "words"
    assert reason_to_hold("Is een homo welkom bij de club?") is None


def test_a_moderator_corrects_a_typo_before_approving_and_the_original_stays(
    live_session,
):
    from participation.live.services.results import csv_rows

    sam = join(live_session)
    asked = act(live_session, sam, "question.ask", text="Hoe lang duurd het wachtten?")
    question_id = asked.result["question_id"]
    approved = act(
        live_session,
        join(live_session, "Moderator"),
        "question.approve",
        question_id=question_id,
        text="Hoe lang duurt het wachten?",
    )
    ((_seq, frame),) = approved.events
    assert (
        json.loads(frame)["data"]["question"]["text"] == "Hoe lang duurt het wachten?"
    )
    question = Question.objects.get(pk=question_id)
    assert question.original_text == "Hoe lang duurd het wachtten?"
    rows = list(csv_rows(LiveSession.objects.get(pk=live_session.pk)))
    assert rows[1][1] == "Hoe lang duurt het wachten?"
    assert rows[1][-1] == "Hoe lang duurd het wachtten?"


def test_approving_without_a_correction_keeps_the_text(live_session):
    asked = act(live_session, join(live_session), "question.ask", text="Wie beslist?")
    act(
        live_session,
        join(live_session, "Moderator"),
        "question.approve",
        question_id=asked.result["question_id"],
    )
    question = Question.objects.get(pk=asked.result["question_id"])
    assert (question.text, question.original_text) == ("Wie beslist?", "")


def test_a_moderator_merges_a_duplicate_and_the_upvotes_are_combined(post_session):
    sam, kim, noor, mod = (join(post_session, n) for n in ("Sam", "Kim", "Noor", "Mo"))
    kept = act(post_session, sam, "question.ask", text="Waarom duurt het zo lang?")
    kept_id = kept.result["question_id"]
    dup = act(post_session, kim, "question.ask", text="Waarom zo lang wachten?")
    dup_id = dup.result["question_id"]
    act(post_session, noor, "question.upvote", question_id=kept_id)
    act(post_session, noor, "question.upvote", question_id=dup_id)  # counts once
    act(post_session, sam, "question.upvote", question_id=dup_id)  # kept's asker

    outcome = act(
        post_session, mod, "question.merge", question_id=dup_id, into_id=kept_id
    )

    # Noor once, and Kim (the duplicate's asker) now supports the kept question.
    assert outcome.result == {"question_id": dup_id, "into_id": kept_id, "upvotes": 2}
    ((_seq, frame),) = outcome.events
    assert json.loads(frame)["kind"] == "question.merged"
    duplicate = Question.objects.get(pk=dup_id)
    assert (duplicate.status, duplicate.merged_into_id) == ("hidden", kept_id)
    assert Question.objects.get(pk=kept_id).upvotes == 2
    assert set(
        Question.objects.get(pk=kept_id).upvote_rows.values_list(
            "participant__nickname", flat=True
        )
    ) == {"Noor", "Kim"}


def test_merging_refuses_the_same_question_and_a_question_that_is_gone(post_session):
    sam = join(post_session)
    one = act(post_session, sam, "question.ask", text="Een?").result["question_id"]
    with pytest.raises(LiveError) as refused:
        act(post_session, sam, "question.merge", question_id=one, into_id=one)
    assert refused.value.field == "into_id"
    with pytest.raises(LiveError) as refused:
        act(post_session, sam, "question.merge", question_id=one, into_id=one + 999)
    assert (refused.value.code, refused.value.field) == ("not_found", "into_id")
