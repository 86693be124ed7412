"""The moderator console of a live session."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..models import Question
from ..permissions import can_moderate
from ..protocol import NICKNAME_MAX
from .context import (
    forbidden,
    join_context,
    page_context,
    published_questions,
    session_or_404,
)


@never_cache
def moderator(request, code):
    """Approve, answer, pin, hide; polls; start and end."""
    live_session = session_or_404(code)
    if not can_moderate(request.user, live_session):
        return forbidden(request, live_session)
    context = page_context(request, live_session)
    context.update(join_context(request, live_session))
    context.update(
        questions=published_questions(live_session),
        pending=list(
            live_session.questions.filter(status=Question.Status.PENDING).order_by(
                "created_at", "pk"
            )
        ),
        nickname=(request.user.display_name or _("Moderator"))[:NICKNAME_MAX],
        projector_url=reverse("live:projector", args=[live_session.code]),
        export_url=reverse("live:export", args=[live_session.code]),
    )
    return render(request, "live/moderator.html", context)
