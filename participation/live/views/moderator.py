"""The moderator console of a live session. The page lists the first questions of
each kind; the console's client gets them all from its snapshot."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..models import Question
from ..protocol import NICKNAME_MAX
from .context import (
    QUESTIONS_SHOWN,
    moderators_only,
    published_questions,
    question_counts,
    screen_context,
)


@never_cache
@moderators_only
def moderator(request, live_session):
    """Approve, answer, pin, hide; polls; start and end."""
    context = screen_context(request, live_session)
    counts = question_counts(live_session)
    context.update(
        questions=published_questions(live_session),
        question_count=counts.get(Question.Status.PUBLISHED, 0),
        pending=list(
            live_session.questions.filter(status=Question.Status.PENDING).order_by(
                "created_at", "pk"
            )[:QUESTIONS_SHOWN]
        ),
        pending_count=counts.get(Question.Status.PENDING, 0),
        nickname=(request.user.display_name or _("Moderator"))[:NICKNAME_MAX],
        projector_url=reverse("live:projector", args=[live_session.code]),
        export_url=reverse("live:export", args=[live_session.code]),
    )
    return render(request, "live/moderator.html", context)
