"""The live-session protocol as pure functions: limits, roles and the schema of every
client message (docs/live-protocol.md). No database, no I/O: table-tested in
tests/participation/live/test_protocol.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from participation import text

# Limits ---------------------------------------------------------------------

MAX_FRAME_BYTES = 4096
REPLAY_LIMIT = 200
COUNTS_INTERVAL = 0.25  # seconds between two `counts` frames of a session
RATE_MESSAGES = 20  # per connection ...
RATE_WINDOW = 10.0  # ... in this many seconds
QUESTIONS_PER_MINUTE = 3  # per participant
REACTION_INTERVAL = 1.0  # seconds between two reactions of a participant
WORDS_SHOWN = 50  # a word cloud shows the most frequent words
PACE_WINDOW = 60  # seconds a participant's pace signal counts (pace.py)
PACE_TAP_INTERVAL = 2.0  # seconds between two pace signals of a participant
PACE_INTERVAL = 1.0  # seconds between two `pace` frames to a session's moderators

# Lengths of what people type, in characters: the one source for the schemas below,
# the model fields, the forms' `maxlength` and the client (`client_limits()`).
NICKNAME_MAX = 30
QUESTION_MAX = 300
ANSWER_MAX = 1000
HIDE_REASON_MAX = 200
POLL_QUESTION_MAX = 200
POLL_OPTION_MAX = 80
POLL_OPTIONS_MIN = 2
POLL_OPTIONS_MAX = 10
WORDS_MAX = 40  # one word-cloud answer
OPEN_ANSWER_MAX = 200  # one answer to an open question (a `text` poll)
ANSWERS_PER_MINUTE = 3  # open answers, per participant
QUIZ_SECONDS_MIN = 10  # a quiz question's time limit ...
QUIZ_SECONDS_MAX = 120  # ... in seconds

CLOSE_UNKNOWN_SESSION = 4404
CLOSE_TOO_SLOW = 4408
CLOSE_ROLE_WITHDRAWN = 4403  # the person no longer moderates this session
CLOSE_CHECK_FAILED = 4503  # a moderator's role could not be checked; reconnect

EMOJI = ("👍", "❤️", "😂", "😮", "👏", "🤔")
POLL_KINDS = ("single", "multiple", "scale", "words", "ranking", "quiz", "text")
# Kinds whose options the moderator writes (the others have none).
KINDS_WITH_OPTIONS = ("single", "multiple", "ranking", "quiz")
SCALE_VALUES = 5
# Pace feedback a participant can give, and how the pages name it.
PACE_SIGNALS = {
    "too_fast": _("Too fast"),
    "too_slow": _("Too slow"),
    "lost": _("I don't get it"),
}


class Role:
    PARTICIPANT = "participant"
    MODERATOR = "moderator"
    PROJECTOR = "projector"


# Error codes (the table in the protocol document).
BAD_JSON = "bad_json"
NOT_AN_OBJECT = "not_an_object"
TOO_LARGE = "too_large"
HELLO_FIRST = "hello_first"
UNKNOWN_TYPE = "unknown_type"
MISSING_FIELD = "missing_field"
INVALID_FIELD = "invalid_field"
TOO_LONG = "too_long"
NOT_ALLOWED = "not_allowed"
NOT_FOUND = "not_found"
POLL_CLOSED = "poll_closed"
ALREADY_UPVOTED = "already_upvoted"
ALREADY_VOTED = "already_voted"
SESSION_ENDED = "session_ended"
RATE_LIMITED = "rate_limited"
INVALID_RANKING = "invalid_ranking"
TOO_LATE = "too_late"
QUIZ_OFF = "quiz_off"

ERROR_CODES = (
    BAD_JSON,
    NOT_AN_OBJECT,
    TOO_LARGE,
    HELLO_FIRST,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    INVALID_FIELD,
    TOO_LONG,
    NOT_ALLOWED,
    NOT_FOUND,
    POLL_CLOSED,
    ALREADY_UPVOTED,
    ALREADY_VOTED,
    SESSION_ENDED,
    RATE_LIMITED,
    INVALID_RANKING,
    TOO_LATE,
    QUIZ_OFF,
)


# What the person sees (the client may show its own text per code instead).
ERROR_MESSAGES = {
    BAD_JSON: _("The message could not be read."),
    NOT_AN_OBJECT: _("The message could not be read."),
    TOO_LARGE: _("The message is too large."),
    HELLO_FIRST: _("Say hello first."),
    UNKNOWN_TYPE: _("This kind of message is not known."),
    MISSING_FIELD: _("Something is missing in the message."),
    INVALID_FIELD: _("Something in the message is not right."),
    TOO_LONG: _("The text is too long."),
    NOT_ALLOWED: _("You may not do this."),
    NOT_FOUND: _("This question or poll does not exist in this session."),
    POLL_CLOSED: _("This poll is closed."),
    ALREADY_UPVOTED: _("You already voted for this question."),
    ALREADY_VOTED: _("You already voted in this poll."),
    SESSION_ENDED: _("This session has ended."),
    RATE_LIMITED: _("You are going too fast. Wait a moment and try again."),
    INVALID_RANKING: _("Put every option in order, each one once."),
    TOO_LATE: _("Time is up for this question."),
    QUIZ_OFF: _("Quiz questions are not switched on for this session."),
}


class ProtocolError(Exception):
    """A refused message: `code` from the table, `field` when one field is at fault."""

    def __init__(self, code: str, field: str | None = None, **extra: Any):
        super().__init__(code, field)
        self.code = code
        self.field = field
        self.extra = extra


@dataclass(frozen=True)
class Message:
    type: str
    id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


# Field kinds ----------------------------------------------------------------


def clean_text(value: str, *, single_line: bool = False) -> str:
    """Text as people meant it: the same cleaning as contributions (no control or
    invisible direction characters), on one line where asked."""
    return text.clean_text(value, multiline=not single_line)


@dataclass(frozen=True)
class Text:
    min: int
    max: int
    required: bool = True
    single_line: bool = False

    def clean(self, name: str, value: Any) -> str:
        if not isinstance(value, str):
            raise ProtocolError(INVALID_FIELD, name)
        value = clean_text(value, single_line=self.single_line)
        if len(value) > self.max:
            raise ProtocolError(TOO_LONG, name, max=self.max)
        if len(value) < self.min:
            raise ProtocolError(INVALID_FIELD, name)
        return value


@dataclass(frozen=True)
class Integer:
    min: int | None = None
    max: int | None = None
    required: bool = True

    def clean(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProtocolError(INVALID_FIELD, name)
        if (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        ):
            raise ProtocolError(INVALID_FIELD, name)
        return value


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]
    required: bool = True

    def clean(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or value not in self.values:
            raise ProtocolError(INVALID_FIELD, name)
        return value


def _check_list(name: str, value: Any, min_items: int, max_items: int) -> None:
    if not isinstance(value, list) or not (min_items <= len(value) <= max_items):
        raise ProtocolError(INVALID_FIELD, name)


@dataclass(frozen=True)
class IntList:
    min_items: int
    max_items: int
    required: bool = True

    def clean(self, name: str, value: Any) -> list[int]:
        _check_list(name, value, self.min_items, self.max_items)
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int) or item < 0:
                raise ProtocolError(INVALID_FIELD, name)
        if len(set(value)) != len(value):
            raise ProtocolError(INVALID_FIELD, name)
        return list(value)


@dataclass(frozen=True)
class TextList:
    min_items: int
    max_items: int
    item: Text
    required: bool = True

    def clean(self, name: str, value: Any) -> list[str]:
        _check_list(name, value, self.min_items, self.max_items)
        return [self.item.clean(name, item) for item in value]


@dataclass(frozen=True)
class Order:
    """A ranking: a list of option indexes. Not a list of integers is
    `invalid_field`; a list that cannot be an order of 2-10 options (too short or
    long, an index twice, a negative one) is `invalid_ranking`, as is one that does
    not fit the poll (checked with the poll, services/ranking.py)."""

    required: bool = True

    def clean(self, name: str, value: Any) -> list[int]:
        if not isinstance(value, list) or any(
            isinstance(item, bool) or not isinstance(item, int) for item in value
        ):
            raise ProtocolError(INVALID_FIELD, name)
        if (
            not (POLL_OPTIONS_MIN <= len(value) <= POLL_OPTIONS_MAX)
            or len(set(value)) != len(value)
            or min(value) < 0
        ):
            raise ProtocolError(INVALID_RANKING, name)
        return list(value)


ID = Integer(min=1)

# Every client message: its fields, and who may send it.
SCHEMAS: dict[str, dict[str, Any]] = {
    "hello": {
        "token": Text(1, 500, required=False),
        "nickname": Text(1, NICKNAME_MAX, required=False, single_line=True),
        "last_seq": Integer(min=0, required=False),
        "role": Choice((Role.PROJECTOR,), required=False),
    },
    "ping": {},
    "question.ask": {"text": Text(1, QUESTION_MAX)},
    "question.upvote": {"question_id": ID},
    # `text`: the question with a typo corrected; the original stays in the record.
    "question.approve": {
        "question_id": ID,
        "text": Text(1, QUESTION_MAX, required=False),
    },
    "question.reject": {"question_id": ID},
    "question.answer": {
        "question_id": ID,
        "answer": Text(0, ANSWER_MAX, required=False),
    },
    "question.pin": {"question_id": ID},
    "question.unpin": {"question_id": ID},
    # `question_id`: the duplicate; `into_id`: the question that stays.
    "question.merge": {"question_id": ID, "into_id": ID},
    "question.hide": {
        "question_id": ID,
        "reason": Text(0, HIDE_REASON_MAX, required=False),
    },
    "poll.create": {
        "kind": Choice(POLL_KINDS),
        "question": Text(1, POLL_QUESTION_MAX),
        "options": TextList(
            POLL_OPTIONS_MIN,
            POLL_OPTIONS_MAX,
            Text(1, POLL_OPTION_MAX, single_line=True),
            required=False,
        ),
        # Quiz questions only: the index of the one correct option, and seconds.
        "correct": Integer(0, POLL_OPTIONS_MAX - 1, required=False),
        "time_limit": Integer(QUIZ_SECONDS_MIN, QUIZ_SECONDS_MAX, required=False),
    },
    "poll.open": {"poll_id": ID},
    "poll.close": {"poll_id": ID},
    "poll.vote": {
        "poll_id": ID,
        "choices": IntList(1, POLL_OPTIONS_MAX, required=False),
        "value": Integer(1, SCALE_VALUES, required=False),
        "words": Text(1, WORDS_MAX, required=False, single_line=True),
        # A ranking: every option index once, the first the most preferred.
        "order": Order(required=False),
    },
    # An answer to an open question (a `text` poll), moderated like a question.
    "answer.send": {"poll_id": ID, "text": Text(1, OPEN_ANSWER_MAX)},
    "answer.approve": {"answer_id": ID},
    "answer.hide": {"answer_id": ID},
    "reaction": {"emoji": Choice(EMOJI)},
    "pace": {"signal": Choice(tuple(PACE_SIGNALS))},
    "pace.withdraw": {},
    "session.start": {},
    "session.end": {},
}

_EVERYONE = frozenset({Role.PARTICIPANT, Role.MODERATOR, Role.PROJECTOR})
_ASKERS = frozenset({Role.PARTICIPANT, Role.MODERATOR})
_MODERATORS = frozenset({Role.MODERATOR})

WHO: dict[str, frozenset[str]] = {
    "hello": _EVERYONE,
    "ping": _EVERYONE,
    "question.ask": _ASKERS,
    "question.upvote": _ASKERS,
    "question.approve": _MODERATORS,
    "question.reject": _MODERATORS,
    "question.answer": _MODERATORS,
    "question.pin": _MODERATORS,
    "question.unpin": _MODERATORS,
    "question.hide": _MODERATORS,
    "question.merge": _MODERATORS,
    "poll.create": _MODERATORS,
    "poll.open": _MODERATORS,
    "poll.close": _MODERATORS,
    "poll.vote": frozenset({Role.PARTICIPANT}),
    "answer.send": frozenset({Role.PARTICIPANT}),
    "answer.approve": _MODERATORS,
    "answer.hide": _MODERATORS,
    "reaction": _ASKERS,
    # Pace feedback is for the moderators: they do not send it themselves.
    "pace": frozenset({Role.PARTICIPANT}),
    "pace.withdraw": frozenset({Role.PARTICIPANT}),
    "session.start": _MODERATORS,
    "session.end": _MODERATORS,
}

# Messages that change state: deduplicated by client id, refused once ended.
ACTIONS = frozenset(SCHEMAS) - {"hello", "ping"}


def client_limits() -> dict[str, int]:
    """The limits a page and the client enforce before sending (a `maxlength`, a
    counter), as the views hand them over with `json_script`. Plain numbers."""
    return {
        "nickname": NICKNAME_MAX,
        "question": QUESTION_MAX,
        "answer": ANSWER_MAX,
        "reason": HIDE_REASON_MAX,
        "poll_question": POLL_QUESTION_MAX,
        "poll_option": POLL_OPTION_MAX,
        "poll_options_min": POLL_OPTIONS_MIN,
        "poll_options_max": POLL_OPTIONS_MAX,
        "words": WORDS_MAX,
        "open_answer": OPEN_ANSWER_MAX,
        "quiz_seconds_min": QUIZ_SECONDS_MIN,
        "quiz_seconds_max": QUIZ_SECONDS_MAX,
        "scale_values": SCALE_VALUES,
        "frame_bytes": MAX_FRAME_BYTES,
        "pace_window": PACE_WINDOW,
    }


def frame_too_large(text: str) -> bool:
    # A character is at most 4 bytes: encode only when it could matter.
    if len(text) * 4 <= MAX_FRAME_BYTES:
        return False
    return len(text) > MAX_FRAME_BYTES or len(text.encode()) > MAX_FRAME_BYTES


def decode(text: str) -> dict:
    """The frame as a JSON object, or ProtocolError (too_large, bad_json,
    not_an_object). The size is checked before parsing."""
    if frame_too_large(text):
        raise ProtocolError(TOO_LARGE)
    try:
        content = json.loads(text)
    except ValueError:
        raise ProtocolError(BAD_JSON) from None
    if not isinstance(content, dict):
        raise ProtocolError(NOT_AN_OBJECT)
    return content


def client_id(content: dict) -> str | None:
    """The message's `id` if it is a valid one (1-64 characters), else None."""
    value = content.get("id")
    if isinstance(value, str) and 1 <= len(value) <= 64:
        return value
    return None


def validate(content: dict) -> Message:
    """Check a decoded message against its schema; return it with cleaned fields."""
    message_id = content.get("id")
    if message_id is not None and client_id(content) is None:
        raise ProtocolError(INVALID_FIELD, "id")
    kind = content.get("type")
    if not isinstance(kind, str) or kind not in SCHEMAS:
        raise ProtocolError(UNKNOWN_TYPE)
    cleaned: dict[str, Any] = {}
    for name, spec in SCHEMAS[kind].items():
        if name not in content or content[name] is None:
            if spec.required:
                raise ProtocolError(MISSING_FIELD, name)
            continue
        cleaned[name] = spec.clean(name, content[name])
    if kind == "poll.create":
        _check_poll_options(cleaned)
    elif kind == "poll.vote":
        given = [name for name in VOTE_FIELDS if name in cleaned]
        if not given:
            raise ProtocolError(MISSING_FIELD, "choices")
        if len(given) > 1:
            raise ProtocolError(INVALID_FIELD, given[1])
    return Message(type=kind, id=message_id, fields=cleaned)


# One of these per `poll.vote`, as the poll's kind asks.
VOTE_FIELDS = ("choices", "value", "words", "order")


def _check_poll_options(fields: dict) -> None:
    kind = fields["kind"]
    with_options = kind in KINDS_WITH_OPTIONS
    if with_options and "options" not in fields:
        raise ProtocolError(MISSING_FIELD, "options")
    if not with_options and "options" in fields:
        raise ProtocolError(INVALID_FIELD, "options")
    for name in ("correct", "time_limit"):
        if kind == "quiz" and name not in fields:
            raise ProtocolError(MISSING_FIELD, name)
        if kind != "quiz" and name in fields:
            raise ProtocolError(INVALID_FIELD, name)
    if kind == "quiz" and fields["correct"] >= len(fields["options"]):
        raise ProtocolError(INVALID_FIELD, "correct")


def allowed(role: str, message_type: str) -> bool:
    return role in WHO.get(message_type, frozenset())


def check(content: dict, role: str | None = None) -> Message:
    """Role check, then schema: a participant sending a moderator's message hears
    not_allowed whatever its fields."""
    kind = content.get("type")
    known = isinstance(kind, str) and kind in SCHEMAS
    if role is not None and known and not allowed(role, kind):
        raise ProtocolError(NOT_ALLOWED)
    return validate(content)


def parse(text: str, role: str | None = None) -> Message:
    """decode + check, in the order the server applies them."""
    return check(decode(text), role)


def normalise_word(value: str) -> str:
    """A word-cloud answer as it is counted: lower-cased, trimmed, single spaces."""
    return " ".join(value.lower().split())
