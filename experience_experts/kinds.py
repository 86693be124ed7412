"""The notification kind of experience experts' work (see
inspraak.notifications.kinds). Invitations use the existing kind
"assignment_invitation"."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import NotificationKind, register

EXPERT_WORK = register(
    NotificationKind(
        key="expert_work",
        label=_("Bookings, hours and reminders"),
        description=_(
            "For experience experts: you get an e-mail when an organisation books "
            "you, cancels a booking or returns your hours, and the day before you work."
        ),
    )
)
