"""What Wagtail's signals start in the councils app: publishing advice sends it,
and submitting it to the adoption task tells the chair and secretary. Connected in
CouncilsConfig.ready."""

from django.dispatch import receiver

from wagtail.models import TaskState
from wagtail.signals import page_published, task_submitted

from inspraak.pages.translation import default_language, language_of

from .models.adoption import CouncilAdoptionTask
from .models.advice import AdvicePage
from .services.adoption import advice_published, tell_adopters


@receiver(page_published, sender=AdvicePage)
def _send_advice_on_first_publication(sender, instance, revision, **kwargs):
    """Publishing is sending: the first publication starts the answer clock."""
    if kwargs.get("alias") or language_of(instance) != default_language():
        return  # only the record is sent, never a translation of it
    advice_published(instance, revision)


@receiver(task_submitted, sender=TaskState)
def _tell_adopters(sender, instance, user=None, **kwargs):
    """Wagtail tells group members about a submitted group task; our task has no
    groups, so tell the council's chair and secretary ourselves."""
    if isinstance(instance.task.specific, CouncilAdoptionTask):
        tell_adopters(instance.workflow_state.content_object, submitted_by=user)
