"""Nightly work of accounts, scheduled by django-crontask (`manage.py crontask`) and
run by the task worker (`manage.py db_worker`). Times are Europe/Amsterdam
(settings.TIME_ZONE); the command stays for manual runs."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("15 1 * * *")
@task()
def update_parental_consent():
    """One reminder to parents; the limit lifts in the night of the 16th
    birthday."""
    call_command("update_parental_consent")
