"""Nightly tasks of organisations: @cron times are Europe/Amsterdam;
`manage.py crontask` enqueues them, the worker runs them (docs/architecture.md,
"Background work")."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.tasks import task

from crontask import cron

from . import groups


@cron("5 1 * * *")
@task()
def sync_role_groups() -> int:
    """Memberships that start or end on a date change a person's Wagtail groups
    the night of that date, not only at their next sign-in (see groups.py). Only
    people with a dated membership can change by date; saving or deleting a
    membership syncs at once. Returns the number of people synced."""
    people = (
        get_user_model()
        ._default_manager.filter(
            Q(memberships__starts_on__isnull=False)
            | Q(memberships__ends_on__isnull=False)
        )
        .distinct()
        .order_by("pk")
    )
    synced = 0
    for user in people.iterator():
        groups.sync_role_groups(user)
        synced += 1
    return synced
