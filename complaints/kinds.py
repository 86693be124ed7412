"""The notification kinds of complaints and objections (see
inspraak.notifications.kinds), registered when the app is ready. Deadline
reminders for handlers use the shared kind "staff_deadline_reminder"."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import Audience, NotificationKind, register

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
