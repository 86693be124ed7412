"""For the organisation: planning a live session, and its results as CSV."""

from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from inspraak.accounts.decorators import posting_allowed
from inspraak.core import csv
from inspraak.organisations.permissions import organisation_ids_for
from inspraak.pages.translation import originals
from participation.models import ConsultationPage

from ..forms import NewSessionForm
from ..permissions import MODERATING_ROLES
from ..services.results import csv_rows
from .context import forbidden, moderators_only


def plannable(user):
    """Consultations for which `user` may plan a live session."""
    if not user.is_authenticated:
        return ConsultationPage.objects.none()
    pages = originals(ConsultationPage.objects.order_by("title"))
    if user.is_superuser:
        return pages
    return pages.filter(
        organisation_id__in=organisation_ids_for(user, MODERATING_ROLES)
    )


@never_cache
@posting_allowed
@require_http_methods(["GET", "POST"])
def new_session(request):
    """A moderator of the organisation plans a session and lands in its console."""
    consultations = plannable(request.user)
    if not consultations.exists():
        return forbidden(request, None)
    form = NewSessionForm(request.POST or None, consultations=consultations)
    if request.method == "POST" and form.is_valid():
        live_session = form.save()
        return redirect("live:moderator", code=live_session.code)
    return render(request, "live/new_session.html", {"form": form})


@never_cache
@moderators_only
def export_csv(request, live_session):
    """Questions with votes and answers, and poll tallies, for the organiser:
    streamed, so a session of any size downloads in constant memory."""
    filename = f"live-{slugify(live_session.title)[:40]}-{live_session.code}.csv"
    return csv.streaming_response(filename, csv_rows(live_session), request=request)
