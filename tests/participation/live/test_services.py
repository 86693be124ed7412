"""The database side of live sessions: numbering, retries, catch-up and results."""

import pytest

from participation.live import protocol as p
from participation.live import services
from participation.live.models import Event, LiveSession
from participation.live.services import LiveError


def join(session, nickname="Sam"):
    participant, _token = services.identify(
        session.pk, p.Role.PARTICIPANT, nickname=nickname
    )
    return participant


def act(session, participant, action, client_id=None, **fields):
    return services.perform(action, session.pk, participant.pk, client_id, **fields)


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
    assert services.events_after(post_session.pk, seq - 1) == [(seq, text)]


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
    assert [seq for seq, _ in services.replay(post_session.pk, 1)] == [2, 3]
    assert services.replay(post_session.pk, 3) == []
    assert services.replay(post_session.pk, 0) is None  # 3 > REPLAY_LIMIT
    assert services.replay(post_session.pk, 4) is None  # from the future


def test_a_token_belongs_to_one_session(post_session, other_session):
    participant, token = services.identify(
        post_session.pk, p.Role.PARTICIPANT, nickname="Sam"
    )
    assert services.participant_from_token(post_session.pk, token) == participant
    assert services.participant_from_token(other_session.pk, token) is None
    assert services.participant_from_token(post_session.pk, token + "x") is None


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
    results = services.session_results(session)
    assert [q["id"] for q in results["questions"]] == [second, first]
    assert results["questions"][0]["answer"] == "Ja."
    assert results["questions"][0]["upvotes"] == 1
    (only,) = results["polls"]
    assert only["id"] == poll
    assert only["state"] == "closed"  # ending the session closed it
    assert only["total"] == 1
    assert only["tallies"] == [("A", 0), ("B", 1)]
    assert [row["percent"] for row in only["rows"]] == [0, 100]
