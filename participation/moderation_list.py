"""The moderation list: the contributions of the consultations a person moderates
that were reported or hidden (or all), newest first, a page at a time from the
database, each with its open reports."""

from django.db.models import Prefetch, QuerySet

from .models import Contribution, ContributionReport

PER_PAGE = 25
SHOWS = ("reported", "hidden", "all")


def moderation_queue(
    consultations: QuerySet, show: str, consultation_id: int | None = None
) -> QuerySet[Contribution]:
    """The contributions to show (`show` is one of SHOWS), in order; each carries
    `open_reports`, its reports not yet handled (one query for a whole page)."""
    queryset = Contribution.objects.filter(consultation__in=consultations)
    if consultation_id is not None:
        queryset = queryset.filter(consultation_id=consultation_id)
    if show == "hidden":
        queryset = queryset.filter(hidden_at__isnull=False).order_by(
            "-hidden_at", "-pk"
        )
    elif show == "all":
        queryset = queryset.newest()
    else:
        queryset = queryset.reported().newest()
    open_reports = ContributionReport.objects.filter(resolved_at__isnull=True)
    # The consultations (Wagtail pages: a wide join) in a query of their own.
    return queryset.select_related("question", "hidden_by").prefetch_related(
        "consultation",
        Prefetch("reports", queryset=open_reports, to_attr="open_reports"),
    )
