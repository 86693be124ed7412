"""Calendar feeds (iCalendar, RFC 5545) through the icalendar library: plain events
in, a VCALENDAR out, with Inspraak's PRODID, the caller's UID on every event, one
DTSTAMP, and times in UTC. Used by the experts' feed; councils' meeting feeds can
use it too.

icalendar builds the components and escapes the values (RFC 5545 3.3.11); the
lines are folded here at exactly 75 octets without splitting a UTF-8 character
(3.1), where icalendar itself stops at 74."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vDatetime, vText

CONTENT_TYPE = "text/calendar; charset=utf-8"
LINE_OCTETS = 75  # RFC 5545 3.1, without the CRLF
CRLF = "\r\n"
REFRESH = timedelta(hours=1)
# Control characters other than tab and line breaks are not allowed in TEXT
# (RFC 5545 3.3.11); a URI has no line breaks either.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    """One event. `start` and `end` must be timezone-aware."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def prodid(product: str) -> str:
    """Inspraak's product identifier for one kind of feed."""
    return f"-//Inspraak//{product}//NL"


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("iCalendar times need a timezone-aware datetime.")
    return moment.astimezone(UTC)


def utc_stamp(moment: datetime) -> str:
    """An aware datetime as UTC DATE-TIME (20250305T133000Z); naive ones are
    refused because their zone is unknown."""
    return vDatetime(_utc(moment)).to_ical().decode()


def _text(value: str) -> vText:
    return vText(_CONTROL.sub("", value))


def escape_text(value: str) -> str:
    """A TEXT value as the feed writes it: \\\\ \\; \\, and \\n for line breaks."""
    return _text(value).to_ical().decode()


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


def _event(event: CalendarEvent, stamp: datetime) -> Event:
    start, end = _utc(event.start), _utc(event.end)
    if end <= start:
        raise ValueError(f"Event {event.uid!r} must end after it starts.")
    component = Event()
    component.add("uid", _text(event.uid))
    component.add("dtstamp", stamp)
    component.add("dtstart", start)
    component.add("dtend", end)
    component.add("summary", _text(event.summary))
    if event.location:
        component.add("location", _text(event.location))
    if event.description:
        component.add("description", _text(event.description))
    if event.url:
        component.add("url", _ALL_CONTROL.sub("", event.url))
    return component


def build_calendar(
    name: str,
    events: Iterable[CalendarEvent],
    *,
    product: str = "Inspraak",
    stamp: datetime | None = None,
) -> str:
    """A VCALENDAR named `name` with one VEVENT per event, as text with CRLF line
    endings. `stamp` (default: now) is each event's DTSTAMP."""
    dtstamp = _utc(stamp or datetime.now(UTC))
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", prodid(product))
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("name", _text(name))  # RFC 7986
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        calendar.add_component(_event(event, dtstamp))
    return "".join(fold(line) + CRLF for line in calendar.content_lines() if line)
