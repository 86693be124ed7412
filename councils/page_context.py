"""What the council page and the advice page show, beyond their own fields: the
advice list and open requests of a council; the status, answer and follow-up of an
advice; and which links the visitor may follow. The page models' `get_context`
calls these."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from inspraak.pages.translation import localize

from . import meetings
from .models.advice import AdvicePage, AdviceStatus
from .models.councils import CouncilMember, CouncilPage
from .paging import ChainedLists, IndexedList
from .permissions import (
    can_answer,
    can_follow_up,
    can_plan_meetings,
    can_recruit,
    council_role,
)
from .promises import promise_context
from .terms import first_name, members_of
from .tracker import advice_pages, label_statuses, newest_sent_first, open_requests

ADVICE_PER_PAGE = 20
# The council page shows the newest open requests; the rest have a page of their own.
OPEN_REQUESTS_SHOWN = 10


def council_advice_page(council: CouncilPage, number, request=None):
    """One page of the council's live, public advice: sent advice newest first (in
    the order of the dispatch index), then any advice never sent. A fixed number of
    queries: one counts both kinds, one or two read the page."""
    advice = advice_pages().live().public().child_of(council)
    counts = advice.aggregate(
        sent=Count("pk", filter=Q(dispatch__isnull=False)),
        unsent=Count("pk", filter=Q(dispatch__isnull=True)),
    )
    rows = (
        advice.with_status()
        .select_related("addressee", "dispatch", "answer")
        .prefetch_related("themes")
    )
    listed = ChainedLists(
        IndexedList(newest_sent_first(rows), counts["sent"]),
        IndexedList(
            rows.filter(dispatch__isnull=True).order_by("-pk"), counts["unsent"]
        ),
    )
    page_obj = Paginator(listed, ADVICE_PER_PAGE).get_page(number)
    page_obj.object_list = label_statuses(localize(page_obj.object_list, request))
    for row in page_obj.object_list:
        row.council_page = None  # on its own council's page the row need not say
    return page_obj


def council_context(council: CouncilPage, request) -> dict:
    """Members shown by name, the council's published advice (ADVICE_PER_PAGE a
    page, `?page=`), its newest open requests and whether the visitor is a member
    who may decide on requests."""
    context = {}
    members = members_of(council)
    # Names only of members who chose to be shown, and only the first name; the
    # rest are only counted.
    shown = [m for m in members if m.show_publicly]
    for member in shown:
        member.first_name = first_name(member.user)
        member.supports = member.role in CouncilMember.SUPPORTING_ROLES
    context["shown_members"] = shown
    context["hidden_member_count"] = len(members) - len(shown)
    context["open_vacancies"] = list(council.vacancies.open()[:5])
    page_obj = council_advice_page(council, request.GET.get("page"), request)
    context["advice_page"] = page_obj
    context["advice_list"] = page_obj.object_list
    requests = open_requests(council)
    context["open_requests"] = list(requests[:OPEN_REQUESTS_SHOWN])
    context["open_request_count"] = requests.count()
    role = council_role(request.user, council)
    context["is_member"] = request.user.is_superuser or role is not None
    context["may_decide_requests"] = role in CouncilMember.ADOPTING_ROLES
    context["may_recruit"] = can_recruit(request.user, council)
    context["next_meetings"] = meetings.upcoming(council, member=context["is_member"])
    context["may_plan_meetings"] = can_plan_meetings(request.user, council)
    return context


def advice_context(advice: AdvicePage, request) -> dict:
    """The advice's council, status, dispatch, answer (with points), follow-up and
    attachments, and which of answering and reacting the visitor may do. The
    status and the related rows come in one query."""
    # A preview of advice not saved yet has no row (and nothing sent or answered).
    row = (
        AdvicePage.objects.with_status()
        .select_related(
            "addressee",
            "request",
            "dispatch",
            "answer__document",
            "follow_up",
            "adopted_at_meeting__council",
        )
        .filter(pk=advice.pk)
        .first()
        if advice.pk
        else None
    )
    # The template reads these through the served page: give it the loaded rows
    # (unless a preview shows other ones).
    if row is not None and row.addressee_id == advice.addressee_id:
        advice.addressee = row.addressee
    if row is not None and row.request_id == advice.request_id:
        advice.request = row.request
    dispatch = getattr(row, "dispatch", None)
    answer = getattr(row, "answer", None)
    follow_up = getattr(row, "follow_up", None)
    status = row.status if row is not None else None
    context = {
        "council": localize([advice.council], request)[0],
        "status": status,
        "status_label": AdviceStatus(status).label if status else "",
        "dispatch": dispatch,
        "answer": answer,
        "answer_points": list(answer.points.all()) if answer else [],
        "follow_up": follow_up,
        "attachments": list(advice.attachments.select_related("document")),
    }
    # What the visitor may do next (links shown only to those allowed).
    user = request.user
    meeting = getattr(row, "adopted_at_meeting", None)
    context["adopted_at_meeting"] = meeting
    context["may_see_meeting"] = bool(meeting and meetings.may_see(user, meeting))
    context["may_answer"] = bool(dispatch and not answer and can_answer(user, advice))
    context["may_follow_up"] = bool(
        answer and not follow_up and can_follow_up(user, advice)
    )
    context.update(promise_context(advice, user, answer))
    return context
