"""What "my data" does: an overview per app, one archive with everything, and the
deletion of an account. Views call these; tests call them directly."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.apps import apps
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import archive
from .models import DataRequest
from .registry import Erasure, PersonalData, registry

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 5


@dataclass
class Section:
    handler: PersonalData
    label: str
    purpose: str
    count: int
    columns: list[str]
    rows: list[list]
    erasure: Erasure
    erasure_note: str

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)

    @property
    def single_row(self) -> list[tuple[str, object]]:
        """One item as (label, value) pairs, shown as a list rather than a table."""
        return (
            list(zip(self.columns, self.rows[0], strict=True))
            if self.count == 1 and self.rows
            else []
        )


@dataclass
class AppGroup:
    label: str
    sections: list[Section] = field(default_factory=list)

    @property
    def with_data(self) -> list[Section]:
        return [section for section in self.sections if section.count]

    @property
    def without_data(self) -> list[Section]:
        return [section for section in self.sections if not section.count]


def overview(
    user, *, only_with_data: bool = False, preview_rows: int = PREVIEW_ROWS
) -> list[AppGroup]:
    """What the platform holds on `user`, grouped per app, in a stable order: the
    number of rows per kind of data and the first `preview_rows` of them."""
    groups: dict[str, AppGroup] = {}
    counts = registry.counts(user)
    for handler in registry.handlers():
        count = counts[handler.key]
        if only_with_data and not count:
            continue
        label = str(
            handler.group
            or apps.get_app_config(handler.model._meta.app_label).verbose_name
        )
        group = groups.setdefault(label, AppGroup(label=label))
        rows = (
            [list(row.values()) for row in handler.rows(user, limit=preview_rows)]
            if count and preview_rows
            else []
        )
        group.sections.append(
            Section(
                handler=handler,
                label=str(handler.label or handler.model._meta.verbose_name_plural),
                purpose=str(handler.purpose),
                count=count,
                columns=handler.columns() if count else [],
                rows=rows,
                erasure=handler.erasure,
                erasure_note=str(handler.erasure_note),
            )
        )
    return sorted(groups.values(), key=lambda group: group.label.lower())


def _log_request(user, kind) -> DataRequest:
    return DataRequest.objects.create(user=user, account_number=user.pk, kind=kind)


def write_archive(user, target: IO[bytes]) -> DataRequest:
    """Write every registered piece of data on `user` into a ZIP archive (see
    inspraak.privacy.archive); logged as an answered request."""
    request = _log_request(user, DataRequest.Kind.EXPORT)
    for piece in archive.chunks(user):
        target.write(piece)
    _answered(request)
    return request


def stream_archive(user) -> Iterator[bytes]:
    """The archive for a streamed download: the request is logged now and marked
    answered once the last piece is out (an interrupted download stays open)."""
    request = _log_request(user, DataRequest.Kind.EXPORT)

    def pieces():
        yield from archive.chunks(user)
        _answered(request)

    return pieces()


def _answered(request: DataRequest) -> None:
    request.status = DataRequest.Status.COMPLETED
    request.completed_at = timezone.now()
    request.save(update_fields=["status", "completed_at"])


def erase_account(user) -> DataRequest:
    """Delete the account of `user` and everything registered about them; what must
    be kept is anonymised or kept for its legal period (see each handler)."""
    request = _log_request(user, DataRequest.Kind.ERASURE)
    account_number = user.pk
    try:
        with transaction.atomic():
            for handler in registry.handlers():
                handler.erase(user)
    except Exception:
        logger.exception("Erasure of account %s failed", account_number)
        DataRequest.objects.filter(pk=request.pk).update(
            status=DataRequest.Status.FAILED,
            note=_("Automatic deletion failed; staff will finish it."),
        )
        raise
    # The request row lost its link to the user with the account; the number stays.
    DataRequest.objects.filter(pk=request.pk).update(
        status=DataRequest.Status.COMPLETED, completed_at=timezone.now()
    )
    request.refresh_from_db()
    return request


def warn_about_open_requests(due_before) -> int:
    """E-mail every active superuser the open requests due before `due_before`."""
    from django.contrib.auth import get_user_model

    from inspraak.core.tasks import send_email

    open_requests = list(
        DataRequest.objects.open().filter(due_on__lte=due_before).order_by("due_on")
    )
    if not open_requests:
        return 0
    administrators = get_user_model().objects.filter(is_superuser=True, is_active=True)
    for admin in administrators:
        with translation.override(admin.preferred_language):
            lines = [
                f"- {request} · {request.get_status_display()} · "
                + _("due on %(date)s") % {"date": f"{request.due_on:%Y-%m-%d}"}
                + (" · " + _("overdue") if request.is_overdue else "")
                for request in open_requests
            ]
            body = "\n\n".join(
                [
                    _(
                        "These requests to see or delete data must be answered "
                        "within one month (AVG art. 12(3)):"
                    ),
                    "\n".join(lines),
                    _("See Settings > Data requests in the admin."),
                ]
            )
            subject = _("Inspraak: open data requests (%(count)s)") % {
                "count": len(open_requests)
            }
        send_email.enqueue(subject=subject, body=body, to=[admin.email])
    logger.warning("%d open data requests due by %s", len(open_requests), due_before)
    return len(open_requests)
