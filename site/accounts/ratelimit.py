"""Failed sign-ins, counted so that nobody can lock out someone else.

allauth counts failures per account from anywhere and per address, so one pupil can
lock a handler out by typing their e-mail address five times, and twenty typos
behind a school's one address lock out the whole class. We count three ways
(ACCOUNT_RATE_LIMITS, same syntax as allauth's):

- `login_failed`, scope `key`: one account at one address, strictly;
- `login_failed`, scope `ip`: one address, generously (a class behind one NAT);
- `login_failed_account`, scope `key`: one account from all addresses, set above what
  one address can reach under its own limit, so only many addresses together lock an
  account, and a password reset lifts that.

A refused attempt counts nowhere and tells how long to wait. A successful sign-in
takes its own attempt back out of the counts (as allauth does), so someone who types
the right password is never counted as a failure.
"""

import hashlib
import ipaddress
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from allauth.account import app_settings

ACTION = "login_failed"
ACCOUNT_ACTION = "login_failed_account"
IPV6_PREFIX = 64  # one household or school has a whole /64
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: float
    scope: str

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds:g}s/{self.scope}"


def parse_rates(text: str | None) -> list[Rate]:
    """allauth's rate syntax: `5/5m/key,100/15m/ip`."""
    rates = []
    for part in filter(None, (part.strip() for part in (text or "").split(","))):
        amount, duration, *scope = part.split("/")
        number = duration[:-1]
        seconds = (float(number) if number else 1) * _UNITS[duration[-1]]
        rates.append(Rate(int(amount), seconds, scope[0] if scope else "ip"))
    return rates


def configured_rates(action: str) -> list[Rate]:
    # allauth's own view of ACCOUNT_RATE_LIMITS: False there switches all off.
    return parse_rates(app_settings.RATE_LIMITS.get(action))


def client_address(request: HttpRequest) -> str:
    """The address as allauth sees it (its adapter honours trusted proxies), IPv6
    cut to its /64 network."""
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return address


def _generation(login: str) -> int:
    """Bumped by a password reset, which starts the account's counts afresh."""
    return cache.get(_key("generation", login), 0)


def _key(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"inspraak:login-failed:{digest}"


def _counters(request: HttpRequest, login: str) -> Iterator[tuple[str, Rate]]:
    login = login.strip().lower()
    address = client_address(request)
    generation = _generation(login)
    for rate in configured_rates(ACTION):
        if rate.scope == "key":
            yield _key(ACTION, rate, generation, login, address), rate
        elif rate.scope == "ip":
            yield _key(ACTION, rate, address), rate
        else:
            raise ImproperlyConfigured(f"{ACTION} counts per key or ip, not {rate}.")
    for rate in configured_rates(ACCOUNT_ACTION):
        if rate.scope != "key":
            raise ImproperlyConfigured(f"{ACCOUNT_ACTION} counts per key, not {rate}.")
        yield _key(ACCOUNT_ACTION, rate, generation, login), rate


@contextmanager
def _locked(key: str) -> Iterator[bool]:
    lock = f"{key}:lock"
    deadline = time.monotonic() + 1
    while not cache.add(lock, True, timeout=10):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.01)
    try:
        yield True
    finally:
        cache.delete(lock)


@dataclass
class Attempt:
    """One sign-in attempt as counted: `wait` seconds if refused, else the counts it
    was added to (taken back out if the password was right)."""

    moment: float
    wait: float = 0
    counted: list[tuple[str, Rate]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.wait > 0

    @property
    def wait_minutes(self) -> int:
        return max(1, math.ceil(self.wait / 60))

    def take_back(self) -> None:
        for key, rate in self.counted:
            with _locked(key) as locked:
                if locked:
                    history = [t for t in cache.get(key, []) if t != self.moment]
                    cache.set(key, history, math.ceil(rate.seconds))
        self.counted = []


def count_attempt(request: HttpRequest, login: str) -> Attempt:
    """Count a sign-in attempt for `login` (as typed) from this request's address,
    or refuse it, with how long to wait, if any count is full."""
    attempt = Attempt(moment=time.time())
    for key, rate in _counters(request, login):
        with _locked(key) as locked:
            if not locked:  # a burst on this very count: refuse, as allauth does
                attempt.wait = max(attempt.wait, 1)
                continue
            since = attempt.moment - rate.seconds
            history = [t for t in cache.get(key, []) if t > since]  # newest first
            if len(history) >= rate.amount:
                # The attempt fits once the oldest of the last `amount` is out.
                oldest = history[rate.amount - 1] if rate.amount else attempt.moment
                expires = oldest + rate.seconds - attempt.moment
                attempt.wait = max(attempt.wait, expires)
                continue
            cache.set(key, [attempt.moment, *history], math.ceil(rate.seconds))
            attempt.counted.append((key, rate))
    if attempt.refused:
        attempt.take_back()
    return attempt


def forget_account(login: str) -> None:
    """Start the counts for `login` afresh, in every address (a password reset)."""
    key = _key("generation", login.strip().lower())
    cache.set(key, _generation(login.strip().lower()) + 1, None)


def forget_failed_sign_ins(sender, request, user, **kwargs) -> None:
    """allauth's `password_reset` signal: whoever proved they own the address may
    sign in again, whatever others typed."""
    from allauth.account.models import EmailAddress

    addresses = set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    for login in addresses | {user.email}:
        if login:
            forget_account(login)
