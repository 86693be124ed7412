"""Nightly tasks of complaints: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 3 * * *")
@task()
def anonymise_closed_cases():
    """Case files 5 years after closing."""
    call_command("anonymise_closed_cases")


@cron("15 5 * * *")
@task()
def send_case_reminders():
    """Case deadlines, 7 days before and on the day."""
    call_command("send_case_reminders")
