"""The council dashboard: what each council a member sits on has to do now.

Per council a fixed number of queries, however much advice it has: one grouped
query counts the advice per group, and each list shows its first LIST_LENGTH rows
with a link to the place that lists them all (the tracker filtered on the council
and status, the page explorer, the council's open requests)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, Q
from django.db.models.functions import Cast
from django.shortcuts import render
from django.utils import timezone

from wagtail.models import Page, WorkflowState

from inspraak.pages.translation import localized_url, originals

from .models.advice import AdvicePageQuerySet, AdviceStatus, status_q
from .models.councils import AdviceTrackerPage, CouncilMember, CouncilPage
from .tracker import advice_pages, open_requests
from .yearly import year_report_offer

LIST_LENGTH = 10

# The groups of the dashboard: which advice each holds, as a condition on advice
# annotated with `in_workflow`.
GROUPS = {
    "drafts": lambda today: Q(live=False, in_workflow=False),
    "awaiting_adoption": lambda today: Q(in_workflow=True),
    "awaiting_answer": lambda today: (
        Q(live=True) & status_q(AdviceStatus.AWAITING, today)
    ),
    "overdue": lambda today: Q(live=True) & status_q(AdviceStatus.OVERDUE, today),
}
# The most urgent first: advice waiting for an answer by its due date, the rest
# by the latest change.
ORDER = {
    "drafts": ("-latest_revision_created_at", "-pk"),
    "awaiting_adoption": ("-latest_revision_created_at", "-pk"),
    "awaiting_answer": ("dispatch__answer_due_on", "pk"),
    "overdue": ("dispatch__answer_due_on", "pk"),
}


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


def with_in_workflow(advice: AdvicePageQuerySet) -> AdvicePageQuerySet:
    """`advice` annotated with `in_workflow` (waiting for adoption in the
    workflow)."""
    # Pages in a running workflow, as the text keys Wagtail stores: one small list
    # the database looks each advice up in, instead of a subquery per advice.
    in_workflow = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values("object_id")
    )
    return advice.alias(key=Cast("pk", CharField())).annotate(
        in_workflow=ExpressionWrapper(
            Q(key__in=in_workflow), output_field=BooleanField()
        )
    )


def council_advice(council: CouncilPage) -> AdvicePageQuerySet:
    """The council's advice, drafts included, annotated with `in_workflow`."""
    return with_in_workflow(advice_pages().child_of(council))


def group_counts(council: CouncilPage, today: date | None = None) -> dict[str, int]:
    """How much advice of the council is in each group, in one query."""
    today = today or timezone.localdate()
    return council_advice(council).aggregate(
        **{
            group: Count("pk", filter=condition(today))
            for group, condition in GROUPS.items()
        }
    )


def group_list(council: CouncilPage, group: str, today: date | None = None) -> list:
    """The first LIST_LENGTH advice of one group, most urgent first."""
    today = today or timezone.localdate()
    rows = list(
        council_advice(council)
        .filter(GROUPS[group](today))
        .select_related("addressee", "dispatch")
        .order_by(*ORDER[group])[:LIST_LENGTH]
    )
    for row in rows:
        # None for a draft never sent: the template need not look up a missing row.
        row.sent = getattr(row, "dispatch", None)
    return rows


def council_overview(council: CouncilPage, tracker_url: str | None = None) -> dict:
    """Per group its count and first rows, and where the rest is listed."""
    today = timezone.localdate()
    requests = open_requests(council)
    overview = {
        "council": council,
        "counts": group_counts(council, today),
        "open_requests": list(requests[:LIST_LENGTH]),
        "open_request_count": requests.count(),
        "more": {},
    }
    for group in GROUPS:
        overview[group] = group_list(council, group, today)
    if tracker_url:
        for group, status in (
            ("awaiting_answer", AdviceStatus.AWAITING),
            ("overdue", AdviceStatus.OVERDUE),
        ):
            overview["more"][group] = (
                f"{tracker_url}?council={council.pk}&status={status.value}"
            )
    return overview


@login_required
def dashboard(request):
    """Only for current council members; others get 403 with an explanation."""
    councils = list(councils_of(request.user))
    if not councils:
        return render(request, "councils/dashboard.html", {"councils": []}, status=403)
    tracker = originals(AdviceTrackerPage.objects.live().public()).first()
    tracker_url = localized_url(tracker, request) if tracker else None
    overviews = [council_overview(council, tracker_url) for council in councils]
    for overview in overviews:
        overview["year_report"] = year_report_offer(request.user, overview["council"])
    return render(
        request,
        "councils/dashboard.html",
        {"councils": councils, "overviews": overviews},
    )
