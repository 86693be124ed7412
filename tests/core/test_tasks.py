"""Background work: immediate in tests and development, a database queue with a
worker in production. Wagtail's own tasks go through the django-tasks backport, which
reads the same TASKS setting (docs/design.md, known pitfalls): both must reach the worker."""

from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus

import pytest

from inspraak.core.tasks import send_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_backend(settings):
    """Both task handlers (Django's and the backport) reset on setting_changed."""
    settings.TASKS = DATABASE_TASKS


@pytest.mark.django_db
def test_send_email_runs_at_once_in_tests():
    result = send_email.enqueue("Onderwerp", "Tekst", ["iemand@example.test"])

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert mail.outbox[0].subject == "Onderwerp"


@pytest.mark.django_db(transaction=True)
def test_database_queue_waits_for_the_worker(database_backend):
    result = send_email.enqueue("Later", "Tekst", ["iemand@example.test"])

    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [m.subject for m in mail.outbox] == ["Later"]


@pytest.mark.django_db(transaction=True)
def test_wagtail_backport_tasks_reach_the_same_worker(database_backend):
    """Wagtail 8 enqueues through django_tasks, not django.tasks."""
    from wagtail.tasks import update_reference_index_task

    from django_tasks_db.models import DBTaskResult

    from inspraak.accounts.models import User

    user = User.objects.create_user("a@example.test", "x" * 12, display_name="A")
    update_reference_index_task.enqueue("accounts", "user", user.pk)

    queued = DBTaskResult.objects.get(
        task_path="wagtail.tasks.update_reference_index_task"
    )
    assert queued.status == TaskResultStatus.READY

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
