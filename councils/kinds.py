"""The notification kinds of councils (see inspraak.notifications.kinds), registered
when the app is ready. Deadline reminders use the shared kind
"staff_deadline_reminder"."""

from django.utils.translation import gettext_lazy as _

from inspraak.notifications.kinds import NotificationKind, register

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

ADVICE_FOLLOWED = register(
    NotificationKind(
        key="advice_followed",
        label=_("Advice you follow"),
        description=_(
            "You get an e-mail when advice you follow is answered, and when the "
            "organisation reports on what it promised."
        ),
    )
)

TERM_ENDING = register(
    NotificationKind(
        key="council_term_ending",
        label=_("A council member's term ends soon"),
        description=_(
            "For the chair of a council: an e-mail two months before the term of a "
            "member ends, so that you can talk about it and extend the term."
        ),
    )
)
