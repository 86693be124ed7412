"""Nightly work of privacy, scheduled by django-crontask (`manage.py crontask`) and
run by the task worker (`manage.py db_worker`). Times are Europe/Amsterdam
(settings.TIME_ZONE); the command stays for manual runs."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 5 * * *")
@task()
def check_data_requests():
    """Warn administrators of data requests due within a week or overdue."""
    call_command("check_data_requests")
