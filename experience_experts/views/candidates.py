"""For the organisation: findable experts for an assignment, inviting them, and an
applicant's profile."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..models import Assignment, ExpertProfile
from ..services import applications, matching
from .shared import attempt, organiser_assignment, page


@login_required
@require_GET
def candidates(request, pk):
    assignment = organiser_assignment(request, pk)
    items = matching.candidates(assignment)
    invited = set(assignment.invitations.values_list("expert_id", flat=True))
    applied = set(assignment.applications.values_list("expert_id", flat=True))
    page_obj = page(request, items)
    return render(
        request,
        "experience_experts/candidates.html",
        {
            "assignment": assignment,
            "page_obj": page_obj,
            "candidates": page_obj.object_list,
            "invited": invited,
            "applied": applied,
            "invite_form": forms.InviteForm(),
        },
    )


@login_required
@require_POST
@posting_allowed
def invite(request, pk, profile_pk):
    assignment = organiser_assignment(request, pk)
    profile = get_object_or_404(
        ExpertProfile.objects.select_related("user"), pk=profile_pk
    )
    form = forms.InviteForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    attempt(
        request,
        lambda: applications.invite(request.user, assignment, profile, message),
        _("The expert is invited."),
    )
    return redirect("experience_experts:candidates", pk=pk)


@login_required
@require_GET
def applicant(request, pk, application_pk):
    """An applicant's profile, for the organisation of the assignment only."""
    assignment = get_object_or_404(Assignment, pk=pk)
    application = get_object_or_404(
        permissions.applications_visible_to(request.user, assignment).select_related(
            "expert"
        ),
        pk=application_pk,
    )
    profile = ExpertProfile.objects.filter(user=application.expert).first()
    return render(
        request,
        "experience_experts/applicant.html",
        {"assignment": assignment, "application": application, "profile": profile},
    )
