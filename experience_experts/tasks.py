"""Nightly work of the experience experts app, scheduled by django-crontask
(`manage.py crontask`) and run by the task worker (`manage.py db_worker`). Times are
Europe/Amsterdam (settings.TIME_ZONE); the commands stay for manual runs."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("15 3 * * *")
@task()
def purge_expert_records():
    """Experts' bookkeeping 7 years after the account was deleted."""
    call_command("purge_expert_records")


@cron("45 5 * * *")
@task()
def send_session_reminders():
    """Booked experts, the day before each session."""
    call_command("send_session_reminders")
