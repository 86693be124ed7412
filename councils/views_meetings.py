"""A council's meetings on the public site: the list, a meeting, the calendar feed
and downloads; and for the chair or secretary planning, changing and the minutes.
What a visitor may see is asked of councils/meetings.py, the work done there too."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inspraak.core.calendar import CONTENT_TYPE

from . import meetings
from .forms_meetings import (
    AgendaFormSet,
    MeetingForm,
    MinutesForm,
    advice_choices,
    agenda_initial,
)
from .models.councils import CouncilPage
from .models.meetings import Meeting
from .permissions import can_plan_meetings, is_member

CONFLICT = 409


def _public_council(council_id: int) -> CouncilPage:
    return get_object_or_404(CouncilPage.objects.live().public(), pk=council_id)


def _is_public_council(council: CouncilPage) -> bool:
    return CouncilPage.objects.live().public().filter(pk=council.pk).exists()


def _meeting(request, meeting_id: int):
    """The meeting and whether the visitor is a member; or a refusal: a meeting for
    members only sends others to sign in (403 when signed in), a meeting of a
    council that is not on the site is not found."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("council", "minutes"), pk=meeting_id
    )
    member = is_member(request.user, meeting.council)
    if not member:
        if not _is_public_council(meeting.council):
            raise Http404
        if not meeting.is_public:
            if not request.user.is_authenticated:
                return meeting, member, redirect_to_login(request.get_full_path())
            raise PermissionDenied
    return meeting, member, None


def _planned_meeting(request, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("council", "minutes"), pk=meeting_id
    )
    if not can_plan_meetings(request.user, meeting.council):
        raise PermissionDenied
    return meeting


# Public --------------------------------------------------------------------------


def meeting_list(request, council_id: int):
    """Every meeting the visitor may see: upcoming first, then held ones."""
    council = _public_council(council_id)
    member = is_member(request.user, council)
    page_obj = meetings.meetings_page(council, request.GET.get("page"), member=member)
    feed_url = request.build_absolute_uri(
        reverse("councils:meetings_ics", args=[council.pk])
    )
    return render(
        request,
        "councils/meetings.html",
        {
            "council": council,
            "page_obj": page_obj,
            "upcoming_meetings": [m for m in page_obj.object_list if not m.is_held],
            "held_meetings": [m for m in page_obj.object_list if m.is_held],
            "is_member": member,
            "may_plan": can_plan_meetings(request.user, council),
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        },
    )


def meeting_detail(request, meeting_id: int):
    meeting, member, refusal = _meeting(request, meeting_id)
    if refusal:
        return refusal
    agenda = meetings.visible_agenda(meeting, member=member)
    linked = meetings.public_advice_ids(item.advice_id for item in agenda.items)
    for item in agenda.items:
        # Members also see drafts they can open in the editor; a link only to pages
        # on the site.
        item.advice_link = item.advice_id in linked
    return render(
        request,
        "councils/meeting.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "agenda": agenda.items,
            "hidden_item_count": agenda.hidden_count,
            "is_member": member,
            "is_held": meeting.ends_at < timezone.now(),
            "may_plan": can_plan_meetings(request.user, meeting.council),
            "may_read_minutes": meetings.may_read_minutes(request.user, meeting),
            "adopted_advice": meetings.adopted_advice(meeting),
        },
    )


@require_GET
def minutes_file(request, meeting_id: int):
    """The minutes, for whoever may read them (Wagtail's own link is closed)."""
    meeting, _member, refusal = _meeting(request, meeting_id)
    if refusal:
        return refusal
    if not meeting.minutes_id:
        raise Http404
    if not meetings.may_read_minutes(request.user, meeting):
        raise PermissionDenied
    document = meeting.minutes
    day = timezone.localtime(meeting.starts_at).date()
    try:
        stream = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None  # the row outlived its file
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=f"notulen-{day:%Y-%m-%d}.{document.file_extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meetings_ics(request, council_id: int):
    """The calendar feed of the council's public meetings (subscribe once)."""
    council = _public_council(council_id)
    response = HttpResponse(
        meetings.council_calendar(council), content_type=CONTENT_TYPE
    )
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def meeting_ics(request, meeting_id: int):
    """One meeting to add to a calendar."""
    meeting, _member, refusal = _meeting(request, meeting_id)
    if refusal:
        return refusal
    response = HttpResponse(
        meetings.meeting_calendar(meeting), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="vergadering-{meeting.pk}.ics"'
    )
    if not meeting.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


# The chair and the secretary -----------------------------------------------------


def _meeting_form_page(request, council, meeting=None):
    posted = request.method == "POST"
    choices = advice_choices(council)
    form = MeetingForm(
        request.POST if posted else None,
        meeting=meeting,
        initial=MeetingForm.initial_for(meeting) if meeting else None,
    )
    formset = AgendaFormSet(
        request.POST if posted else None,
        prefix="agenda",
        advice_choices=choices,
        initial=agenda_initial(meeting) if meeting else None,
    )
    if posted and form.is_valid() and formset.is_valid():
        fields = form.meeting_fields()
        agenda = formset.items()
        if meeting is None:
            meeting = meetings.plan_meeting(
                council, request.user, agenda=agenda, **fields
            )
            messages.success(request, _("The meeting is planned."))
        else:
            meetings.change_meeting(meeting, agenda=agenda, **fields)
            messages.success(request, _("The meeting is changed."))
        return redirect("councils:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "councils/meeting_form.html",
        {"council": council, "meeting": meeting, "form": form, "formset": formset},
    )


@login_required
def meeting_new(request, council_id: int):
    council = get_object_or_404(CouncilPage, pk=council_id)
    if not can_plan_meetings(request.user, council):
        raise PermissionDenied
    return _meeting_form_page(request, council)


@login_required
def meeting_edit(request, meeting_id: int):
    meeting = _planned_meeting(request, meeting_id)
    return _meeting_form_page(request, meeting.council, meeting)


@login_required
def meeting_minutes(request, meeting_id: int):
    """Upload the minutes after the meeting, and say who may read them."""
    meeting = _planned_meeting(request, meeting_id)
    context = {"meeting": meeting, "council": meeting.council}
    if meeting.starts_at > timezone.now():
        context["unavailable"] = _(
            "This meeting has not started yet. You can add the minutes afterwards."
        )
        return render(
            request, "councils/meeting_minutes_form.html", context, status=CONFLICT
        )
    posted = request.method == "POST"
    form = MinutesForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        meeting=meeting,
        initial={"minutes_public": meeting.minutes_public},
    )
    if posted and form.is_valid():
        meetings.add_minutes(
            meeting,
            request.user,
            upload=form.cleaned_data["document"] or None,
            public=form.cleaned_data["minutes_public"],
        )
        messages.success(request, _("The minutes are saved."))
        return redirect("councils:meeting", meeting_id=meeting.pk)
    context.update(
        form=form, choose_file_again=posted and bool(request.FILES.get("document"))
    )
    return render(request, "councils/meeting_minutes_form.html", context)
