"""Nightly work of notifications, scheduled by django-crontask (`manage.py
crontask`) and run by the task worker (`manage.py db_worker`). Times are
Europe/Amsterdam (settings.TIME_ZONE); the command stays for manual runs."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("0 6 * * *")
@task()
def send_notification_digests():
    """The daily e-mail people chose, last of the night's work."""
    call_command("send_notification_digests")
