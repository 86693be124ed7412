"""Background work shared by every app (django.tasks; see settings.TASKS), and the
nightly clean-up of the task queue itself (@cron: docs/architecture.md, "Background
work")."""

from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends

from crontask import cron
from django_tasks_db import DatabaseBackend


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one e-mail outside the request. Returns the number of messages sent.

    `headers` adds extra e-mail headers, e.g. List-Unsubscribe (RFC 8058)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, headers=headers or None
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@cron("30 4 * * *")
@task()
def prune_db_task_results() -> bool:
    """The database queue keeps every finished task's result: those older than 14
    days go (django-tasks-db's own command). Where tasks run at once (development,
    tests) no results are kept and there is nothing to prune."""
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return False
    call_command("prune_db_task_results")
    return True
