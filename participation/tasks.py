"""Nightly tasks of participation: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("30 3 * * *")
@task()
def purge_feedback_subscriptions():
    """E-mail addresses of consultations that have ended."""
    call_command("purge_feedback_subscriptions")
