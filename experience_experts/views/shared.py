"""What the experts' views share: paging, the signed-in expert's profile, running
one step of a flow, and the lookups that check who may see a booking or an
assignment."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..exceptions import Refused
from ..models import Assignment, Booking, ExpertProfile

PER_PAGE = 20
ROWS_PER_PAGE = 50  # rows of hours and payments


def page(request, items, per_page: int = PER_PAGE):
    """The page of `items` that ?page= asks for (a wrong number: the nearest)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def expert_profile(user) -> ExpertProfile | None:
    if not user.is_authenticated:
        return None
    return ExpertProfile.objects.filter(user=user).first()


def own_profile(request) -> ExpertProfile:
    """The signed-in expert's profile; a page about it is not found without one."""
    profile = expert_profile(request.user)
    if profile is None:
        raise Http404
    return profile


def attempt(request, step: Callable[[], object], success: str) -> bool:
    """Run one step of a flow: show its refusal, or `success`. True if it was done."""
    try:
        step()
    except Refused as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


def visible_booking(request, pk) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related(
            "assignment__organisation", "assignment__procurement_round", "expert"
        ),
        pk=pk,
    )
    if not permissions.can_view_booking(request.user, booking):
        raise Http404  # do not reveal that the booking exists
    return booking


def own_booking(request, pk) -> Booking:
    booking = visible_booking(request, pk)
    if not permissions.is_booked_expert(request.user, booking):
        raise PermissionDenied
    return booking


def organiser_assignment(request, pk) -> Assignment:
    assignment = get_object_or_404(Assignment, pk=pk)
    if not permissions.organises(request.user, assignment.organisation_id):
        raise PermissionDenied
    return assignment
