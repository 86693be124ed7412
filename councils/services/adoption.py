"""Adoption of advice by the council: recording the adoption date, publication as
adoption and sending, telling the chair and secretary that advice waits for them,
and setting up the workflow "Adoption by the council"."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page, Revision, Workflow, WorkflowPage, WorkflowTask

from ..models.adoption import CouncilAdoptionTask
from ..models.advice import AdvicePage
from ..models.councils import CouncilMember
from .dispatch import send_advice
from .mail import email


def record_adoption(
    advice: AdvicePage, on: date, revision: Revision | None = None
) -> bool:
    """Record that the council adopted `advice` on `on`, in the revision that is
    (or was just) published and on the page itself, so the next publication keeps
    it. A date already recorded stays: correcting adopted advice is no new
    adoption. Returns whether a date was written."""
    revision = revision or advice.get_latest_revision()
    if revision is not None and revision.content.get("adopted_on"):
        return False
    if revision is not None:
        revision.content["adopted_on"] = on.isoformat()
        revision.save(update_fields=["content"])
    AdvicePage.objects.filter(pk=advice.pk, adopted_on__isnull=True).update(
        adopted_on=on
    )
    advice.adopted_on = advice.adopted_on or on
    return True


def advice_published(advice: AdvicePage, revision: Revision | None = None) -> None:
    """Publishing is adopting and sending. Advice published without the workflow
    (by the chair, secretary or a superuser directly) counts as adopted that day."""
    today = timezone.localdate()
    if advice.adopted_on is None:
        record_adoption(advice, today, revision)
    send_advice(advice, today)


def tell_adopters(advice, *, submitted_by=None) -> int:
    """E-mail the council's current chair and secretary that advice waits for their
    adoption. Returns the number of e-mails."""
    advice = advice.specific
    council = advice.get_parent().specific
    adopters = (
        CouncilMember.objects.current()
        .filter(council=council, role__in=CouncilMember.ADOPTING_ROLES)
        .select_related("user")
    )
    sent = 0
    for member in adopters:
        if submitted_by is not None and member.user_id == submitted_by.pk:
            continue
        with translation.override(member.user.preferred_language):
            email(
                member.user,
                _("Advice to adopt: %(title)s") % {"title": advice.title},
                _(
                    "%(member)s asks the council to adopt this advice. As chair or "
                    "secretary you can adopt it, or ask for changes, in the editor."
                )
                % {"member": submitted_by or _("A member")},
                reverse("wagtailadmin_pages:edit", args=[advice.pk]),
            )
        sent += 1
    return sent


def ensure_adoption_workflow(council_index_page: Page) -> Workflow:
    """Make sure advice under `council_index_page` goes through the workflow
    "Adoption by the council" (one CouncilAdoptionTask). Safe to call again: it
    finds the task and workflow by their type, not by their (translated) name."""
    with translation.override(settings.LANGUAGE_CODE):
        task_name = _("Adoption by the chair or secretary")
        workflow_name = _("Adoption by the council")
    with transaction.atomic():
        task = CouncilAdoptionTask.objects.order_by("pk").first()
        if task is None:
            task = CouncilAdoptionTask.objects.create(name=task_name)
        workflow = (
            Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
        )
        if workflow is None:
            workflow = Workflow.objects.create(name=workflow_name)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(
            page=council_index_page, defaults={"workflow": workflow}
        )
    return workflow
