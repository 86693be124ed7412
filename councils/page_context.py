"""What the council page and the advice page show, beyond their own fields: the
advice list and open requests of a council; the status, answer and follow-up of an
advice; and which links the visitor may follow. The page models' `get_context`
calls these."""

from django.core.paginator import Paginator
from django.db import models

from .models.advice import AdviceDispatch, AdvicePage, AdviceStatus
from .models.answers import AdviceAnswer, FollowUp
from .models.councils import CouncilPage
from .permissions import can_adopt, can_answer, can_follow_up, is_member
from .tracker import advice_pages, label_statuses, open_requests

ADVICE_PER_PAGE = 20


def council_context(council: CouncilPage, request) -> dict:
    """Members shown by name, the council's published advice (ADVICE_PER_PAGE a
    page, `?page=`), its open requests and whether the visitor is a member who may
    decide on requests."""
    context = {}
    members = list(council.current_members())
    # Names only of members who chose to be shown; the rest are only counted.
    context["shown_members"] = [m for m in members if m.show_publicly]
    context["hidden_member_count"] = sum(not m.show_publicly for m in members)
    # One page of advice from the database: a count query and a page query.
    advice = (
        advice_pages()
        .live()
        .public()
        .child_of(council)
        .with_status()
        .select_related("addressee", "dispatch", "answer")
        .prefetch_related("themes")
        .order_by(models.F("dispatch__sent_on").desc(nulls_last=True), "-pk")
    )
    page_obj = Paginator(advice, ADVICE_PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = label_statuses(page_obj.object_list)
    context["advice_page"] = page_obj
    context["advice_list"] = page_obj.object_list
    context["open_requests"] = open_requests(council)
    context["is_member"] = request.user.is_authenticated and is_member(
        request.user, council
    )
    context["may_decide_requests"] = context["is_member"] and can_adopt(
        request.user, council
    )
    return context


def advice_context(advice: AdvicePage, request) -> dict:
    """The advice's council, status, dispatch, answer (with points), follow-up and
    attachments, and which of answering and reacting the visitor may do."""
    context = {"council": advice.council}
    context["status"] = (
        AdvicePage.objects.with_status()
        .filter(pk=advice.pk)
        .values_list("status", flat=True)
        .first()
    )
    context["status_label"] = (
        AdviceStatus(context["status"]).label if context["status"] else ""
    )
    context["dispatch"] = AdviceDispatch.objects.filter(advice=advice).first()
    answer = AdviceAnswer.objects.filter(advice=advice).first()
    context["answer"] = answer
    context["answer_points"] = list(answer.points.all()) if answer else []
    context["follow_up"] = FollowUp.objects.filter(advice=advice).first()
    context["attachments"] = advice.attachments.all()
    # What the visitor may do next (links shown only to those allowed).
    user = request.user
    context["may_answer"] = bool(
        context["dispatch"] and not answer and can_answer(user, advice)
    )
    context["may_follow_up"] = bool(
        answer and not context["follow_up"] and can_follow_up(user, advice)
    )
    return context
