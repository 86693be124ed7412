"""Template tags for showing live sessions on other pages (the consultation page)."""

from django import template

from ..models import LiveSession
from ..services.results import session_results

register = template.Library()


@register.simple_tag
def live_sessions_of(page) -> list[dict]:
    """The live sessions of a consultation, each with its results once it has ended:
    [{"session": LiveSession, "results": session_results(...) or None}]."""
    if page is None or not getattr(page, "pk", None):
        return []
    sessions = LiveSession.objects.of_consultation(page).order_by("starts_at", "pk")
    return [
        {
            "session": session,
            "results": session_results(session)
            if session.state == LiveSession.State.ENDED
            else None,
        }
        for session in sessions
    ]
