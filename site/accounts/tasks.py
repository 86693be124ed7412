"""Nightly tasks of accounts: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("15 1 * * *")
@task()
def update_parental_consent():
    """One reminder to parents; the limit lifts in the night of the 16th
    birthday."""
    call_command("update_parental_consent")
