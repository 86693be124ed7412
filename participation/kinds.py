"""The notification kind of consultations (see inspraak.notifications.kinds),
registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import Frequency, NotificationKind, register

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
