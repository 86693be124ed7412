"""The signed token in the preference link of every notification e-mail. It names one
person (and optionally one kind) so that the link works without signing in, and its
signature stops anyone from pointing it at someone else. It carries the time it was
made and works for LINK_MAX_AGE: an old or forwarded e-mail stops being a key to
someone's choices, and every new e-mail brings a fresh link."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing

from .kinds import KINDS, NotificationKind

SALT = "inspraak.notifications.preferences"
LINK_MAX_AGE = timedelta(days=60)


class InvalidToken(Exception):
    """The token was changed, made with another key, or names nobody."""


class ExpiredToken(InvalidToken):
    """The token is genuine but older than LINK_MAX_AGE."""


def make_token(user, kind: NotificationKind | str | None = None) -> str:
    """A token for `user`'s preferences, with the kind the e-mail was about."""
    payload = {"u": user.pk}
    if kind is not None:
        payload["k"] = kind if isinstance(kind, str) else kind.key
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str) -> tuple:
    """The (user, kind or None) a token was made for; raises ExpiredToken for a
    genuine but old one and InvalidToken for anything else."""
    try:
        # signing.dumps signs with a timestamp, so links sent before expiry counted
        # expire too.
        payload = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredToken("Too old.") from error
    except signing.BadSignature as error:
        raise InvalidToken("Bad signature.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise InvalidToken("Unexpected payload.")
    user = get_user_model()._default_manager.filter(pk=payload["u"]).first()
    if user is None:
        raise InvalidToken("No such person.")
    # A kind that no longer exists still leads to the preferences, just unmarked.
    key = payload.get("k")
    kind = KINDS.get(key) if isinstance(key, str) else None
    return user, kind
