"""What the live-session app holds on a person (see inspraak.privacy.registry).

Participants are anonymous (a nickname and a random key). Only staff who moderate
are linked: the sessions they are assigned to, and their own participant row (a
moderator can ask and upvote like anyone)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import LiveSession, Participant

LIVE = _("Live sessions")


@register
class ModeratedSessions(PersonalData):
    model = LiveSession
    user_fields = ("moderators",)
    group = LIVE
    label = _("Live sessions you were asked to moderate")
    purpose = _("Who may approve, answer and hide questions in a live session.")
    export_fields = ("title", "code", "starts_at", "state")
    erasure = Erasure.ANONYMISE
    erasure_note = _(
        "The session and its questions stay with the consultation; you are no "
        "longer listed as its moderator."
    )

    def erase(self, user) -> None:
        user.moderated_live_sessions.clear()


@register
class ModeratorParticipation(PersonalData):
    model = Participant
    group = LIVE
    label = _("Your name in live sessions you moderated")
    purpose = _("Links the questions and upvotes you gave as moderator to you.")
    export_fields = ("session", "nickname", "created_at")
    erasure = Erasure.ANONYMISE
    erasure_note = _(
        "Questions you asked as moderator stay in the session's results without "
        "your name."
    )
