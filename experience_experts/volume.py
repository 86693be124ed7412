"""Volume data for `manage.py seed_volume`: a year of sessions for the demo expert
(Sam) on one assignment of Voorstad, with hours logged for each, and the same for
a person's own booking.

Amounts are what `log_hours` stores (`fee_for`); approved logs carry who approved
them and when they were paid, as `approve_hours` leaves them."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.organisations.models import Organisation

from .models import Assignment, Booking, Session, WorkLog
from .models.common import PayMode
from .services.hours import fee_for

BATCH = 1000
DEMO_EXPERT = "ervaringsdeskundige@inspraak.test"


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    User = get_user_model()
    today = timezone.localdate()
    policy = User.objects.get(email="beleid@voorstad.test")
    expert = User.objects.get(email=DEMO_EXPERT)
    assignment = Assignment.objects.create(
        organisation=Organisation.objects.get(slug="gemeente-voorstad"),
        title="Meedenken over jeugdhulp (een jaar lang)",
        description="Elke week meerdere gesprekken met beleidsmakers.",
        themes=["mental_health"],
        work_kinds=["policy_advice"],
        fee_type=Assignment.FeeType.HOURLY,
        fee_amount=Decimal("5.50"),
        application_deadline=today - datetime.timedelta(days=400),
        state=Assignment.State.IN_PROGRESS,
        created_by=policy,
    )
    sessions = Session.objects.bulk_create(
        (
            Session(
                assignment=assignment,
                # Spread over the past year, several a day when there are many.
                date=today - datetime.timedelta(days=1 + i % 365),
                starts_at=datetime.time(8 + i // 365 % 10),
                ends_at=datetime.time(9 + i // 365 % 10),
                place="Stadhuis Voorstad",
            )
            for i in range(max(rows, person_rows))
        ),
        batch_size=BATCH,
    )
    logs = _logs(assignment, expert, sessions[:rows], policy)
    logs += _logs(assignment, person, sessions[:person_rows], policy)
    return {"expert sessions": len(sessions), "hour entries": len(logs)}


def _logs(assignment, expert, sessions, approver) -> list[WorkLog]:
    booking = Booking.objects.create(
        assignment=assignment,
        expert=expert,
        booked_by=approver,
        status=Booking.Status.CONFIRMED,
        pay_mode=getattr(
            getattr(expert, "expert_profile", None), "pay_mode", PayMode.VOLUNTEER
        ),
        fee_type=assignment.fee_type,
        fee_amount=assignment.fee_amount,
        confirmed_at=timezone.now(),
    )
    logs = []
    for i, session in enumerate(sessions):
        hours = Decimal("0.25") * (4 + i % 13)
        status = WorkLog.Status.choices[i % 3][0]
        approved = status == WorkLog.Status.APPROVED
        decided = status != WorkLog.Status.SUBMITTED
        decided_at = timezone.make_aware(
            datetime.datetime.combine(
                session.date + datetime.timedelta(days=2), datetime.time(9)
            )
        )
        logs.append(
            WorkLog(
                booking=booking,
                session=session,
                expert=expert,
                hours=hours,
                travel_costs=Decimal("3.20") if i % 4 == 0 else Decimal("0"),
                amount=fee_for(booking, hours),
                status=status,
                return_reason=""
                if status != WorkLog.Status.RETURNED
                else "Te veel uren.",
                decided_by=approver if decided else None,
                decided_at=decided_at if decided else None,
                paid_on=session.date + datetime.timedelta(days=14)
                if approved
                else None,
            )
        )
    return WorkLog.objects.bulk_create(logs, batch_size=BATCH)
