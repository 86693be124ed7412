"""The notification kinds of experience experts (see inspraak.notifications.kinds).
Invitations use the existing kind "assignment_invitation"."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import NotificationKind, register

EXPERT_BOOKING = register(
    NotificationKind(
        key="expert_booking",
        label=_("Bookings and hours"),
        description=_(
            "For experience experts: you get an e-mail when an organisation books "
            "you, cancels a booking or returns your hours."
        ),
    )
)
EXPERT_SESSION_REMINDER = register(
    NotificationKind(
        key="expert_session_reminder",
        label=_("Reminder the day before you work"),
        description=_(
            "For experience experts: you get an e-mail the day before a session of "
            "an assignment you are booked for."
        ),
    )
)
