"""The database side of rankings, quiz questions and open questions: average ranks,
quiz scoring, the deadline, the leaderboard and its ties, moderated answers, and the
snapshot that restores them after a reconnect."""

import json
from datetime import timedelta

from django.utils import timezone

import pytest

from participation.live import protocol as p
from participation.live.counts import counts_frame, merge_counts
from participation.live.models import LiveSession, OpenAnswer, Poll, RankedOption
from participation.live.services.actions import perform
from participation.live.services.base import LiveError
from participation.live.services.polls import poll_counts
from participation.live.services.quiz import leaderboard
from participation.live.services.ranking import average_ranks
from participation.live.services.session import identify
from participation.live.services.snapshot import snapshot

pytestmark = pytest.mark.django_db

OPTIONS = ["Wachttijd", "Uitleg", "Bereikbaarheid"]


def join(session, nickname="Sam"):
    participant, _token = identify(session.pk, p.Role.PARTICIPANT, nickname=nickname)
    return participant


def moderator_of(session, user):
    participant, _token = identify(session.pk, p.Role.MODERATOR, user=user)
    return participant


def act(session, participant, action, client_id=None, **fields):
    return perform(action, session.pk, participant.pk, client_id, **fields)


def refused(session, participant, action, **fields) -> tuple[str, str | None]:
    with pytest.raises(LiveError) as error:
        act(session, participant, action, **fields)
    return error.value.code, error.value.field


def events(outcome) -> list[tuple[str, dict]]:
    frames = [json.loads(text) for _seq, text in outcome.events]
    return [(frame["kind"], frame["data"]) for frame in frames]


@pytest.fixture
def mod(live_session, moderator):
    return moderator_of(live_session, moderator)


@pytest.fixture
def quiz_session(live_session):
    live_session.quiz = True
    live_session.save(update_fields=["quiz"])
    return live_session


def open_poll(session, mod, **fields):
    poll_id = act(session, mod, "poll.create", **fields).result["poll_id"]
    act(session, mod, "poll.open", poll_id=poll_id)
    return poll_id


# Ranking ------------------------------------------------------------------------------


def test_average_rank_per_option_lower_is_better(live_session, mod):
    poll_id = open_poll(
        live_session, mod, kind="ranking", question="Wat eerst?", options=OPTIONS
    )
    for n, order in enumerate([[0, 1, 2], [1, 0, 2], [1, 2, 0]]):
        voter = join(live_session, f"Stemmer {n}")
        outcome = act(live_session, voter, "poll.vote", poll_id=poll_id, order=order)
        assert outcome.polls == [poll_id]  # counted by the hub, coalesced
    # Wachttijd: places 1, 2, 3; Uitleg: 2, 1, 1; Bereikbaarheid: 3, 3, 2.
    expected = {"average": [2.0, 1.33, 2.67], "rankings": 3}
    assert poll_counts(live_session.pk, [poll_id]) == {
        "polls": {str(poll_id): expected}
    }
    closed = act(live_session, mod, "poll.close", poll_id=poll_id)
    assert events(closed) == [
        ("poll.closed", {"poll_id": poll_id, "results": expected})
    ]
    assert Poll.objects.get(pk=poll_id).results == expected


def test_average_ranks_are_one_aggregate_query(
    live_session, mod, django_assert_num_queries
):
    poll_id = open_poll(
        live_session, mod, kind="ranking", question="Q", options=OPTIONS
    )
    for n in range(5):
        act(
            live_session,
            join(live_session, f"S{n}"),
            "poll.vote",
            poll_id=poll_id,
            order=[2, 1, 0],
        )
    poll = Poll.objects.get(pk=poll_id)
    with django_assert_num_queries(1):
        results = average_ranks(poll)
    assert results == {"average": [3.0, 2.0, 1.0], "rankings": 5}


def test_a_ranking_before_anyone_ranked(live_session, mod):
    poll_id = open_poll(
        live_session, mod, kind="ranking", question="Q", options=OPTIONS
    )
    assert poll_counts(live_session.pk, [poll_id])["polls"][str(poll_id)] == {
        "average": [None, None, None],
        "rankings": 0,
    }


@pytest.mark.parametrize(
    ("order", "code"),
    [
        ([0, 1], p.INVALID_RANKING),  # an option left out
        ([0, 1, 3], p.INVALID_RANKING),  # an option the poll does not have
        ([0, 1, 2, 3], p.INVALID_RANKING),
        (None, p.MISSING_FIELD),
    ],
)
def test_a_ranking_must_be_every_option_once(live_session, mod, order, code):
    poll_id = open_poll(
        live_session, mod, kind="ranking", question="Q", options=OPTIONS
    )
    fields = {"order": order} if order is not None else {"choices": [0]}
    voter = join(live_session)
    assert refused(live_session, voter, "poll.vote", poll_id=poll_id, **fields) == (
        code,
        "order",
    )
    assert not RankedOption.objects.exists()


def test_one_ranking_per_participant_and_a_retry_is_acknowledged(live_session, mod):
    poll_id = open_poll(
        live_session, mod, kind="ranking", question="Q", options=OPTIONS
    )
    sam = join(live_session)
    first = act(live_session, sam, "poll.vote", "r-1", poll_id=poll_id, order=[2, 0, 1])
    again = act(live_session, sam, "poll.vote", "r-1", poll_id=poll_id, order=[2, 0, 1])
    assert again.repeated and again.result == first.result == {"poll_id": poll_id}
    assert refused(live_session, sam, "poll.vote", poll_id=poll_id, order=[0, 1, 2])[
        0
    ] == (p.ALREADY_VOTED)
    assert RankedOption.objects.count() == 3


def test_ranking_results_merge_by_the_number_of_rankings():
    newer = {"polls": {"7": {"average": [1.5, 1.5], "rankings": 2}}}
    older = {"polls": {"7": {"average": [1.0, 2.0], "rankings": 1}}}
    assert merge_counts(merge_counts({}, newer), older) == newer
    assert merge_counts(merge_counts({}, older), newer) == newer
    # A ranking is not a word cloud: it is sent as it is.
    assert json.loads(counts_frame(newer))["polls"] == newer["polls"]


# Quiz ---------------------------------------------------------------------------------


def quiz_fields(**fields):
    return {
        "kind": "quiz",
        "question": "Hoeveel jongeren wachten langer dan 8 weken?",
        "options": ["1 op 10", "1 op 4", "1 op 2"],
        "correct": 1,
        "time_limit": 30,
        **fields,
    }


def test_a_quiz_question_needs_quiz_mode(live_session, mod):
    assert refused(live_session, mod, "poll.create", **quiz_fields()) == (
        p.QUIZ_OFF,
        "kind",
    )
    assert not Poll.objects.exists()


def test_the_correct_option_stays_secret_until_the_question_closes(quiz_session, mod):
    created = act(quiz_session, mod, "poll.create", **quiz_fields())
    assert created.result["poll"]["correct"] == 1  # the moderator's own ack
    poll_id = created.result["poll_id"]
    ((kind, data),) = events(act(quiz_session, mod, "poll.open", poll_id=poll_id))
    assert kind == "poll.opened" and "correct" not in data["poll"]
    assert data["poll"]["time_limit"] == 30 and data["poll"]["deadline"]
    sam = join(quiz_session)
    public = snapshot(quiz_session.pk, sam.pk, p.Role.PARTICIPANT)
    assert "correct" not in public["polls"][0]
    moderating = snapshot(quiz_session.pk, mod.pk, p.Role.MODERATOR)
    assert moderating["polls"][0]["correct"] == 1
    closed = act(quiz_session, mod, "poll.close", poll_id=poll_id)
    ((kind, data),) = events(closed)
    assert kind == "poll.closed" and data["correct"] == 1
    assert snapshot(quiz_session.pk, sam.pk, p.Role.PARTICIPANT)["polls"][0][
        "correct"
    ] == (1)


def test_quiz_points_right_fast_right_slow_wrong_and_too_late(
    quiz_session, mod, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    start = timezone.now()
    poll_id = open_poll(quiz_session, mod, **quiz_fields())
    fast, slow, wrong, late = (join(quiz_session, n) for n in "ABCD")

    time_machine.move_to(start + timedelta(seconds=15), tick=False)  # half: fast
    assert act(quiz_session, fast, "poll.vote", poll_id=poll_id, choices=[1]).result[
        "worth"
    ] == (150)
    time_machine.move_to(start + timedelta(seconds=29), tick=False)
    assert act(quiz_session, slow, "poll.vote", poll_id=poll_id, choices=[1]).result[
        "worth"
    ] == (100)
    # A wrong answer hears what a right one was worth, not that it is wrong.
    time_machine.move_to(start + timedelta(seconds=30.9), tick=False)  # grace
    assert act(quiz_session, wrong, "poll.vote", poll_id=poll_id, choices=[0]).result[
        "worth"
    ] == (100)
    time_machine.move_to(start + timedelta(seconds=31.1), tick=False)
    assert refused(quiz_session, late, "poll.vote", poll_id=poll_id, choices=[1]) == (
        p.TOO_LATE,
        "poll_id",
    )
    scores = {
        row["nickname"]: row["score"] for row in leaderboard(quiz_session.pk)["top"]
    }
    assert scores == {}  # nothing counts while the question is open
    act(quiz_session, mod, "poll.close", poll_id=poll_id)
    board = leaderboard(quiz_session.pk)
    assert [(r["nickname"], r["score"], r["rank"]) for r in board["top"]] == [
        ("A", 150, 1),
        ("B", 100, 2),
        ("C", 0, 3),
    ]


def test_a_quiz_answer_is_one_option(quiz_session, mod):
    poll_id = open_poll(quiz_session, mod, **quiz_fields())
    sam = join(quiz_session)
    for choices in ([0, 1], [3]):
        assert refused(
            quiz_session, sam, "poll.vote", poll_id=poll_id, choices=choices
        ) == (p.INVALID_FIELD, "choices")


def test_a_quiz_question_that_ran_cannot_run_again(quiz_session, mod):
    poll_id = open_poll(quiz_session, mod, **quiz_fields())
    act(quiz_session, mod, "poll.close", poll_id=poll_id)
    assert refused(quiz_session, mod, "poll.open", poll_id=poll_id) == (
        p.INVALID_FIELD,
        "poll_id",
    )


def test_ending_the_session_reveals_the_open_quiz_question(quiz_session, mod):
    poll_id = open_poll(quiz_session, mod, **quiz_fields())
    act(quiz_session, join(quiz_session), "poll.vote", poll_id=poll_id, choices=[1])
    ended = events(act(quiz_session, mod, "session.end"))
    assert [kind for kind, _data in ended] == ["poll.closed", "session.ended"]
    assert ended[0][1]["correct"] == 1
    assert ended[0][1]["leaderboard"]["players"] == 1


def _players_with_scores(session, mod, scores: dict[str, list[int]]):
    """Quiz questions in a row; each player answers with the choices given (the
    correct option is 0), all within the first half (150 a right answer)."""
    rounds = max(len(choices) for choices in scores.values())
    players = {name: join(session, name) for name in scores}
    last = None
    for r in range(rounds):
        poll_id = open_poll(session, mod, **quiz_fields(correct=0))
        for name, choices in scores.items():
            if r < len(choices):
                act(
                    session,
                    players[name],
                    "poll.vote",
                    poll_id=poll_id,
                    choices=[choices[r]],
                )
        last = act(session, mod, "poll.close", poll_id=poll_id)
    return events(last)[0][1]["leaderboard"]


def test_the_leaderboard_ranks_ties_equally_and_lists_them_by_nickname(
    quiz_session, mod
):
    board = _players_with_scores(
        quiz_session,
        mod,
        {"Zoë": [0, 0], "Bo": [0, 1], "Ali": [1, 0], "Kim": [1, 1], "Noor": [0, 0]},
    )
    assert [(r["rank"], r["nickname"], r["score"]) for r in board["top"]] == [
        (1, "Noor", 300),
        (1, "Zoë", 300),
        (3, "Ali", 150),
        (3, "Bo", 150),
        (5, "Kim", 0),
    ]
    assert board["scores"] == [[300, 2], [150, 2], [0, 1]]
    assert board["players"] == 5


def test_the_leaderboard_shows_ten_and_counts_everyone_in_one_query(
    quiz_session, mod, django_assert_num_queries
):
    board = _players_with_scores(
        quiz_session, mod, {f"Speler {n:02}": [n % 2] for n in range(12)}
    )
    assert len(board["top"]) == 10 and board["players"] == 12
    assert board["scores"] == [[150, 6], [0, 6]]
    assert board["top"][-1] == {"nickname": "Speler 07", "score": 0, "rank": 7}
    with django_assert_num_queries(1):
        leaderboard(quiz_session.pk)


def test_mine_restores_the_quiz_answers_without_saying_if_they_are_right(
    quiz_session, mod
):
    poll_id = open_poll(quiz_session, mod, **quiz_fields())
    sam = join(quiz_session)
    act(quiz_session, sam, "poll.vote", poll_id=poll_id, choices=[2])
    frame = snapshot(quiz_session.pk, sam.pk, p.Role.PARTICIPANT)
    assert frame["mine"]["quiz"] == {str(poll_id): {"choice": 2, "worth": 150}}
    assert frame["mine"]["voted"] == [poll_id]
    assert frame["leaderboard"] == {"top": [], "scores": [], "players": 0}


def test_a_session_without_quiz_mode_has_no_leaderboard(live_session):
    assert snapshot(live_session.pk, None, p.Role.PARTICIPANT)["leaderboard"] is None


# Open questions -----------------------------------------------------------------------


def test_an_answer_waits_for_a_moderator_in_pre_moderation(live_session, mod):
    poll_id = open_poll(live_session, mod, kind="text", question="Wat mis je?")
    sam = join(live_session)
    sent = act(
        live_session, sam, "answer.send", poll_id=poll_id, text="Een luisterend oor"
    )
    assert sent.result == {
        "answer_id": sent.result["answer_id"],
        "status": "pending",
        "poll_id": poll_id,
    }
    assert not sent.events
    (pending,) = [json.loads(text) for text in sent.moderators]
    assert pending["type"] == "pending"
    assert pending["answer"]["nickname"] == "Sam"
    answer_id = sent.result["answer_id"]
    public = snapshot(live_session.pk, sam.pk, p.Role.PARTICIPANT)
    assert public["answers"] == [] and "pending_answers" not in public
    moderating = snapshot(live_session.pk, mod.pk, p.Role.MODERATOR)
    assert [a["id"] for a in moderating["pending_answers"]] == [answer_id]

    approved = act(live_session, mod, "answer.approve", answer_id=answer_id)
    ((kind, data),) = events(approved)
    assert kind == "answer.published"
    assert data["answer"]["text"] == "Een luisterend oor"
    assert "nickname" not in data["answer"]
    again = act(live_session, mod, "answer.approve", answer_id=answer_id)
    assert again.result["status"] == "published" and not again.events
    answers = snapshot(live_session.pk, sam.pk, p.Role.PARTICIPANT)["answers"]
    assert [a["id"] for a in answers] == [answer_id]


def test_an_answer_appears_at_once_in_post_moderation_unless_the_filter_holds_it(
    post_session, moderator
):
    mod = moderator_of(post_session, moderator)
    poll_id = open_poll(post_session, mod, kind="text", question="Wat mis je?")
    sam = join(post_session)
    at_once = act(post_session, sam, "answer.send", poll_id=poll_id, text="Tijd")
    assert at_once.result["status"] == "published"
    assert [kind for kind, _ in events(at_once)] == ["answer.published"]
    held = act(
        post_session, sam, "answer.send", poll_id=poll_id, text="Bel me op 06-12345678"
    )
    assert (held.result["status"], held.result["held"]) == ("pending", "contact")
    assert not held.events and held.moderators


def test_a_moderator_hides_a_waiting_and_a_published_answer(post_session, moderator):
    mod = moderator_of(post_session, moderator)
    poll_id = open_poll(post_session, mod, kind="text", question="Wat mis je?")
    sam = join(post_session)
    published = act(post_session, sam, "answer.send", poll_id=poll_id, text="Tijd")
    waiting = act(
        post_session,
        sam,
        "answer.send",
        poll_id=poll_id,
        text="mail naar sam@example.org",
    )
    hidden = act(
        post_session, mod, "answer.hide", answer_id=published.result["answer_id"]
    )
    assert events(hidden) == [
        (
            "answer.hidden",
            {"answer_id": published.result["answer_id"], "poll_id": poll_id},
        )
    ]
    dropped = act(
        post_session, mod, "answer.hide", answer_id=waiting.result["answer_id"]
    )
    assert not dropped.events
    assert [json.loads(t) for t in dropped.moderators] == [
        {"type": "rejected", "answer_id": waiting.result["answer_id"]}
    ]
    assert refused(
        post_session, mod, "answer.approve", answer_id=waiting.result["answer_id"]
    ) == (
        p.INVALID_FIELD,
        "answer_id",
    )
    twice = act(post_session, mod, "answer.hide", answer_id=waiting.result["answer_id"])
    assert twice.result["status"] == "hidden" and not twice.moderators
    assert snapshot(post_session.pk, sam.pk, p.Role.PARTICIPANT)["answers"] == []


def test_answers_only_to_an_open_question_of_the_session(
    live_session, other_session, mod
):
    text_id = act(live_session, mod, "poll.create", kind="text", question="Q").result[
        "poll_id"
    ]
    single_id = open_poll(
        live_session, mod, kind="single", question="Q", options=["Ja", "Nee"]
    )
    sam = join(live_session)
    for poll_id, code in (
        (text_id, p.POLL_CLOSED),
        (single_id, p.INVALID_FIELD),
        (999_999, p.NOT_FOUND),
    ):
        assert refused(
            live_session, sam, "answer.send", poll_id=poll_id, text="Hoi"
        ) == (code, "poll_id")
    act(live_session, mod, "poll.open", poll_id=text_id)
    assert refused(live_session, sam, "poll.vote", poll_id=text_id, words="x") == (
        p.INVALID_FIELD,
        "poll_id",
    )
    elsewhere = join(other_session, "Kim")
    assert refused(
        other_session, elsewhere, "answer.send", poll_id=text_id, text="Hoi"
    ) == (p.NOT_FOUND, "poll_id")
    assert refused(live_session, mod, "answer.hide", answer_id=1) == (
        p.NOT_FOUND,
        "answer_id",
    )


def test_answers_are_capped_per_participant_and_per_address(
    live_session, mod, settings
):
    poll_id = open_poll(live_session, mod, kind="text", question="Q")
    sam = join(live_session)
    for n in range(p.ANSWERS_PER_MINUTE):
        act(live_session, sam, "answer.send", poll_id=poll_id, text=f"Antwoord {n}")
    code, _field = refused(
        live_session, sam, "answer.send", poll_id=poll_id, text="Nog een"
    )
    assert code == p.RATE_LIMITED

    settings.LIVE_QUESTIONS_PER_ADDRESS = 2
    school = "192.0.2.7"
    for n in range(2):
        perform(
            "answer.send",
            live_session.pk,
            join(live_session, f"L{n}").pk,
            address=school,
            poll_id=poll_id,
            text="Hoi",
        )
    with pytest.raises(LiveError) as error:
        perform(
            "answer.send",
            live_session.pk,
            join(live_session, "L3").pk,
            address=school,
            poll_id=poll_id,
            text="Hoi",
        )
    assert error.value.code == p.RATE_LIMITED and error.value.extra["retry_after"]
    assert OpenAnswer.objects.count() == p.ANSWERS_PER_MINUTE + 2


def test_an_ended_session_takes_no_answers(live_session, mod):
    poll_id = open_poll(live_session, mod, kind="text", question="Q")
    act(live_session, mod, "session.end")
    assert LiveSession.objects.get(pk=live_session.pk).state == "ended"
    assert (
        refused(
            live_session,
            join(live_session),
            "answer.send",
            poll_id=poll_id,
            text="Te laat",
        )[0]
        == p.SESSION_ENDED
    )
