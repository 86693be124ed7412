"""The public advice tracker: the query behind it, its filter form and the counts
per status. Every list here costs a fixed number of queries, whatever its length:
rows come in the order of the dispatch index (newest sent first), a page is read
from the nearer end of the list (paging.IndexedList), and one grouped query counts
the advice per status, which also gives the paginator its total."""

from collections.abc import Iterable
from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from inspraak.core.bounds import BoundedForm
from inspraak.organisations.models import Organisation
from inspraak.pages.translation import localize, originals

from .models.advice import (
    AdviceDispatch,
    AdvicePage,
    AdvicePageQuerySet,
    AdviceStatus,
    status_q,
)
from .models.councils import CouncilPage
from .models.requests import AdviceRequest
from .models.themes import Theme
from .paging import IndexedList
from .promises import attach_promise_counts, with_late_promise

PER_PAGE = 20

# What the public tracks: advice that has been sent and so has an answer clock.
PUBLIC_STATUSES = [
    AdviceStatus.AWAITING,
    AdviceStatus.OVERDUE,
    AdviceStatus.ANSWERED,
    AdviceStatus.ANSWERED_LATE,
]


def advice_pages() -> AdvicePageQuerySet:
    """Every advice page, with the page-tree filters and `with_status()`: the
    records, not their translations (inspraak.pages.translation), so that nothing
    is counted twice."""
    return originals(AdvicePage.objects.all())


def newest_sent_first(queryset: AdvicePageQuerySet) -> AdvicePageQuerySet:
    """Sent advice, newest first: the order of the dispatch index (sent_on, advice),
    so the database reads a page from the index instead of sorting every row."""
    return queryset.filter(dispatch__isnull=False).order_by("-dispatch__sent_on", "-pk")


def published_advice(today: date | None = None) -> AdvicePageQuerySet:
    """Live, public, sent advice with its status and everything a list row shows."""
    return newest_sent_first(
        advice_pages()
        .live()
        .public()
        .with_status(today)
        .select_related("addressee", "dispatch", "answer", "follow_up", "request")
        .prefetch_related("themes")
    )


def attach_councils(
    advice_list: Iterable[AdvicePage], request=None
) -> list[AdvicePage]:
    """Set `.council_page` on each advice from one query for all their parents,
    each council in the reader's language (`shown`, `shown_url`)."""
    rows = list(advice_list)
    parent_paths = {row.path[: -Page.steplen] for row in rows}
    councils = {
        council.path: council
        for council in localize(
            CouncilPage.objects.filter(path__in=parent_paths), request
        )
    }
    for row in rows:
        row.council_page = councils.get(row.path[: -Page.steplen])
    return rows


def attach_timelines(advice_list: Iterable[AdvicePage]) -> list[AdvicePage]:
    """Set `.timeline` (the dispatch, answer and follow-up joined in, None where
    there is none): the template then never reads a missing related row, which
    Django's template engine answers by listing all the page's attributes."""
    rows = list(advice_list)
    for row in rows:
        row.timeline = {
            name: getattr(row, name, None)
            for name in ("dispatch", "answer", "follow_up")
        }
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
    promises = forms.ChoiceField(
        label=_("Promises"),
        choices=[("", _("All advice")), ("late", _("With a promise that is late"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = originals(
            CouncilPage.objects.live().public().order_by("title")
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Exists(advice_pages().filter(addressee=OuterRef("pk"), live=True))
        )
        # The first and last day from the dispatch index: two index reads, where
        # the distinct years would read every dispatch.
        span = AdviceDispatch.objects.aggregate(
            first=Min("sent_on"), last=Max("sent_on")
        )
        years = (
            range(span["last"].year, span["first"].year - 1, -1)
            if span["first"]
            else ()
        )
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in years
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
    queryset = _filtered_but_status(filters, today)
    if status := filters.get("status"):
        queryset = queryset.filter(status_q(status, today or timezone.localdate()))
    return queryset


def _filtered_but_status(filters: dict, today: date | None) -> AdvicePageQuerySet:
    queryset = published_advice(today)
    if council := filters.get("council"):
        queryset = queryset.child_of(council)
    if organisation := filters.get("organisation"):
        queryset = queryset.filter(addressee=organisation)
    if theme := filters.get("theme"):
        queryset = queryset.filter(themes=theme)
    if year := filters.get("year"):
        queryset = queryset.filter(dispatch__sent_on__year=year)
    if filters.get("promises") == "late":
        queryset = with_late_promise(queryset, today or timezone.localdate())
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
    today = today or timezone.localdate()
    form = TrackerFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    # Counts follow every filter but status, so they show where the others are;
    # the same counts give the number of rows the list has.
    queryset = _filtered_but_status(filters, today)
    counts = status_counts(queryset)
    if status := filters.get("status"):
        queryset = queryset.filter(status_q(status, today))
        total = counts[status]
    else:
        total = sum(counts.values())
    page_obj = Paginator(IndexedList(queryset, total), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page_obj.object_list = attach_promise_counts(
        label_statuses(
            attach_timelines(
                attach_councils(localize(page_obj.object_list, request), request)
            )
        ),
        today,
    )
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
    return open_requests_in([council.pk])


def open_requests_in(council_ids):
    """`open_requests` of several councils (ids, or a subquery of them) at once."""
    # Only advice that answers some request is looked at (a small set), not all.
    answered = advice_pages().filter(
        request__isnull=False, request=OuterRef("pk"), live=True
    )
    return AdviceRequest.objects.filter(
        ~Exists(answered),
        council_id__in=council_ids,
        status__in=[AdviceRequest.Status.OPEN, AdviceRequest.Status.ACCEPTED],
    ).select_related("organisation")
