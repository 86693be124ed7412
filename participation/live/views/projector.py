"""The projector (big screen) view of a live session."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .context import moderators_only, published_questions, screen_context

# The screen shows this many questions besides the pinned one (the client reads it
# from the page).
TOP_QUESTIONS = 6


@never_cache
@moderators_only
def projector(request, live_session):
    """Top questions, the pinned one, the open poll, code and QR."""
    context = screen_context(request, live_session)
    questions = published_questions(live_session, TOP_QUESTIONS, pinned=False)
    context.update(questions=questions, top=TOP_QUESTIONS)
    return render(request, "live/projector.html", context)
