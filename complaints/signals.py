"""Changes outside a case that move its stored deadline: an extra Atw day added,
moved or removed, and a provider's complaint period. Saved elsewhere (the Wagtail
snippets, the organisations app, which may not call this app), so heard here.
Connected in ComplaintsConfig.ready."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from inspraak.organisations.models import Organisation

from .case_deadlines import refresh_deadlines_around, refresh_stored_deadlines
from .models import AtwExtraDay, Case


@receiver(pre_save, sender=AtwExtraDay)
def _remember_the_day_before(sender, instance, **kwargs):
    """A moved day frees the old one: remember it for _atw_day_saved."""
    instance._day_before = (
        sender.objects.filter(pk=instance.pk).values_list("day", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=AtwExtraDay)
def _atw_day_saved(sender, instance, **kwargs):
    before = getattr(instance, "_day_before", None)
    days = [day for day in (instance.day, before) if day]
    refresh_deadlines_around(min(days))


@receiver(post_delete, sender=AtwExtraDay)
def _atw_day_deleted(sender, instance, **kwargs):
    refresh_deadlines_around(instance.day)


@receiver(post_save, sender=Organisation)
def _organisation_saved(sender, instance, created, update_fields=None, **kwargs):
    """A provider's complaints procedure sets its own period."""
    if update_fields is not None and "complaint_period_weeks" not in update_fields:
        return
    if not created:
        refresh_stored_deadlines(
            Case.objects.filter(
                organisation=instance, kind=Case.Kind.PROVIDER_COMPLAINT
            )
        )
