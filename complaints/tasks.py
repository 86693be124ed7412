"""Nightly work of the complaints app, scheduled by django-crontask (`manage.py
crontask`) and run by the task worker (`manage.py db_worker`). Times are
Europe/Amsterdam (settings.TIME_ZONE); the commands stay for manual runs."""

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
