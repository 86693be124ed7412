"""Booking an applicant, and the expert confirming or declining; no two
overlapping sessions for one expert."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import Refused
from ..models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    Session,
)
from .declarations import declaration_for
from .notices import tell_expert

# The bookings that hold a place: waiting for the expert or confirmed.
ACTIVE = (Booking.Status.AWAITING, Booking.Status.CONFIRMED)


def overlapping_sessions(user, assignment: Assignment) -> list[Session]:
    """Sessions of the expert's other confirmed bookings that overlap a session of
    `assignment`."""
    own = list(assignment.sessions.all())
    if not own:
        return []
    dates = {session.date for session in own}
    others = (
        Session.objects.filter(
            date__in=dates,
            assignment__bookings__expert=user,
            assignment__bookings__status=Booking.Status.CONFIRMED,
        )
        .exclude(assignment=assignment)
        .select_related("assignment")
    )
    return [other for other in others if any(s.overlaps(other) for s in own)]


def _refuse_overlap(user, assignment: Assignment) -> None:
    clashes = overlapping_sessions(user, assignment)
    if clashes:
        clash = clashes[0]
        raise Refused(
            _(
                "A session overlaps with “%(title)s” on %(date)s. An expert cannot be "
                "in two places at once."
            )
            % {"title": clash.assignment.title, "date": date_format(clash.date)}
        )


def book(by, application: Application) -> Booking:
    """Book an applicant. The expert then confirms (and, for a procurement round,
    signs the declaration first)."""
    assignment = application.assignment
    user = application.expert
    if assignment.state not in (Assignment.State.OPEN, Assignment.State.FILLED):
        raise Refused(_("You can only book experts for an open assignment."))
    if application.status != Application.Status.SUBMITTED:
        raise Refused(_("This application cannot be booked."))
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        raise Refused(_("This expert no longer has a profile."))
    active = assignment.bookings.filter(status__in=ACTIVE).count()
    if active >= assignment.experts_needed:
        raise Refused(_("You already booked as many experts as you need."))
    _refuse_overlap(user, assignment)
    with transaction.atomic():
        booking, created = Booking.objects.get_or_create(
            assignment=assignment,
            expert=user,
            defaults={
                "booked_by": by,
                "pay_mode": profile.pay_mode,
                "fee_type": assignment.fee_type,
                "fee_amount": assignment.fee_amount,
            },
        )
        if not created:
            if booking.status in ACTIVE:
                raise Refused(_("This expert is already booked."))
            booking.status = Booking.Status.AWAITING
            booking.booked_by = by
            booking.booked_at = timezone.now()
            booking.pay_mode = profile.pay_mode
            booking.fee_type = assignment.fee_type
            booking.fee_amount = assignment.fee_amount
            booking.save()
        application.status = Application.Status.BOOKED
        application.save(update_fields=["status"])
    tell_expert(
        booking,
        gettext_lazy("You are booked: %(title)s"),
        gettext_lazy(
            "%(organisation)s booked you for “%(title)s”. Please confirm the booking."
        ),
    )
    return booking


def confirmation_blocker(booking: Booking) -> str | None:
    """Why the expert cannot confirm yet, or None."""
    procurement_round = booking.assignment.procurement_round
    if procurement_round is None:
        return None
    declaration = declaration_for(booking.expert, procurement_round)
    if declaration is None:
        return _(
            "First sign the conflict-of-interest and confidentiality declaration for "
            "this procurement round."
        )
    if declaration.decision == ConflictDeclaration.Decision.PENDING:
        return _(
            "You declared a tie with a bidding provider. The organisation first "
            "decides whether you can take part."
        )
    if declaration.decision == ConflictDeclaration.Decision.EXCLUDED:
        return _(
            "Because of the tie you declared, the organisation decided that you "
            "cannot take part in this round."
        )
    return None


def confirm(user, booking: Booking) -> Booking:
    if booking.expert_id != user.pk:
        raise Refused(_("This is not your booking."))
    if booking.status != Booking.Status.AWAITING:
        raise Refused(_("This booking cannot be confirmed."))
    blocker = confirmation_blocker(booking)
    if blocker:
        raise Refused(blocker)
    assignment = booking.assignment
    with transaction.atomic():
        # Lock the expert's bookings: two confirmations at once cannot both pass.
        list(Booking.objects.select_for_update().filter(expert=user))
        _refuse_overlap(user, assignment)
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.save(update_fields=["status", "confirmed_at"])
        confirmed = assignment.bookings.filter(status=Booking.Status.CONFIRMED).count()
        if (
            assignment.state == Assignment.State.OPEN
            and confirmed >= assignment.experts_needed
        ):
            assignment.state = Assignment.State.FILLED
            assignment.save(update_fields=["state"])
    return booking


def decline(user, booking: Booking) -> Booking:
    if booking.expert_id != user.pk or booking.status != Booking.Status.AWAITING:
        raise Refused(_("This booking cannot be declined."))
    booking.status = Booking.Status.DECLINED
    booking.save(update_fields=["status"])
    return booking


def cancel_booking(booking: Booking) -> Booking:
    if booking.status not in ACTIVE:
        raise Refused(_("This booking cannot be cancelled."))
    if booking.work_logs.exists():
        raise Refused(_("Hours were logged for this booking; it cannot be cancelled."))
    end_booking(
        booking,
        gettext_lazy("Booking cancelled: %(title)s"),
        gettext_lazy("%(organisation)s cancelled your booking for “%(title)s”."),
    )
    return booking


def end_booking(booking: Booking, subject, body) -> None:
    """Cancel the booking and tell the expert (`subject` and `body` take the
    assignment's title and organisation)."""
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    tell_expert(booking, subject, body)
