"""An iCalendar feed (RFC 5545) of an expert's sessions, written by hand.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character
(3.1); TEXT values escape backslash, semicolon, comma and newlines (3.3.11); times
are UTC with a Z (3.3.5, form 2), so aware datetimes are required.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Inspraak//Ervaringsdeskundigen//NL"
LINE_OCTETS = 75  # RFC 5545 3.1, without the CRLF
CRLF = "\r\n"
# Control characters other than tab are not allowed in TEXT (RFC 5545 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    """One session. `start` and `end` must be timezone-aware."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): \\\\ \\; \\, and \\n for newlines."""
    value = _CONTROL.sub("", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc_stamp(moment: datetime) -> str:
    """An aware datetime as UTC DATE-TIME (20250305T133000Z); naive ones are
    refused because their zone is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("iCalendar times need a timezone-aware datetime.")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line into physical lines of at most 75 octets, each next one
    starting with a space, never splitting a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the space counts
        current.append(character)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    start, end = utc_stamp(event.start), utc_stamp(event.end)
    if event.end <= event.start:
        raise ValueError(f"Event {event.uid!r} must end after it starts.")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        # A URI value is not TEXT: no escaping, but no line breaks either.
        lines.append(f"URL:{_ALL_CONTROL.sub('', event.url)}")
    lines.append("END:VEVENT")
    return lines


def build_calendar(
    name: str,
    events: Iterable[CalendarEvent],
    *,
    stamp: datetime | None = None,
) -> str:
    """A VCALENDAR named `name` with one VEVENT per event, as a string with CRLF
    line endings. `stamp` (default: now) is each event's DTSTAMP."""
    dtstamp = utc_stamp(stamp or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"NAME:{escape_text(name)}",  # RFC 7986
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",  # RFC 7986
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in events:
        lines.extend(_event_lines(event, dtstamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
