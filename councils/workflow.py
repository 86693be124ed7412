"""Adoption of advice by the council, as a Wagtail workflow task.

Members draft advice and submit it to the workflow "Adoption by the council". Only
the council's current chair or secretary can approve it: that approval is the
council's adoption, and the workflow then publishes the advice, which sends it to the
addressee (services.send_advice, from the `page_published` signal below).

The task model is imported by models.py, so Django registers it with the app.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Task, TaskState
from wagtail.signals import page_published, task_submitted

from .models import AdvicePage, CouncilMember, CouncilPage
from .permissions import can_adopt, can_write


def council_of(page: Page | None) -> CouncilPage | None:
    """The council a page in the councils tree belongs to: the council page itself,
    or the parent council of an advice. None for every other page."""
    if page is None:
        return None
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, CouncilPage):
        return page.specific
    if page_class is not None and issubclass(page_class, AdvicePage):
        parent = page.get_parent()
        return parent.specific if parent is not None else None
    return None


def may_adopt(user, page: Page) -> bool:
    """Who approves `page` in the adoption task: for advice and council pages the
    council's chair or secretary only (adoption is the council's own decision, so
    not even a superuser adopts for it); for the other pages of the councils tree
    (overview, tracker) a superuser, so that they never get stuck."""
    council = council_of(page)
    if council is None:
        return user.is_superuser
    return can_adopt(user, council)


def may_change(user, page: Page) -> bool:
    """Who may write in the councils tree at all, whatever their Wagtail groups
    allow: advice only by the council's current members; the council page itself
    (which holds the member list, and so the roles) only by its chair or secretary.
    Superusers may do both."""
    if user.is_superuser:
        return True
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, AdvicePage):
        council = council_of(page)
        return council is not None and can_write(user, council)
    if page_class is not None and issubclass(page_class, CouncilPage):
        return can_adopt(user, page)
    return True


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
        return may_adopt(user, obj)

    def locked_for_user(self, obj, user):
        return not may_adopt(user, obj)

    def user_can_lock(self, obj, user):
        return may_adopt(user, obj)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not may_adopt(user, obj):
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
        if not may_adopt(user, page):
            raise PermissionDenied
        if action_name == "approve" and issubclass(page.specific_class, AdvicePage):
            from .services import record_adoption

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


@receiver(page_published, sender=AdvicePage)
def _send_advice_on_first_publication(sender, instance, revision, **kwargs):
    """Publishing is sending: the first publication starts the answer clock."""
    if kwargs.get("alias"):
        return
    from .services import advice_published

    advice_published(instance, revision)


@receiver(task_submitted, sender=TaskState)
def _tell_adopters(sender, instance, user=None, **kwargs):
    """Wagtail tells group members about a submitted group task; our task has no
    groups, so tell the council's chair and secretary ourselves."""
    if isinstance(instance.task.specific, CouncilAdoptionTask):
        from .services import tell_adopters

        tell_adopters(instance.workflow_state.content_object, submitted_by=user)
