"""A booking: the organisation books an applicant or cancels; the expert confirms,
declines and rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..exceptions import Refused
from ..models import Assignment, Booking, WorkLog
from ..services import bookings, declarations, feedback, hours
from .shared import (
    ROWS_PER_PAGE,
    attempt,
    organiser_assignment,
    own_booking,
    page,
    visible_booking,
)

UPCOMING_SESSIONS = 10  # the next sessions on the booking page


@login_required
@require_POST
def book(request, pk, application_pk):
    assignment = organiser_assignment(request, pk)
    application = get_object_or_404(
        assignment.applications.select_related("expert"), pk=application_pk
    )
    try:
        booking = bookings.book(request.user, application)
    except Refused as error:
        messages.error(request, error.message)
        return redirect("experience_experts:assignment", pk=pk)
    messages.success(request, _("The expert is booked and asked to confirm."))
    return redirect("experience_experts:booking", pk=booking.pk)


@login_required
@require_GET
def booking(request, pk):
    return booking_page(request, visible_booking(request, pk))


def booking_page(request, booking, log_form=None):
    """The booking page; `log_form` is a refused hours form, shown as it was typed.
    The hours are paged (and can be filtered on their status); of the sessions the
    page shows the next few, the assignment page has them all."""
    user = request.user
    is_expert = permissions.is_booked_expert(user, booking)
    organiser = permissions.organises(user, booking.assignment.organisation_id)
    assignment = booking.assignment
    today = timezone.localdate()
    per_status = hours.hours_per_status(booking)
    status = request.GET.get("uren", "")
    if status not in WorkLog.Status.values:
        status = ""
    sessions = assignment.sessions.all()
    context = {
        "booking": booking,
        "assignment": assignment,
        "upcoming": sessions.filter(date__gte=today)[:UPCOMING_SESSIONS],
        "session_count": sessions.count(),
        "page_obj": page(request, hours.booking_hours(booking, status), ROWS_PER_PAGE),
        "log_count": sum(per_status.values()),
        "per_status": [
            (value, label, per_status[value]) for value, label in WorkLog.Status.choices
        ],
        "status": status,
        "query_string": f"uren={status}" if status else "",
        "is_expert": is_expert,
        "organiser": organiser,
        "outcome": getattr(assignment, "outcome", None),
        "rating": getattr(booking, "rating", None),
        "return_form": forms.ReturnForm(),
    }
    procurement_round = assignment.procurement_round
    if procurement_round is not None and booking.expert_id:
        context["declaration"] = declarations.declaration_for(
            booking.expert, procurement_round
        )
    if is_expert:
        context["blocker"] = (
            bookings.confirmation_blocker(booking)
            if booking.status == Booking.Status.AWAITING
            else None
        )
        shown = hours.latest_loggable_sessions(booking, today)
        if log_form is not None:
            log_form.offer(shown)
            context["log_form"] = log_form
        elif booking.status == Booking.Status.CONFIRMED and shown:
            context["log_form"] = forms.WorkLogForm(
                sessions=hours.loggable_sessions(booking, today), shown=shown
            )
        if assignment.state == Assignment.State.COMPLETED:
            rating = context["rating"]
            context["rating_form"] = forms.RatingForm(
                initial={"stars": rating.stars, "comment": rating.comment}
                if rating
                else None
            )
    return render(request, "experience_experts/booking_detail.html", context)


@login_required
@require_POST
def booking_confirm(request, pk):
    booking = own_booking(request, pk)
    attempt(
        request,
        lambda: bookings.confirm(request.user, booking),
        _("You confirmed the booking. See you there!"),
    )
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
def booking_decline(request, pk):
    booking = own_booking(request, pk)
    attempt(
        request,
        lambda: bookings.decline(request.user, booking),
        _("You declined the booking."),
    )
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = visible_booking(request, pk)
    if not permissions.organises(request.user, booking.assignment.organisation_id):
        raise PermissionDenied
    attempt(
        request,
        lambda: bookings.cancel_booking(booking),
        _("The booking is cancelled."),
    )
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
@posting_allowed
def rate(request, pk):
    booking = own_booking(request, pk)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: feedback.rate(
                request.user,
                booking,
                form.cleaned_data["stars"],
                form.cleaned_data["comment"],
            ),
            _("Thank you for your rating."),
        )
    return redirect("experience_experts:booking", pk=pk)
