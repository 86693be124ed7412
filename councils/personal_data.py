"""What the councils app holds on a person (see inspraak.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import AdviceAnswer, AdviceRequest, CouncilMember, FollowUp

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
