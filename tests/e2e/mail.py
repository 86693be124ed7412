"""Read the e-mails the e2e server wrote with Django's file backend."""

import email
import email.policy
import re
import time
from pathlib import Path

SEPARATOR = b"-" * 79


def messages(mail_dir: Path) -> list:
    found = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                found.append(
                    email.message_from_bytes(
                        chunk.lstrip(), policy=email.policy.default
                    )
                )
    return found


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def wait_for_link(mail_dir: Path, to: str, pattern: str, timeout: float = 10) -> str:
    """The newest link matching `pattern` in a mail to `to`, as a path."""
    deadline = time.monotonic() + timeout
    while True:
        for message in reversed(messages(mail_dir)):
            if to in message["To"]:
                match = re.search(rf"https?://[^/\s]+({pattern}[^\s]*)", body(message))
                if match:
                    return match.group(1)
        if time.monotonic() > deadline:
            raise AssertionError(f"no mail to {to} with a link like {pattern}")
        time.sleep(0.2)
