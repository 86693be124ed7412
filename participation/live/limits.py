"""Caps per client address and live session (docs/live-protocol.md, "Limits").

They bound what one client can do by opening identity after identity: new
participants and questions per address per session. They are counted in Django's
cache, which is Redis when REDIS_URL is set, so every process counts into the same
number. The windows are fixed and aligned to the clock, so that every process agrees
where one ends and a refusal can say how long to wait (`retry_after`).
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings

from ..ratelimit import hit


@dataclass(frozen=True)
class Cap:
    name: str
    setting: str  # the number allowed per window, from settings
    seconds: int  # the window

    @property
    def count(self) -> int:
        return getattr(settings, self.setting)


# A school of 150 behind one NAT joins well within 200; reloads keep their token.
NEW_PARTICIPANTS = Cap("participants", "LIVE_NEW_PARTICIPANTS_PER_ADDRESS", 10 * 60)
# The same school asking at once, at most 3 per pupil per minute anyway.
QUESTIONS = Cap("questions", "LIVE_QUESTIONS_PER_ADDRESS", 60)
# Answers to open questions: counted apart from questions, to the same number.
OPEN_ANSWERS = Cap("answers", "LIVE_QUESTIONS_PER_ADDRESS", 60)


def client_address(scope: dict) -> str:
    """The address a cap counts for: the ASGI scope's `client`, which daphne fills
    from the proxy's X-Forwarded-For only when started with --proxy-headers (headers
    are never read here: anyone can send them). An IPv6 address counts as its /64,
    the block one household or school gets."""
    client = scope.get("client")
    host = str(client[0]) if client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def wait_for(cap: Cap, session_id: int, address: str, now: float | None = None) -> int:
    """Count one attempt from `address` in a session: 0 when it is within the cap,
    else the seconds until the window ends."""
    return allowed_of(cap, session_id, address, 1, now)[1]


def allowed_of(
    cap: Cap, session_id: int, address: str, attempts: int, now: float | None = None
) -> tuple[int, int]:
    """Count `attempts` from `address` in a session at once (a batch of joins):
    how many of them are within the cap, and the seconds until the window ends
    for the others (0 when all are within)."""
    now = time.time() if now is None else now
    window = int(now // cap.seconds)
    key = f"live:cap:{cap.name}:{session_id}:{window}:{address}"
    count = hit(key, cap.seconds, attempts)
    within = max(0, min(attempts, cap.count - (count - attempts)))
    if within == attempts:
        return within, 0
    return within, max(1, math.ceil((window + 1) * cap.seconds - now))
