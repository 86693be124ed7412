"""The kinds of e-mail notification Inspraak sends, as plain data.

Every e-mail about something that happens on the platform has a kind; people choose
per kind whether they get it and when. Only people involved in something are
notified about it (the person who gave the advice, the person whose case it is), and
there are no newsletters here: nobody gets e-mail they did not ask for. A later app
adds its own kind with `register`.
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


ADVICE_ANSWERED = register(
    NotificationKind(
        key="advice_answered",
        label=_("Answer to your advice"),
        description=_(
            "You get an e-mail when the municipality or organisation answers advice "
            "that you helped to write."
        ),
    )
)
CONSULTATION_FEEDBACK = register(
    NotificationKind(
        key="consultation_feedback",
        label=_("What was done with your ideas"),
        description=_(
            "You get an e-mail when there is news about a consultation you took part "
            "in: what was done with the ideas."
        ),
        default_frequency=Frequency.DAILY,
    )
)
ASSIGNMENT_INVITATION = register(
    NotificationKind(
        key="assignment_invitation",
        label=_("Invitations for assignments"),
        description=_(
            "For experience experts: you get an e-mail when an organisation invites "
            "you for paid work."
        ),
    )
)
CASE_UPDATE = register(
    NotificationKind(
        key="case_update",
        label=_("News about your complaint or objection"),
        description=_(
            "You get an e-mail when something changes in your complaint or objection, "
            "for example when a date is set."
        ),
    )
)
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
CASE_MESSAGE_FOR_STAFF = register(
    NotificationKind(
        key="case_message_for_staff",
        label=_("New messages in cases you handle"),
        description=_(
            "For staff: you get an e-mail when the person sends a message in a "
            "complaint or objection you handle."
        ),
        audience=Audience.STAFF,
    )
)
CASE_ACKNOWLEDGEMENT = register(
    NotificationKind(
        key="case_acknowledgement",
        label=_("Confirmation that we received your complaint or objection"),
        description=_(
            "The law says we must confirm that we received your complaint or "
            "objection. You always get this e-mail straight away."
        ),
        # Awb 9:6 (complaints) and 6:14 (objections): receipt is acknowledged in
        # writing, so this kind cannot be switched off or held back for a digest.
        required=True,
    )
)

CASE_DECISION = register(
    NotificationKind(
        key="case_decision",
        label=_("Letters about your complaint or objection"),
        description=_(
            "The decision, a postponement, an invitation to a hearing, and when we do "
            "not handle your complaint. The law says we must send these in writing, "
            "so you always get them straight away."
        ),
        # Awb 7:10 lid 3 and 9:11 lid 2 (postponement in writing), 7:2 and 9:10
        # (hearing), 9:8 lid 2 and 9:12 (written decision and outcome).
        required=True,
    )
)
