"""The participant's page of a live session."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ..models import Question
from ..permissions import may_see_results
from .context import page_context, published_questions, session_or_404


@never_cache
def session(request, code):
    """The participant page. Without JavaScript it lists the approved questions (the
    most upvoted ones; an ended session links to all its results)."""
    live_session = session_or_404(code)
    if code != live_session.code:
        return redirect("live:session", code=live_session.code)
    context = page_context(request, live_session)
    context["questions"] = published_questions(live_session)
    context["question_count"] = live_session.questions.filter(
        status=Question.Status.PUBLISHED
    ).count()
    if may_see_results(request, live_session):
        context["results_url"] = reverse("live:results", args=[live_session.code])
    return render(request, "live/participant.html", context)
