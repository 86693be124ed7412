"""The expert's own pages and the start page: home, the profile, deleting it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inspraak.accounts.decorators import posting_allowed

from .. import forms, permissions
from ..exceptions import Refused
from ..models import Application, Assignment, Booking, ExpertProfile
from ..services import profiles
from .shared import expert_profile, own_profile


@require_GET
def home(request):
    """What this is; for an expert their work, for an organisation its assignments."""
    user = request.user
    profile = expert_profile(user)
    context = {"profile": profile, "is_organiser": False}
    if profile is not None:
        context["bookings"] = (
            Booking.objects.for_expert(user)
            .exclude(status=Booking.Status.CANCELLED)
            .select_related("assignment__organisation")
            .order_by("-booked_at")[:10]
        )
        context["applications"] = (
            Application.objects.filter(expert=user, status=Application.Status.SUBMITTED)
            .select_related("assignment__organisation")
            .order_by("-created_at")[:10]
        )
        context["invitations"] = user.expert_invitations.filter(
            assignment__state=Assignment.State.OPEN
        ).select_related("assignment__organisation")[:10]
        context["declarations"] = (
            permissions.declarations_visible_to(user)
            .filter(expert=user)
            .select_related("procurement_round")
        )
    if permissions.is_organiser_anywhere(user):
        context["is_organiser"] = True
        context["assignments"] = (
            permissions.assignments_for_organiser(user)
            .select_related("organisation", "procurement_round")
            .order_by("-created_at")[:10]
        )
    context["year"] = timezone.localdate().year
    return render(request, "experience_experts/home.html", context)


@login_required
@posting_allowed
def profile_edit(request):
    profile = expert_profile(request.user)
    creating = profile is None
    form = forms.ProfileForm(
        request.POST or None, instance=profile or ExpertProfile(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = profiles.save_profile(
                    request.user,
                    form.save(commit=False),
                    consent=form.cleaned_data.get("consent", not creating),
                )
                form.instance = saved
                form.save_m2m()
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("experience_experts:home")
    return render(
        request,
        "experience_experts/profile_form.html",
        {"form": form, "creating": creating, "profile": profile},
    )


@login_required
def profile_delete(request):
    profile = own_profile(request)
    if request.method == "POST":
        profiles.delete_profile(profile)
        messages.success(request, _("Your expert profile is deleted."))
        return redirect("experience_experts:home")
    return render(
        request, "experience_experts/profile_delete.html", {"profile": profile}
    )
