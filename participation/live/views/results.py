"""A session's results for everyone once they are public: every poll with its
tallies and all published questions, most upvoted first, a page at a time."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from ..permissions import may_see_results
from ..services.results import opened_polls, result_questions
from .context import page_context, session_or_404

PER_PAGE = 50


def results(request, code):
    live_session = session_or_404(code)
    if code != live_session.code:
        return redirect("live:results", code=live_session.code)
    if not may_see_results(request, live_session):
        raise Http404
    page_obj = Paginator(result_questions(live_session), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = page_context(request, live_session)
    context.update(
        polls=opened_polls([live_session.pk])[live_session.pk],
        page_obj=page_obj,
        questions=page_obj.object_list,
        question_count=page_obj.paginator.count,
    )
    return render(request, "live/results.html", context)
