"""What every live flow shares: the refusal, the outcome of an action, JSON as it
goes over the wire, and the check of a cap per client address."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from .. import limits
from .. import protocol as p


class LiveError(p.ProtocolError):
    """A refused action: one of the protocol's error codes (as a refused message,
    but raised by the database side)."""


@dataclass
class Outcome:
    """What an action did: the ack's fields, the stored events as (seq, frame text),
    frames for moderators only, the absolute counts that changed, and whether the
    pace meter needs counting again."""

    result: dict = field(default_factory=dict)
    events: list[tuple[int, str]] = field(default_factory=list)
    moderators: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    polls: list[int] = field(default_factory=list)  # votes to count (hub, per tick)
    pace: bool = False  # the moderators' pace meter may have changed (hub, per tick)
    repeated: bool = False  # a retry answered from the stored result


def dumps(value: Any) -> str:
    """JSON text as it goes over the wire: compact, UTF-8 (not \\u-escaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def check_address(cap: limits.Cap, session_id: int, address: str | None) -> None:
    """Count one attempt from a client address against a cap (limits.py); refuse
    with `rate_limited` over it. No address (demo data, tests): not counted."""
    if address is None:
        return
    wait = limits.wait_for(cap, session_id, address)
    if wait:
        raise LiveError(p.RATE_LIMITED, retry_after=wait)


def insert_once(model, error_code: str, **values) -> None:
    """Insert a row guarded by a unique constraint; a duplicate is `error_code`."""
    try:
        with transaction.atomic():
            model.objects.create(**values)
    except IntegrityError:
        raise LiveError(error_code) from None
