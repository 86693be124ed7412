"""The projector (big screen) view of a live session."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from ..permissions import can_moderate
from .context import (
    forbidden,
    join_context,
    page_context,
    published_questions,
    session_or_404,
)

# The screen shows this many questions besides the pinned one (the client reads it
# from the page).
TOP_QUESTIONS = 6


@never_cache
def projector(request, code):
    """Top questions, the pinned one, the open poll, code and QR."""
    live_session = session_or_404(code)
    if not can_moderate(request.user, live_session):
        return forbidden(request, live_session)
    context = page_context(request, live_session)
    context.update(join_context(request, live_session))
    questions = [q for q in published_questions(live_session) if not q.pinned]
    context.update(questions=questions[:TOP_QUESTIONS], top=TOP_QUESTIONS)
    return render(request, "live/projector.html", context)
