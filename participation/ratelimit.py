"""The participation app's rate limits (inspraak.core.ratelimit counts them): per
participant key and per IP address."""

from inspraak.core.ratelimit import IP_FACTOR, Limit, allow, hit

__all__ = ["CONTRIBUTE", "IP_FACTOR", "REPORT", "SUBSCRIBE", "SUPPORT", "allow", "hit"]

CONTRIBUTE = Limit("contribute", 5, 10 * 60)
SUPPORT = Limit("support", 60, 10 * 60)
REPORT = Limit("report", 10, 10 * 60)
SUBSCRIBE = Limit("subscribe", 5, 60 * 60)
