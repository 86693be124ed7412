"""What the participation app holds on a person (see inspraak.privacy.registry).

E-mail subscriptions to feedback have no account link: they are deleted after the
notification is sent or when the consultation ends (purge_feedback_subscriptions).
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, PersonalData, register

from .models import Contribution, ContributionReport, Support

CONSULTATIONS = _("Consultations")


@register
class Contributions(PersonalData):
    model = Contribution
    group = CONSULTATIONS
    user_fields = ("user", "hidden_by")
    label = _("Your contributions to consultations")
    purpose = _(
        "Your answers and ideas, so the organisation can use them and tell you "
        "what it did with them."
    )
    export_fields = (
        "consultation",
        "question",
        "nickname",
        "text",
        "created_at",
        "hidden_at",
        "hidden_reason",
        "support_count",
    )
    prefetch_related = ("consultation",)  # a page: built once, not once per row
    erasure = Erasure.DELETE

    def erase(self, user) -> None:
        # What the person wrote goes; contributions they hid as a moderator stay
        # without their name.
        Contribution.objects.filter(user=user).delete()
        Contribution.objects.filter(hidden_by=user).update(hidden_by=None)


@register
class Supports(PersonalData):
    model = Support
    group = CONSULTATIONS
    label = _("Contributions you supported")
    purpose = _("So you can support each contribution only once.")
    export_fields = ("contribution", "created_at")
    erasure = Erasure.DELETE

    def erase(self, user) -> None:
        contribution_ids = list(
            Support.objects.filter(user=user).values_list("contribution_id", flat=True)
        )
        Support.objects.filter(user=user).delete()
        counts = (
            Support.objects.filter(contribution=OuterRef("pk"))
            .values("contribution")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Contribution.objects.filter(pk__in=contribution_ids).update(
            support_count=Coalesce(Subquery(counts), 0)
        )


@register
class Reports(PersonalData):
    model = ContributionReport
    group = CONSULTATIONS
    user_fields = ("user", "resolved_by")
    label = _("Contributions you reported")
    purpose = _("So moderators can look at what you reported.")
    export_fields = ("contribution", "reason", "note", "created_at", "resolved_at")
    erasure = Erasure.ANONYMISE
    erasure_note = _(
        "Reports stay for the moderators, without your name: they may still need "
        "to check a contribution."
    )
