"""The expert's calendar: the page with the secret link, and the feed behind it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inspraak.core.calendar import CONTENT_TYPE

from ..models import ExpertProfile
from ..services import calendar as expert_calendar
from ..services.profiles import regenerate_calendar_token
from .shared import own_profile


@login_required
def calendar(request):
    profile = own_profile(request)
    if request.method == "POST":
        regenerate_calendar_token(profile)
        messages.success(
            request, _("You have a new calendar link. The old link no longer works.")
        )
        return redirect("experience_experts:calendar")
    feed_url = request.build_absolute_uri(
        reverse("experience_experts:calendar_feed", args=[profile.calendar_token])
    )
    return render(
        request,
        "experience_experts/calendar.html",
        {"profile": profile, "feed_url": feed_url},
    )


@require_GET
def calendar_feed(request, token):
    """The expert's confirmed sessions from three months back to a year ahead
    (`services.calendar.feed_window`); the secret link is the only key."""
    profile = get_object_or_404(
        ExpertProfile.objects.select_related("user"),
        calendar_token=token,
        user__is_active=True,
    )
    response = HttpResponse(
        expert_calendar.calendar_feed(profile),
        content_type=CONTENT_TYPE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
