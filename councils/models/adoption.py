"""The workflow task "Adoption by the council" (a Wagtail Task, so a model).

Members draft advice and submit it to the workflow "Adoption by the council". Only
the council's current chair or secretary can approve it: that approval is the
council's adoption, and the workflow then publishes the advice, which sends it to the
addressee (councils.signals, on `page_published`).

Wagtail asks the task itself who may act; the rule is councils.permissions.may_adopt,
which imports the models, so `_may_adopt` imports it on call.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Task, TaskState

from .advice import AdvicePage
from .councils import CouncilMember, CouncilPage


def _may_adopt(user, page: Page) -> bool:
    from ..permissions import may_adopt

    return may_adopt(user, page)


class CouncilAdoptionTask(Task):
    """Approved only by the chair or the secretary of the page's council."""

    class Meta:
        verbose_name = _("adoption by the council")
        verbose_name_plural = _("adoptions by the council")

    @classmethod
    def get_description(cls):
        return _(
            "The chair or the secretary of the council adopts the advice. After that "
            "it is published and sent."
        )

    def user_can_access_editor(self, obj, user):
        return _may_adopt(user, obj)

    def locked_for_user(self, obj, user):
        return not _may_adopt(user, obj)

    def user_can_lock(self, obj, user):
        return _may_adopt(user, obj)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not _may_adopt(user, obj):
            return []
        return [
            ("reject", _("Ask for changes"), True),
            ("approve", _("Adopt"), False),
            ("approve", _("Adopt with comment"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Checked here too, not only in the admin's view: the model is the rule.
        page = task_state.workflow_state.content_object
        if not _may_adopt(user, page):
            raise PermissionDenied
        if action_name == "approve" and issubclass(page.specific_class, AdvicePage):
            # The adoption flow imports the models: imported here, on call.
            from ..services.adoption import record_adoption

            # Before approving: approving the last task publishes the latest
            # revision, which must already carry the adoption date.
            record_adoption(page.specific, timezone.localdate())
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        councils = CouncilPage.objects.all()
        if user.is_superuser:
            # Superusers moderate only the pages that belong to no council.
            return in_progress.exclude(
                workflow_state__object_id__in=_page_ids_under(councils)
            )
        adopting = councils.filter(
            pk__in=CouncilMember.objects.current()
            .filter(user=user, role__in=CouncilMember.ADOPTING_ROLES)
            .values("council_id")
        )
        return in_progress.filter(
            workflow_state__object_id__in=_page_ids_under(adopting)
        )


def _page_ids_under(councils):
    """The ids (as text, like WorkflowState.object_id) of the council pages and
    their advice."""
    paths = list(councils.values_list("path", flat=True))
    if not paths:
        return Page.objects.none().values("pk")
    in_subtree = Q()
    for path in paths:
        in_subtree |= Q(path__startswith=path)
    return (
        Page.objects.filter(in_subtree)
        .annotate(id_text=Cast("pk", CharField()))
        .values("id_text")
    )
