"""Nightly work is scheduled in code, not in a cron table: each app's tasks.py marks
its tasks with django-crontask's @cron, `manage.py crontask` enqueues them on time
and the task worker (`manage.py db_worker`) runs them. Every daily command has its
task; the commands stay for manual runs."""

import importlib
from datetime import date, datetime, time, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.tasks import TaskResultStatus
from django.utils import timezone

import pytest
from apscheduler.triggers.cron import CronTrigger
from crontask import scheduler, utils
from crontask.management.commands.crontask import Command as SchedulerCommand

from inspraak.organisations.groups import role_groups
from inspraak.organisations.tasks import sync_role_groups

# The commands a day needs once (the README's former cron table).
DAILY_COMMANDS = {
    "anonymise_closed_cases",
    "check_data_requests",
    "purge_council_applications",
    "purge_expert_records",
    "purge_feedback_subscriptions",
    "send_advice_reminders",
    "send_case_reminders",
    "send_notification_digests",
    "send_session_reminders",
    "send_term_reminders",
    "sync_council_permissions",
    "update_parental_consent",
}
# Commands of our apps that only a person runs.
MANUAL_COMMANDS = {"seed_demo", "seed_volume"}
# Scheduled tasks that call a function of their app rather than a command.
FUNCTION_TASKS = {"sync_role_groups"}
# A library's command, scheduled by us: the task queue's own clean-up.
LIBRARY_COMMANDS = {"prune_db_task_results"}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def our_app_names() -> set[str]:
    """The project's apps, not the libraries' (those live in the virtualenv)."""
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).parts
    }


def our_jobs() -> dict:
    """Each of our scheduled tasks by name, loaded as `manage.py crontask` loads
    them (each installed app's tasks module)."""
    SchedulerCommand(stdout=StringIO()).load_tasks({})
    ours = our_app_names()
    jobs = {}
    for job in scheduler.get_jobs():
        task = job.func.__self__  # the job enqueues the task
        if task.func.__module__.rsplit(".", 1)[0] in ours:
            assert job.name not in jobs, f"two scheduled tasks named {job.name}"
            jobs[job.name] = job
    return jobs


def run_worker_once():
    """`manage.py db_worker` until the queue is empty, as production's worker runs."""
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        stdout=StringIO(),
    )


def task_of(job):
    return job.func.__self__


def test_every_command_of_our_apps_is_daily_or_manual():
    """A new command must be put in one list or the other (and scheduled if daily)."""
    ours = our_app_names()
    commands = {name for name, app in get_commands().items() if app in ours}

    assert commands == DAILY_COMMANDS | MANUAL_COMMANDS


def test_every_daily_command_has_exactly_one_scheduled_task():
    assert set(our_jobs()) == DAILY_COMMANDS | FUNCTION_TASKS | LIBRARY_COMMANDS


@pytest.mark.django_db
def test_a_scheduled_task_runs_its_command(monkeypatch):
    """Enqueued by the scheduler and run by the worker (at once in tests)."""
    ran = []
    for name, job in our_jobs().items():
        if name in FUNCTION_TASKS | LIBRARY_COMMANDS:
            continue
        module = importlib.import_module(task_of(job).func.__module__)
        monkeypatch.setattr(module, "call_command", lambda *args: ran.append(args))

        result = job.func()

        assert result.status == TaskResultStatus.SUCCESSFUL, name
        assert ran.pop() == (name,)
        assert ran == []


@pytest.mark.django_db
def test_the_scheduled_commands_run_on_an_empty_site():
    for name, job in our_jobs().items():
        result = job.func()

        assert result.status == TaskResultStatus.SUCCESSFUL, (name, result.errors)


@pytest.mark.django_db(transaction=True)
def test_in_production_the_scheduler_queues_and_the_worker_runs(settings):
    """With the database queue the scheduler's enqueue only queues; db_worker runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = our_jobs()["check_data_requests"]

    result = job.func()

    assert result.status == TaskResultStatus.READY
    run_worker_once()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL


def nights(trigger, first: date, last: date) -> list[datetime]:
    """The times `trigger` fires from the noon before `first` to the end of `last`,
    each computed from the one before, as the scheduler does after each run."""
    runs = []
    run = trigger.get_next_fire_time(None, datetime.combine(first, time(12), AMSTERDAM))
    while run.date() <= last:
        runs.append(run)
        run = trigger.get_next_fire_time(run, run + timedelta(seconds=1))
    return runs


def test_the_tasks_run_once_a_night_in_amsterdam():
    """At night in Amsterdam time, once on every day, also around the days the
    clocks change: between 2 and 3 o'clock is skipped or repeated then, and
    APScheduler 3.11 skips the next day after a run before 1 o'clock on the day
    summer time starts."""
    for name, job in our_jobs().items():
        assert isinstance(job.trigger, CronTrigger), name
        assert job.trigger.timezone == AMSTERDAM, name
        for change in (date(2027, 3, 28), date(2027, 10, 31)):
            days = [change + timedelta(days=offset) for offset in (-1, 0, 1, 2)]
            runs = nights(job.trigger, days[0] - timedelta(days=1), days[-1])

            assert [run.date() for run in runs] == days, name
            assert all(run.hour < 7 for run in runs), name


def test_the_scheduler_command_starts_with_our_tasks(monkeypatch):
    """`manage.py crontask` loads every app's tasks and hands them to the scheduler
    (stopped here before it blocks; no Redis lock in tests)."""
    started = []
    monkeypatch.setattr(utils, "lock", utils.FakeLock())
    monkeypatch.setattr(
        SchedulerCommand,
        "launch_scheduler",
        lambda self, lock, scheduler: started.append(
            {job.name for job in scheduler.get_jobs()}
        ),
    )

    output = StringIO()

    call_command("crontask", "--no-heartbeat", stdout=output)

    assert "Loaded tasks from complaints." in output.getvalue()
    assert len(started) == 1
    assert started[0] >= DAILY_COMMANDS | FUNCTION_TASKS


@pytest.mark.django_db
def test_dated_memberships_change_groups_overnight(membership_factory):
    """A membership that starts or ends on a date takes effect the night of that
    date, not only at the person's next sign-in."""
    role_group = role_groups()[0]
    role = sorted(role_group.roles)[0]
    today = timezone.localdate()
    starting = membership_factory(role=role, starts_on=today + timedelta(days=1))
    ending = membership_factory(role=role, ends_on=today + timedelta(days=1))
    assert not starting.user.groups.filter(name=role_group.name).exists()
    assert ending.user.groups.filter(name=role_group.name).exists()
    # The night passes: the dates arrive without anyone saving the memberships.
    type(starting).objects.filter(pk=starting.pk).update(starts_on=today)
    type(ending).objects.filter(pk=ending.pk).update(ends_on=today - timedelta(days=1))

    result = sync_role_groups.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 2
    assert starting.user.groups.filter(name=role_group.name).exists()
    assert not ending.user.groups.filter(name=role_group.name).exists()


@pytest.mark.django_db(transaction=True)
def test_old_task_results_are_pruned_from_the_database_queue(settings):
    """Finished results older than 14 days go; newer ones stay. With tasks run at
    once (no results kept) the task does nothing."""
    from django_tasks_db.models import DBTaskResult

    from inspraak.core.tasks import prune_db_task_results

    assert prune_db_task_results.call() is False
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = our_jobs()["check_data_requests"]
    old, new = job.func(), job.func()
    run_worker_once()
    DBTaskResult.objects.filter(id=old.id).update(
        finished_at=timezone.now() - timedelta(days=15)
    )

    assert prune_db_task_results.call() is True

    assert [str(id) for id in DBTaskResult.objects.values_list("id", flat=True)] == [
        new.id
    ]
