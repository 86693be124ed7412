"""Nightly tasks of privacy: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 5 * * *")
@task()
def check_data_requests():
    """Warn administrators of data requests due within a week or overdue."""
    call_command("check_data_requests")
