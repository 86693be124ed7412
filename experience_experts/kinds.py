"""The notification kinds of experience experts (see inspraak.notifications.kinds),
registered when the app is ready: invitations for paid work, and the work itself."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import NotificationKind, register

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
