"""Many hours on one booking, quickly: a past year of sessions on an assignment of
`organisation`, each with hours logged (approved and paid, waiting, or returned in
turn), as `experience_experts.volume` seeds them at volume."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from experience_experts.models import Assignment, Booking, Session, WorkLog
from experience_experts.models.common import PayMode
from experience_experts.services.hours import fee_for

from .conftest import make_assignment

STATUSES = (
    WorkLog.Status.APPROVED,
    WorkLog.Status.SUBMITTED,
    WorkLog.Status.RETURNED,
)


def last_year() -> int:
    return timezone.localdate().year - 1


def year_booking(organiser, expert, organisation, **fields) -> Booking:
    """A confirmed booking of `expert` on an assignment meeting in the past year."""
    assignment = make_assignment(
        organisation,
        state=Assignment.State.IN_PROGRESS,
        title=fields.pop("title", "Een jaar meedenken"),
        fee_amount=fields.pop("fee", Decimal("5.00")),
        travel_reimbursed=True,
    )
    return Booking.objects.create(
        assignment=assignment,
        expert=expert,
        booked_by=organiser,
        status=Booking.Status.CONFIRMED,
        pay_mode=fields.pop("pay_mode", PayMode.VOLUNTEER),
        fee_type=assignment.fee_type,
        fee_amount=assignment.fee_amount,
        confirmed_at=timezone.now(),
        **fields,
    )


def add_hours(booking: Booking, rows: int, *, approver=None) -> list[WorkLog]:
    """`rows` more sessions of the booking's assignment in the past year, each with
    hours: approved (paid two weeks later), waiting or returned, in turn."""
    start = datetime.date(last_year(), 1, 1)
    done = booking.work_logs.count()
    sessions = Session.objects.bulk_create(
        Session(
            assignment=booking.assignment,
            date=start + datetime.timedelta(days=(done + i) % 340),
            starts_at=datetime.time(9 + (done + i) // 340 % 8),
            ends_at=datetime.time(10 + (done + i) // 340 % 8),
            place="Stadhuis",
        )
        for i in range(rows)
    )
    logs = []
    for i, session in enumerate(sessions, start=done):
        hours = Decimal("0.25") * (4 + i % 9)
        status = STATUSES[i % 3]
        logs.append(
            WorkLog(
                booking=booking,
                session=session,
                expert=booking.expert,
                hours=hours,
                travel_costs=Decimal("3.20") if i % 2 else Decimal("0"),
                amount=fee_for(booking, hours),
                status=status,
                return_reason="Te veel." if status == WorkLog.Status.RETURNED else "",
                decided_by=approver if status != WorkLog.Status.SUBMITTED else None,
                paid_on=session.date + datetime.timedelta(days=14)
                if status == WorkLog.Status.APPROVED
                else None,
            )
        )
    return WorkLog.objects.bulk_create(logs)


def counted(client, url: str):
    """(queries, response) of a GET of `url`, a streamed body read to its end; a
    first request fills the caches, as in use."""
    consume(client.get(url))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = consume(response)
    return len(queries), response, body


def consume(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
