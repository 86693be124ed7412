"""The participant's page of a live session."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .context import page_context, published_questions, session_or_404


@never_cache
def session(request, code):
    """The participant page. Without JavaScript it lists the approved questions."""
    live_session = session_or_404(code)
    if code != live_session.code:
        return redirect("live:session", code=live_session.code)
    context = page_context(request, live_session)
    context["questions"] = published_questions(live_session)
    return render(request, "live/participant.html", context)
