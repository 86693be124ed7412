"""What the councils app holds on a person (see inspraak.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import (
    AdviceAnswer,
    AdviceFollower,
    AdviceRequest,
    Application,
    CouncilMember,
    FollowUp,
    Meeting,
    Promise,
    PromiseProgress,
    Vacancy,
)

COUNCILS = _("Councils and advice")
KEPT = _(
    "Advice, answers and reactions are public records of the council and the "
    "organisation. They stay; your name is removed."
)


@register
class CouncilMemberships(PersonalData):
    model = CouncilMember
    group = COUNCILS
    label = _("Your council memberships")
    purpose = _("Who may write and adopt advice, and who is shown on the council page.")
    export_fields = ("council", "role", "starts_on", "ends_on", "show_publicly")
    prefetch_related = ("council",)  # a page: built once, not once per row


class ClearedAuthor(PersonalData):
    group = COUNCILS
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT


@register
class RequestsAsked(ClearedAuthor):
    model = AdviceRequest
    user_fields = ("requested_by",)
    label = _("Requests for advice you sent")
    purpose = _("Shows who asked the council for advice.")
    export_fields = ("council", "question", "desired_on", "status", "requested_on")
    prefetch_related = ("council",)  # a page: built once, not once per row


@register
class AnswersGiven(ClearedAuthor):
    model = AdviceAnswer
    user_fields = ("answered_by",)
    label = _("Answers to advice you recorded")
    purpose = _("Shows who recorded the organisation's answer.")
    export_fields = ("advice", "verdict", "answered_on")
    prefetch_related = ("advice",)  # a page


@register
class FollowUpsWritten(ClearedAuthor):
    model = FollowUp
    user_fields = ("written_by",)
    label = _("Reactions of the council you wrote")
    purpose = _("Shows who wrote the council's reaction to an answer.")
    export_fields = ("advice", "text", "written_on")
    prefetch_related = ("advice",)  # a page


@register
class FollowedAdvice(PersonalData):
    model = AdviceFollower
    group = COUNCILS
    label = _("Advice you follow")
    purpose = _("We e-mail you when the answer or a promise on this advice moves.")
    export_fields = ("advice", "created_at")
    prefetch_related = ("advice",)  # a page


@register
class Applications(PersonalData):
    model = Application
    group = COUNCILS
    user_fields = ("user", "decided_by")
    label = _("Applications to a council")
    purpose = _(
        "Your own application, so the council can decide on it, or the applications "
        "you decided on. Deleted a while after the decision."
    )
    export_fields = (
        "vacancy",
        "first_name",
        "last_name",
        "email",
        "date_of_birth",
        "parent_email",
        "motivation",
        "status",
        "submitted_at",
        "decided_at",
    )

    def erase(self, user) -> None:
        # Your own application goes; on one you decided, only your name goes.
        Application.objects.filter(user=user).delete()
        Application.objects.filter(decided_by=user).update(decided_by=None)


@register
class VacanciesOpened(ClearedAuthor):
    model = Vacancy
    user_fields = ("created_by",)
    label = _("Vacancies you opened")
    purpose = _("Shows who opened a vacancy of the council.")
    export_fields = ("council", "title", "created_at")
    prefetch_related = ("council",)  # a page


@register
class MeetingsPlanned(ClearedAuthor):
    model = Meeting
    user_fields = ("created_by",)
    label = _("Meetings you planned")
    purpose = _("Shows who planned a meeting of the council.")
    export_fields = ("council", "title", "starts_at")
    prefetch_related = ("council",)  # a page


@register
class PromisesRecorded(ClearedAuthor):
    model = Promise
    user_fields = ("recorded_by",)
    label = _("Promises you recorded")
    purpose = _("Shows who recorded what the organisation promised.")
    export_fields = ("advice", "text", "visible_by", "recorded_on")
    prefetch_related = ("advice",)  # a page


@register
class ProgressReported(ClearedAuthor):
    model = PromiseProgress
    user_fields = ("reported_by",)
    label = _("Progress on promises you reported")
    purpose = _("Shows who reported progress on a promise.")
    export_fields = ("promise", "text", "state", "reported_on")
