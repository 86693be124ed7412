"""Nightly tasks of notifications: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 6 * * *")
@task()
def send_notification_digests():
    """The daily e-mail people chose, last of the night's work."""
    call_command("send_notification_digests")
