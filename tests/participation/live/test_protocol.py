"""The protocol's validation as a table: each client message, good and bad."""

import json

import pytest

from participation.live import protocol as p


def parse(message, role=p.Role.PARTICIPANT):
    return p.parse(json.dumps(message), role)


@pytest.mark.parametrize(
    ("message", "fields"),
    [
        ({"type": "hello", "nickname": "  Sam  "}, {"nickname": "Sam"}),
        (
            {"type": "hello", "nickname": "Sam\n de\tGroot"},
            {"nickname": "Sam de Groot"},
        ),
        ({"type": "hello", "token": "t", "last_seq": 0}, {"token": "t", "last_seq": 0}),
        ({"type": "hello", "nickname": None}, {}),
        ({"type": "ping"}, {}),
        ({"type": "question.ask", "text": " Wanneer? "}, {"text": "Wanneer?"}),
        ({"type": "question.ask", "text": "x" * 300}, {"text": "x" * 300}),
        ({"type": "question.ask", "text": "a\x00b"}, {"text": "ab"}),
        # Direction overrides and zero-width characters hide text from moderators.
        (
            {"type": "question.ask", "text": "Wie\u202e betaalt\u200b?"},
            {"text": "Wie betaalt?"},
        ),
        ({"type": "question.upvote", "question_id": 7}, {"question_id": 7}),
        (
            {"type": "poll.vote", "poll_id": 1, "choices": [0, 2]},
            {"poll_id": 1, "choices": [0, 2]},
        ),
        ({"type": "poll.vote", "poll_id": 1, "value": 5}, {"poll_id": 1, "value": 5}),
        (
            {"type": "poll.vote", "poll_id": 1, "words": " Rust "},
            {"poll_id": 1, "words": "Rust"},
        ),
        ({"type": "reaction", "emoji": "👏"}, {"emoji": "👏"}),
        ({"type": "question.ask", "text": "Hoi", "extra": 1}, {"text": "Hoi"}),
    ],
)
def test_valid_messages(message, fields):
    assert parse(message).fields == fields


@pytest.mark.parametrize(
    ("message", "code", "field"),
    [
        ({"type": "nope"}, p.UNKNOWN_TYPE, None),
        ({"nickname": "Sam"}, p.UNKNOWN_TYPE, None),
        ({"type": 3}, p.UNKNOWN_TYPE, None),
        ({"type": "question.ask"}, p.MISSING_FIELD, "text"),
        ({"type": "question.ask", "text": 5}, p.INVALID_FIELD, "text"),
        ({"type": "question.ask", "text": "   "}, p.INVALID_FIELD, "text"),
        ({"type": "question.ask", "text": "x" * 301}, p.TOO_LONG, "text"),
        ({"type": "hello", "nickname": "x" * 31}, p.TOO_LONG, "nickname"),
        ({"type": "hello", "last_seq": -1}, p.INVALID_FIELD, "last_seq"),
        ({"type": "hello", "last_seq": "3"}, p.INVALID_FIELD, "last_seq"),
        ({"type": "hello", "role": "moderator"}, p.INVALID_FIELD, "role"),
        (
            {"type": "question.upvote", "question_id": True},
            p.INVALID_FIELD,
            "question_id",
        ),
        ({"type": "question.upvote", "question_id": 0}, p.INVALID_FIELD, "question_id"),
        ({"type": "question.upvote"}, p.MISSING_FIELD, "question_id"),
        ({"type": "poll.vote", "poll_id": 1}, p.MISSING_FIELD, "choices"),
        ({"type": "poll.vote", "poll_id": 1, "value": 6}, p.INVALID_FIELD, "value"),
        (
            {"type": "poll.vote", "poll_id": 1, "choices": []},
            p.INVALID_FIELD,
            "choices",
        ),
        (
            {"type": "poll.vote", "poll_id": 1, "choices": [1, 1]},
            p.INVALID_FIELD,
            "choices",
        ),
        (
            {"type": "poll.vote", "poll_id": 1, "choices": [-1]},
            p.INVALID_FIELD,
            "choices",
        ),
        (
            {"type": "poll.vote", "poll_id": 1, "value": 2, "words": "x"},
            p.INVALID_FIELD,
            "words",
        ),
        ({"type": "poll.vote", "poll_id": 1, "words": "x" * 41}, p.TOO_LONG, "words"),
        ({"type": "reaction", "emoji": "🍕"}, p.INVALID_FIELD, "emoji"),
        ({"type": "ping", "id": "x" * 65}, p.INVALID_FIELD, "id"),
        ({"type": "ping", "id": 12}, p.INVALID_FIELD, "id"),
    ],
)
def test_refused_messages(message, code, field):
    with pytest.raises(p.ProtocolError) as refused:
        parse(message)
    assert (refused.value.code, refused.value.field) == (code, field)


@pytest.mark.parametrize(
    ("message", "code", "field"),
    [
        (
            {"type": "poll.create", "kind": "single", "question": "Q"},
            p.MISSING_FIELD,
            "options",
        ),
        (
            {
                "type": "poll.create",
                "kind": "single",
                "question": "Q",
                "options": ["A"],
            },
            p.INVALID_FIELD,
            "options",
        ),
        (
            {
                "type": "poll.create",
                "kind": "multiple",
                "question": "Q",
                "options": ["A"] * 11,
            },
            p.INVALID_FIELD,
            "options",
        ),
        (
            {
                "type": "poll.create",
                "kind": "single",
                "question": "Q",
                "options": ["A", "x" * 81],
            },
            p.TOO_LONG,
            "options",
        ),
        (
            {
                "type": "poll.create",
                "kind": "scale",
                "question": "Q",
                "options": ["A", "B"],
            },
            p.INVALID_FIELD,
            "options",
        ),
        (
            {"type": "poll.create", "kind": "essay", "question": "Q"},
            p.INVALID_FIELD,
            "kind",
        ),
        (
            {"type": "poll.create", "kind": "words", "question": "x" * 201},
            p.TOO_LONG,
            "question",
        ),
        (
            {"type": "question.answer", "question_id": 1, "answer": "x" * 1001},
            p.TOO_LONG,
            "answer",
        ),
        (
            {"type": "question.hide", "question_id": 1, "reason": "x" * 201},
            p.TOO_LONG,
            "reason",
        ),
    ],
)
def test_refused_moderator_messages(message, code, field):
    with pytest.raises(p.ProtocolError) as refused:
        parse(message, p.Role.MODERATOR)
    assert (refused.value.code, refused.value.field) == (code, field)


@pytest.mark.parametrize(
    ("role", "message_type", "allowed"),
    [
        (p.Role.PARTICIPANT, "question.ask", True),
        (p.Role.PARTICIPANT, "poll.vote", True),
        (p.Role.PARTICIPANT, "question.approve", False),
        (p.Role.PARTICIPANT, "poll.open", False),
        (p.Role.PARTICIPANT, "session.end", False),
        (p.Role.MODERATOR, "question.approve", True),
        (p.Role.MODERATOR, "poll.vote", False),
        (p.Role.PROJECTOR, "ping", True),
        (p.Role.PROJECTOR, "question.ask", False),
        (p.Role.PROJECTOR, "reaction", False),
    ],
)
def test_who_may_send_what(role, message_type, allowed):
    assert p.allowed(role, message_type) is allowed


def test_the_role_is_checked_before_the_fields():
    with pytest.raises(p.ProtocolError) as refused:
        p.parse('{"type": "question.approve"}', p.Role.PARTICIPANT)
    assert refused.value.code == p.NOT_ALLOWED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{", p.BAD_JSON),
        ("", p.BAD_JSON),
        ("[]", p.NOT_AN_OBJECT),
        ("null", p.NOT_AN_OBJECT),
        ('{"type": "ping", "x": "' + "a" * 4100 + '"}', p.TOO_LARGE),
        ('{"type": "ping", "x": "' + "€" * 1400 + '"}', p.TOO_LARGE),  # 4200 bytes
    ],
)
def test_frames_that_are_not_messages(text, code):
    with pytest.raises(p.ProtocolError) as refused:
        p.decode(text)
    assert refused.value.code == code


def test_a_frame_of_exactly_the_limit_is_read():
    padding = "a" * (p.MAX_FRAME_BYTES - len('{"type":"ping","x":""}'))
    text = '{"type":"ping","x":"' + padding + '"}'
    assert len(text.encode()) == p.MAX_FRAME_BYTES
    assert p.decode(text)["type"] == "ping"


def test_every_message_type_has_a_role_rule_and_every_error_a_text():
    assert set(p.SCHEMAS) == set(p.WHO)
    assert set(p.ERROR_MESSAGES) == set(p.ERROR_CODES)


@pytest.mark.parametrize(
    ("given", "counted"),
    [("Rust", "rust"), ("  Meer   tijd ", "meer tijd"), ("LUISTEREN", "luisteren")],
)
def test_word_cloud_answers_are_normalised(given, counted):
    assert p.normalise_word(given) == counted


def _doc_table_codes(heading: str) -> set[str]:
    """The first-column `codes` of the table under a heading of the protocol doc."""
    from pathlib import Path

    doc = (
        Path(__file__).resolve().parents[3] / "docs" / "live-protocol.md"
    ).read_text()
    section = doc.split(heading, 1)[1]
    codes = set()
    started = False
    for line in section.splitlines():
        if line.startswith("|"):
            started = True
            first = line.split("|")[1]
            codes.update(part.strip(" `") for part in first.split("/") if "`" in part)
        elif started:
            break
    return codes


def test_the_protocol_document_lists_exactly_these_errors():
    assert _doc_table_codes("`error.code` is one of:") == set(p.ERROR_CODES)


def test_the_protocol_document_lists_exactly_these_client_messages():
    assert _doc_table_codes("### Client → server") == set(p.SCHEMAS)
