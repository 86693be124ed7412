"""Assignments: the open list, the organisation's list, one assignment, editing it
and its state; applying and withdrawing; what was done with the input."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..exceptions import Refused
from ..models import Application, Assignment, Booking, Session
from ..services import applications, feedback, matching
from ..services.assignments import TRANSITIONS, set_state
from .shared import (
    ROWS_PER_PAGE,
    attempt,
    expert_profile,
    organiser_assignment,
    page,
)


@require_GET
def assignments(request):
    """Open assignments; for an expert, best fit first."""
    profile = expert_profile(request.user)
    if profile is not None:
        items = matching.matching_assignments(profile)
    else:
        items = list(
            Assignment.objects.open()
            .select_related("organisation", "procurement_round")
            .prefetch_related("sessions")
        )
    page_obj = page(request, items)
    return render(
        request,
        "experience_experts/assignment_list.html",
        {"page_obj": page_obj, "assignments": page_obj.object_list, "profile": profile},
    )


@login_required
@require_GET
def my_assignments(request):
    """The organisation's assignments, every state."""
    if not permissions.is_organiser_anywhere(request.user):
        raise PermissionDenied
    items = (
        permissions.assignments_for_organiser(request.user)
        .select_related("organisation", "procurement_round")
        .order_by("-created_at")
    )
    state = request.GET.get("state", "")
    if state in Assignment.State.values:
        items = items.filter(state=state)
    page_obj = page(request, items)
    return render(
        request,
        "experience_experts/organisation_assignments.html",
        {
            "page_obj": page_obj,
            "assignments": page_obj.object_list,
            "states": Assignment.State.choices,
            "state": state,
            "query_string": f"state={state}" if state else "",
            "year": timezone.localdate().year,
        },
    )


@require_GET
def assignment(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("organisation", "procurement_round"), pk=pk
    )
    user = request.user
    if not permissions.can_view_assignment(user, assignment):
        raise Http404
    organiser = user.is_authenticated and permissions.organises(
        user, assignment.organisation_id
    )
    context = {
        "assignment": assignment,
        "sessions": page(request, assignment.sessions.all(), ROWS_PER_PAGE),
        "criteria": assignment.criteria.all(),
        "organiser": organiser,
        "outcome": getattr(assignment, "outcome", None),
    }
    profile = expert_profile(user)
    if profile is not None:
        context["profile"] = profile
        context["application"] = Application.objects.filter(
            assignment=assignment, expert=user
        ).first()
        context["booking"] = Booking.objects.filter(
            assignment=assignment, expert=user
        ).first()
        context["apply_form"] = forms.ApplyForm()
        regions = matching.region_ids(profile.regions.values_list("pk", flat=True))
        context["fit"] = matching.fit_for(
            profile, assignment, regions, matching.session_days(assignment)
        )
    if organiser:
        context["applications"] = matching.ranked_applications(assignment)
        context["bookings"] = assignment.bookings.select_related("expert").order_by(
            "booked_at"
        )
        context["transitions"] = [
            (state, Assignment.State(state).label)
            for state in TRANSITIONS[Assignment.State(assignment.state)]
        ]
        context["outcome_form"] = forms.OutcomeForm(
            initial={"text": context["outcome"].text if context["outcome"] else ""}
        )
        context["ratings"] = [
            booking.rating
            for booking in context["bookings"]
            if hasattr(booking, "rating")
        ]
    return render(request, "experience_experts/assignment_detail.html", context)


def _organisations_for_form(user):
    from inspraak.organisations.permissions import organisations_for

    return organisations_for(user, permissions.ORGANISER_ROLES).filter(
        kind__in=("municipality", "region")
    )


@login_required
@posting_allowed
def assignment_edit(request, pk=None):
    user = request.user
    if pk is None:
        if not permissions.is_organiser_anywhere(user):
            raise PermissionDenied
        instance = Assignment(created_by=user)
    else:
        instance = get_object_or_404(Assignment, pk=pk)
        if not permissions.organises(user, instance.organisation_id):
            raise PermissionDenied
        if instance.state in (Assignment.State.COMPLETED, Assignment.State.CANCELLED):
            messages.error(request, _("A finished assignment cannot be changed."))
            return redirect("experience_experts:assignment", pk=pk)
    organisations = _organisations_for_form(user)
    form = forms.AssignmentForm(
        request.POST or None, instance=instance, organisations=organisations
    )
    # The sessions still to come, a page at a time: those that took place stay as
    # they were (hours are logged against them).
    sessions_page = page(
        request,
        Session.objects.filter(
            assignment=instance.pk, date__gte=timezone.localdate()
        ).values_list("pk", flat=True),
    )
    sessions = forms.SessionFormSet(
        request.POST or None,
        instance=instance,
        prefix="sessions",
        queryset=Session.objects.filter(pk__in=list(sessions_page)),
    )
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        with transaction.atomic():
            saved = form.save()
            sessions.instance = saved
            sessions.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("experience_experts:assignment", pk=saved.pk)
    return render(
        request,
        "experience_experts/assignment_form.html",
        {
            "form": form,
            "sessions": sessions,
            "page_obj": sessions_page,
            "assignment": instance if pk else None,
        },
    )


@login_required
@require_POST
def assignment_state(request, pk):
    assignment = organiser_assignment(request, pk)
    try:
        set_state(assignment, request.POST.get("state", ""))
    except (Refused, ValueError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(
            request,
            _("The assignment is now: %(state)s")
            % {"state": assignment.get_state_display()},
        )
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_POST
@posting_allowed
def apply(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    if not permissions.can_view_assignment(request.user, assignment):
        raise Http404  # a draft: do not reveal that it exists
    form = forms.ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write in a few sentences why you want to do this."))
        return redirect("experience_experts:assignment", pk=pk)
    attempt(
        request,
        lambda: applications.apply(
            request.user, assignment, form.cleaned_data["motivation"]
        ),
        _("You applied. The organisation will let you know."),
    )
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, assignment_id=pk, expert=request.user)
    attempt(
        request,
        lambda: applications.withdraw(application),
        _("Your application is withdrawn."),
    )
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_POST
@posting_allowed
def outcome(request, pk):
    assignment = organiser_assignment(request, pk)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: feedback.record_outcome(
                request.user, assignment, form.cleaned_data["text"]
            ),
            _("The experts can now read what you did."),
        )
    return redirect("experience_experts:assignment", pk=pk)
