"""The public advice tracker: the query behind it, its filter form and the counts
per status. Every list here costs a fixed number of queries, whatever its length."""

from collections.abc import Iterable
from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from inspraak.core.bounds import BoundedForm
from inspraak.organisations.models import Organisation

from .models.advice import (
    AdviceDispatch,
    AdvicePage,
    AdvicePageQuerySet,
    AdviceStatus,
)
from .models.councils import CouncilPage
from .models.requests import AdviceRequest
from .models.themes import Theme

PER_PAGE = 20

# What the public tracks: advice that has been sent and so has an answer clock.
PUBLIC_STATUSES = [
    AdviceStatus.AWAITING,
    AdviceStatus.OVERDUE,
    AdviceStatus.ANSWERED,
    AdviceStatus.ANSWERED_LATE,
]


def advice_pages() -> AdvicePageQuerySet:
    """Every advice page, with the page-tree filters and `with_status()`."""
    return AdvicePage.objects.all()


def published_advice(today: date | None = None) -> AdvicePageQuerySet:
    """Live, public, sent advice with its status and everything a list row shows."""
    return (
        advice_pages()
        .live()
        .public()
        .with_status(today)
        .exclude(status=AdviceStatus.DRAFT)
        .select_related("addressee", "dispatch", "answer", "follow_up", "request")
        .prefetch_related("themes")
        .order_by(F("dispatch__sent_on").desc(nulls_last=True), "-pk")
    )


def attach_councils(advice_list: Iterable[AdvicePage]) -> list[AdvicePage]:
    """Set `.council_page` on each advice from one query for all their parents."""
    rows = list(advice_list)
    parent_paths = {row.path[: -Page.steplen] for row in rows}
    councils = {
        council.path: council
        for council in CouncilPage.objects.filter(path__in=parent_paths)
    }
    for row in rows:
        row.council_page = councils.get(row.path[: -Page.steplen])
    return rows


def label_statuses(advice_list: Iterable[AdvicePage]) -> list[AdvicePage]:
    """Set `.status_label` from the annotated `status`, without a query."""
    rows = list(advice_list)
    for row in rows:
        row.status_label = AdviceStatus(row.status).label
    return rows


class TrackerFilterForm(BoundedForm):
    """GET filters of the tracker. Every field is optional; a wrong value is
    reported on its field and ignored, never a server error."""

    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=CouncilPage.objects.none(),
        required=False,
        empty_label=_("All councils"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Advice to"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("All themes"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses"))]
        + [(status.value, status.label) for status in PUBLIC_STATUSES],
        required=False,
    )
    year = forms.TypedChoiceField(
        label=_("Year sent"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = (
            CouncilPage.objects.live().public().order_by("title")
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(
            advice_received__live=True
        ).distinct()
        years = AdviceDispatch.objects.dates("sent_on", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(day.year), str(day.year)) for day in years
        ]

    def filters(self) -> dict:
        """The valid filters; invalid ones are left out (their errors stay shown)."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "")
        }


def tracker_queryset(filters: dict, today: date | None = None) -> AdvicePageQuerySet:
    """Published advice matching the filters (keys as in TrackerFilterForm)."""
    queryset = published_advice(today)
    if council := filters.get("council"):
        queryset = queryset.child_of(council)
    if organisation := filters.get("organisation"):
        queryset = queryset.filter(addressee=organisation)
    if theme := filters.get("theme"):
        queryset = queryset.filter(themes=theme)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    if year := filters.get("year"):
        queryset = queryset.filter(dispatch__sent_on__year=year)
    return queryset


def status_counts(queryset) -> dict[str, int]:
    """How many advice have each public status, in one aggregate query."""
    return queryset.order_by().aggregate(
        **{
            str(status.value): Count("pk", filter=Q(status=status.value))
            for status in PUBLIC_STATUSES
        }
    )


def tracker_context(request, today: date | None = None) -> dict:
    """Everything the tracker template needs for one request."""
    form = TrackerFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    queryset = tracker_queryset(filters, today)
    # Counts follow every filter but status, so they show where the others are.
    counts = status_counts(
        tracker_queryset({k: v for k, v in filters.items() if k != "status"}, today)
    )
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = label_statuses(attach_councils(page_obj.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filters": filters,
        "status_counts": [
            {"status": status, "label": status.label, "count": counts[status.value]}
            for status in PUBLIC_STATUSES
        ],
        "total_count": sum(counts.values()),
        "page_obj": page_obj,
        "advice_list": page_obj.object_list,
        "query_string": query.urlencode(),
    }


def open_requests(council: CouncilPage):
    """Requests the council has not answered with published advice yet."""
    return (
        AdviceRequest.objects.filter(
            council=council,
            status__in=[AdviceRequest.Status.OPEN, AdviceRequest.Status.ACCEPTED],
        )
        .exclude(advice__live=True)
        .select_related("organisation")
    )
