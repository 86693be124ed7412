"""/live/: typing the code of a session, and the sessions a moderator runs."""

from django.shortcuts import redirect, render

from ..forms import JoinForm
from ..models import LiveSession
from ..permissions import moderated_sessions
from .organiser import plannable


def _lookup(code: str) -> LiveSession | None:
    return LiveSession.objects.by_code(code).select_related("consultation").first()


def join(request):
    """Type the code (GET, so a link with ?code= works too)."""
    form = JoinForm(request.GET if "code" in request.GET else None, lookup=_lookup)
    if form.is_bound and form.is_valid():
        return redirect("live:session", code=form.session.code)
    mine = (
        moderated_sessions(request.user)
        .exclude(state=LiveSession.State.ENDED)
        .select_related("consultation")
        .order_by("starts_at", "pk")
    )
    return render(
        request,
        "live/join.html",
        {
            "form": form,
            "my_sessions": list(mine),
            "may_plan": plannable(request.user).exists(),
        },
    )
