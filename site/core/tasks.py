"""Background work shared by every app (django.tasks; see settings.TASKS)."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


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
