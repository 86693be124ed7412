"""The sources of one "you said, we did" item: every visible contribution and
published live question it cites, paged, each with its own anchor so that a link
opens it. Public once the consultation's feedback is published on a live page;
before that only its organisers see it (a preview)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..models import Contribution, FeedbackItem
from ..page_context import _live_questions
from ..permissions import can_publish_feedback

PER_PAGE = 50


def sources(request, item_id: int):
    item = get_object_or_404(
        FeedbackItem.objects.select_related("consultation", "theme"), pk=item_id
    )
    page = item.consultation
    preview = not (page.feedback_published_at and page.live)
    if preview and not can_publish_feedback(request.user, page):
        raise Http404
    contributions = Paginator(
        item.contributions.filter(
            pk__in=Contribution.objects.visible().values("pk")
        ).order_by("created_at", "pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    questions = _live_questions()
    question_page = None
    if questions is not None:
        question_page = Paginator(
            questions.filter(feedback_items=item), PER_PAGE
        ).get_page(request.GET.get("vragen"))
    params = request.GET.copy()
    params.pop("page", None)
    question_params = request.GET.copy()
    question_params.pop("vragen", None)
    return render(
        request,
        "participation/sources.html",
        {
            "item": item,
            "consultation": page,
            "preview": preview,
            "page_obj": contributions,
            "contributions": contributions.object_list,
            "query_string": params.urlencode(),
            "question_page": question_page,
            "question_query": question_params.urlencode(),
        },
    )
