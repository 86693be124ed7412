"""Rate limits for what people send on public forms, counted in Django's cache per
key (a participant, an e-mail address) and per IP address, in a fixed window that
the first hit starts. The apps name their own limits (participation/ratelimit.py,
councils/views_recruitment.py)."""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    action: str
    count: int
    seconds: int


# An IP address is shared by a school or a youth-care home: it gets more room.
IP_FACTOR = 6


def hit(key: str, seconds: int, attempts: int = 1) -> int:
    """Count `attempts` (one, or a batch) under `key` in a window of `seconds` that
    the first hit starts; the count so far (shared by every process when the cache
    is Redis)."""
    if cache.add(key, attempts, timeout=seconds):
        return attempts
    try:
        return cache.incr(key, attempts)
    except ValueError:  # expired between add and incr
        cache.set(key, attempts, timeout=seconds)
        return attempts


def allow(limit: Limit, *, key: str = "", ip: str = "") -> bool:
    """Count one attempt; False when the participant or the IP went over the limit."""
    allowed = True
    if key:
        allowed &= hit(f"rl:{limit.action}:k:{key}", limit.seconds) <= limit.count
    if ip:
        allowed &= (
            hit(f"rl:{limit.action}:ip:{ip}", limit.seconds) <= limit.count * IP_FACTOR
        )
    return allowed
