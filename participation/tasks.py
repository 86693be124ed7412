"""Nightly work of the participation app, scheduled by django-crontask (`manage.py
crontask`) and run by the task worker (`manage.py db_worker`). Times are
Europe/Amsterdam (settings.TIME_ZONE); the command stays for manual runs."""

from django.core.management import call_command
from django.tasks import task

from crontask import cron


@cron("30 3 * * *")
@task()
def purge_feedback_subscriptions():
    """E-mail addresses of consultations that have ended."""
    call_command("purge_feedback_subscriptions")
