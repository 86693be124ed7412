"""Hours and travel after a session: the expert logs them, the organisation
approves or returns them."""

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import Refused
from ..models import Booking, Session, WorkLog
from .notices import tell_expert

CENT = Decimal("0.01")
SESSIONS_SHOWN = 100  # the hours form lists the latest of the loggable sessions


def fee_for(booking: Booking, hours: Decimal) -> Decimal:
    """Hourly: hours × rate. Fixed: the agreed amount per session."""
    if booking.is_hourly:
        return (hours * booking.fee_amount).quantize(CENT)
    return booking.fee_amount


def log_hours(
    user,
    booking: Booking,
    session: Session,
    *,
    hours: Decimal,
    travel_costs: Decimal = Decimal("0"),
    note: str = "",
    today: datetime.date | None = None,
) -> WorkLog:
    """After a session the expert logs hours and travel. A returned log can be
    corrected and sent again; an approved one stays as it is."""
    today = today or timezone.localdate()
    if booking.expert_id != user.pk:
        raise Refused(_("This is not your booking."))
    if booking.status != Booking.Status.CONFIRMED:
        raise Refused(_("You can log hours once the booking is confirmed."))
    if session.assignment_id != booking.assignment_id:
        raise Refused(_("This session is not part of the assignment."))
    if session.date > today:
        raise Refused(_("You can log hours after the session."))
    if hours <= 0 or hours > 24:
        raise Refused(_("Fill in the hours you worked."))
    if travel_costs < 0:
        raise Refused(_("Travel costs cannot be negative."))
    if travel_costs and not booking.assignment.travel_reimbursed:
        raise Refused(_("Travel costs are not paid for this assignment."))
    existing = WorkLog.objects.filter(booking=booking, session=session).first()
    if existing is not None and existing.status != WorkLog.Status.RETURNED:
        raise Refused(_("You already logged hours for this session."))
    log = existing or WorkLog(booking=booking, session=session, expert=user)
    log.hours = hours
    log.travel_costs = travel_costs
    log.note = note.strip()
    log.amount = fee_for(booking, hours)
    log.status = WorkLog.Status.SUBMITTED
    log.save()
    return log


def approve_hours(by, log: WorkLog, *, paid_on: datetime.date | None = None) -> WorkLog:
    if log.status != WorkLog.Status.SUBMITTED:
        raise Refused(_("Only hours waiting for approval can be approved."))
    log.status = WorkLog.Status.APPROVED
    log.return_reason = ""
    log.decided_by = by
    log.decided_at = timezone.now()
    log.paid_on = paid_on or timezone.localdate()
    log.save()
    return log


def return_hours(by, log: WorkLog, reason: str) -> WorkLog:
    if log.status != WorkLog.Status.SUBMITTED:
        raise Refused(_("Only hours waiting for approval can be returned."))
    if not reason.strip():
        raise Refused(_("Say why you return the hours, so the expert can fix them."))
    log.status = WorkLog.Status.RETURNED
    log.return_reason = reason.strip()
    log.decided_by = by
    log.decided_at = timezone.now()
    log.save()
    tell_expert(
        log.booking,
        gettext_lazy("Hours returned: %(title)s"),
        gettext_lazy(
            "%(organisation)s returned your hours for “%(title)s”. Please look at the "
            "reason and send them again."
        ),
    )
    return log


def loggable_sessions(
    booking: Booking, today: datetime.date | None = None
) -> QuerySet[Session]:
    """The booking's sessions that took place and have no hours yet, or whose hours
    were returned (`log_hours` takes them again)."""
    logged = WorkLog.objects.filter(booking=booking, session=OuterRef("pk")).exclude(
        status=WorkLog.Status.RETURNED
    )
    return Session.objects.filter(
        assignment=booking.assignment_id, date__lte=today or timezone.localdate()
    ).exclude(Exists(logged))


def latest_loggable_sessions(
    booking: Booking, today: datetime.date | None = None
) -> list[Session]:
    """The latest SESSIONS_SHOWN of `loggable_sessions`, newest first: what the
    hours form lists (it takes any loggable session)."""
    sessions = loggable_sessions(booking, today).order_by("-date", "-starts_at", "-pk")
    return list(sessions[:SESSIONS_SHOWN])


def booking_hours(booking: Booking, status: str = "") -> QuerySet[WorkLog]:
    """The booking's hours in the order of their sessions; only those of `status`
    when it is given."""
    logs = booking.work_logs.select_related("session").order_by("session__date", "pk")
    return logs.filter(status=status) if status else logs


def hours_per_status(booking: Booking) -> dict[str, int]:
    """How many of the booking's hours are waiting, approved and returned."""
    counts = dict(
        booking.work_logs.order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {status: counts.get(status, 0) for status in WorkLog.Status.values}
