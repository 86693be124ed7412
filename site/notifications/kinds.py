"""The kinds of e-mail notification Inspraak sends, as plain data.

Every e-mail about something that happens on the platform has a kind; people choose
per kind whether they get it and when. Only people involved in something are
notified about it (the person who gave the advice, the person whose case it is), and
there are no newsletters here: nobody gets e-mail they did not ask for.

Every app registers its own kinds with `register`, in its `kinds.py`, imported from
its AppConfig.ready() (for example complaints/kinds.py); the order of KINDS, and so
of the preferences page, is the order of INSTALLED_APPS. The one kind defined here
is shared by more than one app: staff reminders about deadlines (cases and advice).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Straight away")
    DAILY = "daily", _("Once a day, in one e-mail")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    # Staff of Inspraak and people with a current role in an organisation.
    STAFF = "staff", _("Staff")


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str | Promise
    # What the e-mail is about, in plain language (B1), shown on the preferences page.
    description: str | Promise
    audience: Audience = Audience.EVERYONE
    # Required by law: always sent, straight away; cannot be switched off.
    required: bool = False
    default_enabled: bool = True
    default_frequency: Frequency = Frequency.IMMEDIATE

    def __post_init__(self):
        if self.required and (
            not self.default_enabled or self.default_frequency != Frequency.IMMEDIATE
        ):
            raise ValueError(f"Required kind {self.key!r} must be on and immediate.")


class UnknownKind(LookupError):
    """A notification kind that nobody registered."""


KINDS: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    """Add a kind of notification (for apps that bring their own)."""
    if kind.key in KINDS:
        raise ValueError(f"Notification kind {kind.key!r} is already registered.")
    KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> NotificationKind:
    """The kind with `key`; raises UnknownKind for a key nobody registered."""
    try:
        return KINDS[key]
    except KeyError:
        raise UnknownKind(
            f"Unknown notification kind {key!r}; known kinds: {', '.join(KINDS)}."
        ) from None


STAFF_DEADLINE_REMINDER = register(
    NotificationKind(
        key="staff_deadline_reminder",
        label=_("Reminders about deadlines"),
        description=_(
            "For staff: you get a reminder when the deadline for a case or advice you "
            "handle is coming close."
        ),
        audience=Audience.STAFF,
        default_frequency=Frequency.DAILY,
    )
)
