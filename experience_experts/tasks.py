"""Nightly tasks of experience experts: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

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
