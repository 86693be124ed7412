"""The schemas of rankings, quiz questions and open answers, good and bad."""

import json

import pytest

from participation.live import protocol as p

MOD = p.Role.MODERATOR


def parse(message, role=p.Role.PARTICIPANT):
    return p.parse(json.dumps(message), role)


def quiz(**fields):
    return {
        "type": "poll.create",
        "kind": "quiz",
        "question": "Q",
        "options": ["A", "B", "C"],
        "correct": 2,
        "time_limit": 30,
        **fields,
    }


@pytest.mark.parametrize(
    ("message", "role", "fields"),
    [
        (
            {"type": "poll.create", "kind": "ranking", "question": "Q",
             "options": ["A", "B"]},
            MOD,
            {"kind": "ranking", "question": "Q", "options": ["A", "B"]},
        ),
        (
            {"type": "poll.create", "kind": "text", "question": " Wat mis je? "},
            MOD,
            {"kind": "text", "question": "Wat mis je?"},
        ),
        (
            quiz(time_limit=10),
            MOD,
            {"kind": "quiz", "question": "Q", "options": ["A", "B", "C"],
             "correct": 2, "time_limit": 10},
        ),
        (quiz(time_limit=120, correct=0), MOD, None),
        (
            {"type": "poll.vote", "poll_id": 3, "order": [2, 0, 1]},
            p.Role.PARTICIPANT,
            {"poll_id": 3, "order": [2, 0, 1]},
        ),
        (
            {"type": "answer.send", "poll_id": 3, "text": " Meer\u200b tijd "},
            p.Role.PARTICIPANT,
            {"poll_id": 3, "text": "Meer tijd"},
        ),
        ({"type": "answer.approve", "answer_id": 4}, MOD, {"answer_id": 4}),
        ({"type": "answer.hide", "answer_id": 4}, MOD, {"answer_id": 4}),
    ],
)  # fmt: skip
def test_valid_messages(message, role, fields):
    cleaned = parse(message, role).fields
    if fields is not None:
        assert cleaned == fields


@pytest.mark.parametrize(
    ("message", "role", "code", "field"),
    [
        # Rankings: options required; an order that cannot be one is invalid_ranking.
        ({"type": "poll.create", "kind": "ranking", "question": "Q"}, MOD,
         p.MISSING_FIELD, "options"),
        ({"type": "poll.create", "kind": "ranking", "question": "Q",
          "options": ["A"]}, MOD, p.INVALID_FIELD, "options"),
        ({"type": "poll.create", "kind": "ranking", "question": "Q",
          "options": ["A", "B"], "correct": 0}, MOD, p.INVALID_FIELD, "correct"),
        ({"type": "poll.vote", "poll_id": 1, "order": [0, 0]}, None,
         p.INVALID_RANKING, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": [0]}, None,
         p.INVALID_RANKING, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": []}, None,
         p.INVALID_RANKING, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": [1, -1]}, None,
         p.INVALID_RANKING, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": list(range(11))}, None,
         p.INVALID_RANKING, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": ["a", "b"]}, None,
         p.INVALID_FIELD, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": [True, False]}, None,
         p.INVALID_FIELD, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": "0,1"}, None,
         p.INVALID_FIELD, "order"),
        ({"type": "poll.vote", "poll_id": 1, "order": [0, 1], "choices": [0]}, None,
         p.INVALID_FIELD, "order"),
        # Quiz questions: options, one correct option among them, 10-120 seconds.
        (quiz(correct=None), MOD, p.MISSING_FIELD, "correct"),
        (quiz(time_limit=None), MOD, p.MISSING_FIELD, "time_limit"),
        (quiz(correct=3), MOD, p.INVALID_FIELD, "correct"),
        (quiz(correct=-1), MOD, p.INVALID_FIELD, "correct"),
        (quiz(correct="1"), MOD, p.INVALID_FIELD, "correct"),
        (quiz(time_limit=9), MOD, p.INVALID_FIELD, "time_limit"),
        (quiz(time_limit=121), MOD, p.INVALID_FIELD, "time_limit"),
        (quiz(options=None), MOD, p.MISSING_FIELD, "options"),
        ({"type": "poll.create", "kind": "single", "question": "Q",
          "options": ["A", "B"], "time_limit": 30}, MOD, p.INVALID_FIELD,
         "time_limit"),
        # Open questions: no options; answers 1-200 characters.
        ({"type": "poll.create", "kind": "text", "question": "Q",
          "options": ["A", "B"]}, MOD, p.INVALID_FIELD, "options"),
        ({"type": "answer.send", "poll_id": 1}, None, p.MISSING_FIELD, "text"),
        ({"type": "answer.send", "text": "Hoi"}, None, p.MISSING_FIELD, "poll_id"),
        ({"type": "answer.send", "poll_id": 1, "text": "  "}, None,
         p.INVALID_FIELD, "text"),
        ({"type": "answer.send", "poll_id": 1, "text": "x" * 201}, None,
         p.TOO_LONG, "text"),
        ({"type": "answer.approve"}, MOD, p.MISSING_FIELD, "answer_id"),
        ({"type": "answer.hide", "answer_id": 0}, MOD, p.INVALID_FIELD, "answer_id"),
    ],
)  # fmt: skip
def test_refused_messages(message, role, code, field):
    with pytest.raises(p.ProtocolError) as refused:
        parse(message, role or p.Role.PARTICIPANT)
    assert (refused.value.code, refused.value.field) == (code, field)


@pytest.mark.parametrize(
    ("role", "message_type", "allowed"),
    [
        (p.Role.PARTICIPANT, "answer.send", True),
        (p.Role.PARTICIPANT, "answer.approve", False),
        (p.Role.PARTICIPANT, "answer.hide", False),
        (p.Role.MODERATOR, "answer.approve", True),
        (p.Role.MODERATOR, "answer.hide", True),
        # Moderators do not answer: no account is ever on a leaderboard.
        (p.Role.MODERATOR, "answer.send", False),
        (p.Role.PROJECTOR, "answer.send", False),
        (p.Role.PROJECTOR, "poll.vote", False),
    ],
)
def test_who_may_send_what(role, message_type, allowed):
    assert p.allowed(role, message_type) is allowed


def test_the_client_gets_the_new_limits():
    limits = p.client_limits()
    assert limits["open_answer"] == p.OPEN_ANSWER_MAX == 200
    assert (limits["quiz_seconds_min"], limits["quiz_seconds_max"]) == (10, 120)
