"""The expert's calendar feed follows RFC 5545: CRLF, folding at 75 octets without
breaking a UTF-8 character, TEXT escaping, UTC times; a small parser reads it back."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inspraak.core.calendar import (
    CalendarEvent,
    build_calendar,
    escape_text,
    fold,
    utc_stamp,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def event(**overrides) -> CalendarEvent:
    values = {
        "uid": "session-7@inspraak",
        "start": datetime(2025, 3, 5, 14, 30, tzinfo=AMSTERDAM),
        "end": datetime(2025, 3, 5, 16, 0, tzinfo=AMSTERDAM),
        "summary": "Beoordelingspanel jeugdhulp",
    }
    return CalendarEvent(**(values | overrides))


def unescape(value: str) -> str:
    replacements = {"\\\\": "\\", "\\;": ";", "\\,": ",", "\\n": "\n", "\\N": "\n"}
    return re.sub(r"\\[\\;,nN]", lambda match: replacements[match.group()], value)


def parse(text: str) -> list[dict[str, str]]:
    """Unfold and split into components: the calendar first, then each event, as
    {property name: unescaped value}."""
    assert text.endswith("\r\n")
    components: list[dict[str, str]] = []
    stack: list[dict[str, str]] = []
    for line in text.replace("\r\n ", "").split("\r\n")[:-1]:
        name, _, value = line.partition(":")
        name = name.split(";")[0]
        if name == "BEGIN":
            stack.append({"BEGIN": value})
            components.append(stack[-1])
        elif name == "END":
            assert stack.pop()["BEGIN"] == value
        else:
            stack[-1][name] = value if name == "URL" else unescape(value)
    assert not stack
    return components


def test_calendar_round_trip():
    events = [
        event(
            location="Stadhuis, zaal 2; ingang B",
            description="Neem je laptop mee.\nVragen? Bel Zoë.",
            url="https://inspraak.example/opdrachten/7/?a=1,2;b",
        ),
        event(uid="session-8@inspraak", summary="Tweede sessie"),
    ]

    calendar, *parsed = parse(
        build_calendar("Mijn sessies, Inspraak", events, stamp=STAMP)
    )

    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Mijn sessies, Inspraak"
    assert parsed[0] == {
        "BEGIN": "VEVENT",
        "UID": "session-7@inspraak",
        "DTSTAMP": "20250301T080000Z",
        "DTSTART": "20250305T133000Z",
        "DTEND": "20250305T150000Z",
        "SUMMARY": "Beoordelingspanel jeugdhulp",
        "LOCATION": "Stadhuis, zaal 2; ingang B",
        "DESCRIPTION": "Neem je laptop mee.\nVragen? Bel Zoë.",
        "URL": "https://inspraak.example/opdrachten/7/?a=1,2;b",
    }
    assert parsed[1]["UID"] == "session-8@inspraak"
    assert "LOCATION" not in parsed[1]


def test_every_line_ends_in_crlf():
    text = build_calendar("Sessies", [event(description="a\nb\r\nc")], stamp=STAMP)

    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")


def test_empty_calendar():
    calendar, *events = parse(build_calendar("Sessies", [], stamp=STAMP))

    assert calendar["BEGIN"] == "VCALENDAR"
    assert events == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        pytest.param("a, b; c", "a\\, b\\; c", id="comma and semicolon"),
        pytest.param("C:\\temp", "C:\\\\temp", id="backslash"),
        pytest.param(
            "one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour", id="newlines"
        ),
        pytest.param(
            "tab\tkept, bell\x07 gone", "tab\tkept\\, bell gone", id="controls"
        ),
        pytest.param("\\n is literal", "\\\\n is literal", id="backslash before n"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped
    assert unescape(escaped) == text.replace("\r\n", "\n").replace("\r", "\n").replace(
        "\x07", ""
    )


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("a" * 200, id="ascii"),
        pytest.param("ë" * 200, id="two-octet letters"),
        pytest.param("€" * 101, id="three-octet signs"),
        pytest.param("x" + "😀" * 60, id="four-octet emoji off the boundary"),
        pytest.param("Zoë " * 30 + "日本語" * 20, id="mixed"),
    ],
)
def test_long_lines_fold_at_75_octets_without_splitting_characters(value):
    content_line = f"DESCRIPTION:{value}"

    folded = fold(content_line)
    physical = folded.split("\r\n")

    assert len(physical) > 1
    assert all(len(line.encode()) <= 75 for line in physical)
    assert all(line.startswith(" ") for line in physical[1:])
    assert folded.replace("\r\n ", "") == content_line
    # Filling each line: only the last may be shorter than a character allows.
    assert all(len(line.encode()) > 75 - 4 for line in physical[:-1])


def test_short_line_is_not_folded():
    assert fold("SUMMARY:" + "a" * 67) == "SUMMARY:" + "a" * 67


def test_folded_feed_reads_back_as_written():
    description = "Ervaringsdeskundige sessie met jongeren; zorg, één-op-één. " * 5

    _, parsed = parse(
        build_calendar("Sessies", [event(description=description)], stamp=STAMP)
    )

    assert parsed["DESCRIPTION"] == description


def test_naive_datetimes_are_refused():
    naive = datetime(2025, 3, 5, 14, 30)

    with pytest.raises(ValueError, match="timezone-aware"):
        build_calendar("Sessies", [event(start=naive)], stamp=STAMP)
    with pytest.raises(ValueError, match="timezone-aware"):
        build_calendar("Sessies", [], stamp=naive)


@pytest.mark.parametrize(
    ("moment", "stamp"),
    [
        pytest.param(
            datetime(2025, 1, 15, 9, 0, tzinfo=AMSTERDAM),
            "20250115T080000Z",
            id="winter time",
        ),
        pytest.param(
            datetime(2025, 7, 15, 9, 0, tzinfo=AMSTERDAM),
            "20250715T070000Z",
            id="summer time",
        ),
        pytest.param(
            datetime(2025, 12, 31, 23, 30, tzinfo=UTC), "20251231T233000Z", id="utc"
        ),
        pytest.param(
            datetime(2025, 1, 1, 0, 30, tzinfo=AMSTERDAM),
            "20241231T233000Z",
            id="previous day in utc",
        ),
    ],
)
def test_times_are_utc(moment, stamp):
    assert utc_stamp(moment) == stamp


def test_event_must_end_after_it_starts():
    start = datetime(2025, 3, 5, 14, 0, tzinfo=UTC)

    with pytest.raises(ValueError, match="end after"):
        build_calendar("Sessies", [event(start=start, end=start)], stamp=STAMP)
    with pytest.raises(ValueError, match="end after"):
        build_calendar(
            "Sessies",
            [event(start=start, end=start - timedelta(minutes=1))],
            stamp=STAMP,
        )


def test_dtstamp_defaults_to_now_in_utc():
    _, parsed = parse(build_calendar("Sessies", [event()]))

    stamped = datetime.strptime(parsed["DTSTAMP"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs(stamped - datetime.now(UTC)) < timedelta(minutes=1)
