"""The council dashboard: what each council a member sits on has to do now."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.shortcuts import render

from wagtail.models import Page, WorkflowState

from .models.advice import AdviceStatus
from .models.councils import CouncilMember, CouncilPage
from .tracker import advice_pages, open_requests


def councils_of(user):
    """The councils in which the person is a current member."""
    return (
        CouncilPage.objects.filter(
            pk__in=CouncilMember.objects.current()
            .filter(user=user)
            .values("council_id")
        )
        .select_related("organisation")
        .order_by("title")
    )


def council_overview(council: CouncilPage) -> dict:
    """Drafts, advice awaiting adoption or an answer, overdue advice, open requests."""
    in_workflow = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    advice = (
        advice_pages()
        .child_of(council)
        .with_status()
        .annotate(in_workflow=Exists(in_workflow))
        .select_related("addressee", "dispatch")
        .order_by("-latest_revision_created_at", "-pk")
    )
    rows = list(advice)
    return {
        "council": council,
        "drafts": [a for a in rows if not a.live and not a.in_workflow],
        "awaiting_adoption": [a for a in rows if a.in_workflow],
        "awaiting_answer": [
            a for a in rows if a.live and a.status == AdviceStatus.AWAITING
        ],
        "overdue": [a for a in rows if a.live and a.status == AdviceStatus.OVERDUE],
        "open_requests": list(open_requests(council)),
    }


@login_required
def dashboard(request):
    """Only for current council members; others get 403 with an explanation."""
    councils = list(councils_of(request.user))
    if not councils:
        return render(request, "councils/dashboard.html", {"councils": []}, status=403)
    overviews = [council_overview(council) for council in councils]
    return render(
        request,
        "councils/dashboard.html",
        {"councils": councils, "overviews": overviews},
    )
