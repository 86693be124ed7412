"""The limits the pages and the client enforce are the server's: one source
(protocol.py), handed over by `client_limits()`."""

import json

from participation.live import protocol as p
from participation.live.models import Participant, Poll, Question, Vote


def test_client_limits_are_the_schemas_limits():
    limits = p.client_limits()
    schemas = p.SCHEMAS
    assert limits["nickname"] == schemas["hello"]["nickname"].max
    assert limits["question"] == schemas["question.ask"]["text"].max
    assert limits["answer"] == schemas["question.answer"]["answer"].max
    assert limits["reason"] == schemas["question.hide"]["reason"].max
    assert limits["poll_question"] == schemas["poll.create"]["question"].max
    options = schemas["poll.create"]["options"]
    assert limits["poll_option"] == options.item.max
    assert (limits["poll_options_min"], limits["poll_options_max"]) == (
        options.min_items,
        options.max_items,
    )
    assert limits["words"] == schemas["poll.vote"]["words"].max
    assert limits["frame_bytes"] == p.MAX_FRAME_BYTES


def test_the_model_fields_hold_what_the_protocol_lets_in():
    limits = p.client_limits()
    field = lambda model, name: model._meta.get_field(name).max_length  # noqa: E731
    assert field(Participant, "nickname") == limits["nickname"]
    assert field(Question, "nickname") == limits["nickname"]
    assert field(Question, "text") == limits["question"]
    assert field(Question, "answer") == limits["answer"]
    assert field(Question, "hidden_reason") == limits["reason"]
    assert field(Poll, "question") == limits["poll_question"]
    assert field(Vote, "words") == limits["words"]


def test_client_limits_are_plain_json():
    limits = p.client_limits()
    assert json.loads(json.dumps(limits)) == limits
    assert all(type(value) is int for value in limits.values())
