"""Hours and statements: the expert logs hours, the organisation approves or
returns them; what was paid per booking and per year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..models import WorkLog
from ..services import hours, statements
from .bookings import booking_page
from .shared import (
    ROWS_PER_PAGE,
    attempt,
    own_booking,
    own_profile,
    page,
    visible_booking,
)


@login_required
@require_POST
@posting_allowed
def log_hours(request, pk):
    booking = own_booking(request, pk)
    form = forms.WorkLogForm(request.POST, sessions=booking.assignment.sessions.all())
    if not form.is_valid():
        messages.error(request, _("Check the hours and travel costs you filled in."))
        return booking_page(request, booking, log_form=form)
    data = form.cleaned_data
    attempt(
        request,
        lambda: hours.log_hours(
            request.user,
            booking,
            data["session"],
            hours=data["hours"],
            travel_costs=data.get("travel_costs") or 0,
            note=data.get("note", ""),
        ),
        _("Your hours are sent for approval."),
    )
    return redirect("experience_experts:booking", pk=pk)


def _decidable_log(request, pk) -> WorkLog:
    log = get_object_or_404(
        WorkLog.objects.select_related("booking__assignment"), pk=pk
    )
    if not permissions.can_decide_on_hours(request.user, log):
        raise PermissionDenied
    return log


@login_required
@require_POST
def approve_hours(request, pk):
    log = _decidable_log(request, pk)
    attempt(
        request,
        lambda: hours.approve_hours(request.user, log),
        _("The hours are approved."),
    )
    return redirect("experience_experts:booking", pk=log.booking_id)


@login_required
@require_POST
@posting_allowed
def return_hours(request, pk):
    log = _decidable_log(request, pk)
    form = forms.ReturnForm(request.POST)
    attempt(
        request,
        lambda: hours.return_hours(
            request.user, log, form.cleaned_data["reason"] if form.is_valid() else ""
        ),
        _("The hours are returned to the expert."),
    )
    return redirect("experience_experts:booking", pk=log.booking_id)


@login_required
@require_GET
def booking_statement(request, pk):
    booking = visible_booking(request, pk)
    statement = statements.booking_statement(booking)
    return render(
        request,
        "experience_experts/statement.html",
        {
            "booking": booking,
            "statement": statement,
            "page_obj": page(request, statement.logs, ROWS_PER_PAGE),
            "is_expert": permissions.is_booked_expert(request.user, booking),
        },
    )


@login_required
@require_GET
def year_statement(request, year):
    own_profile(request)
    statement = statements.year_statement(request.user, year)
    return render(
        request,
        "experience_experts/statement.html",
        {
            "statement": statement,
            "page_obj": page(request, statement.logs, ROWS_PER_PAGE),
            "year": year,
            "is_expert": True,
        },
    )
