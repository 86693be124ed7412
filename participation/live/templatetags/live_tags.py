"""Template tags for showing live sessions on other pages (the consultation page)."""

from django import template
from django.core.paginator import Paginator
from django.http import QueryDict

from ..models import LiveSession
from ..services.results import sessions_with_results, summaries

register = template.Library()

COMING_SHOWN = 5  # sessions still to come or live now, the soonest first
SESSIONS_PER_PAGE = 3  # ended sessions with their results, the newest first
TOP_QUESTIONS = 10  # questions of an ended session shown on the consultation page
PAGE_PARAMETER = "sessions"


@register.simple_tag(takes_context=True)
def live_sessions_of(context, page) -> dict:
    """The live sessions of a consultation in a fixed number of queries, however many
    it has: {"coming": the sessions to join, "ended": a page of results summaries
    (`services.results.summaries`), "page_obj", and for its links "parameter" and
    "query_string" (the other GET parameters)}."""
    if page is None or not getattr(page, "pk", None):
        return {}
    sessions = LiveSession.objects.of_consultation(page)
    coming = list(
        sessions.exclude(state=LiveSession.State.ENDED).order_by("starts_at", "pk")[
            :COMING_SHOWN
        ]
    )
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    number = request.GET.get(PAGE_PARAMETER) if request is not None else None
    params.pop(PAGE_PARAMETER, None)
    page_obj = Paginator(sessions_with_results(page), SESSIONS_PER_PAGE).get_page(
        number
    )
    return {
        "coming": coming,
        "ended": summaries(page_obj.object_list, TOP_QUESTIONS),
        "page_obj": page_obj,
        "parameter": PAGE_PARAMETER,
        "query_string": params.urlencode(),
    }
