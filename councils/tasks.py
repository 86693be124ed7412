"""Nightly tasks of councils: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 1 * * *")
@task()
def sync_council_permissions():
    """Council terms that start or end today, the first thing each night."""
    call_command("sync_council_permissions")


@cron("30 5 * * *")
@task()
def send_advice_reminders():
    """Remind staff a week before and on the due date of unanswered advice."""
    call_command("send_advice_reminders")


@cron("20 3 * * *")
@task()
def purge_council_applications():
    """Applications to a council, a set period after the decision."""
    call_command("purge_council_applications")


@cron("35 5 * * *")
@task()
def send_term_reminders():
    """Remind the chair two months before a member's term ends."""
    call_command("send_term_reminders")
