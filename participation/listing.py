"""The consultations index: open, upcoming and past, filtered by organisation and
theme through GET parameters."""

from django.core.paginator import Paginator
from django.utils import timezone

from inspraak.pages.translation import localize

from .forms import IndexFilterForm
from .models.consultations import ConsultationPage

PER_SECTION = 6
PER_PAGE = 12
SECTIONS = ("open", "upcoming", "past")


def _consultations(index_page):
    return (
        ConsultationPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("organisation")
        .prefetch_related("themes")
    )


def _section(queryset, status, now):
    if status == "open":
        return queryset.open_on(now).order_by("closes_at", "pk")
    if status == "upcoming":
        return queryset.upcoming(now).order_by("opens_at", "pk")
    return queryset.past(now).order_by("-closes_at", "-pk")


def index_context(index_page, request) -> dict:
    """`index_page` is the record: a translated overview lists its original's
    consultations, each in the reader's language (`shown`, `shown_url`)."""
    now = timezone.now()
    everything = _consultations(index_page)
    form = IndexFilterForm(request.GET or None, consultations=everything)
    queryset = everything
    status = ""
    if form.is_valid():
        status = form.cleaned_data["status"]
        if form.cleaned_data["organisation"]:
            queryset = queryset.filter(organisation=form.cleaned_data["organisation"])
        if form.cleaned_data["theme"]:
            queryset = queryset.filter(themes=form.cleaned_data["theme"])
    filtered = form.is_bound and form.is_valid() and any(form.cleaned_data.values())
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filter_form": form,
        "filtered": filtered,
        "status": status,
        "query_string": params.urlencode(),
        "now": now,
    }
    if status in SECTIONS:
        page_obj = Paginator(_section(queryset, status, now), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["page_obj"] = page_obj
        context["consultations"] = localize(page_obj.object_list, request)
        return context
    sections = []
    for name in SECTIONS:
        section = _section(queryset, name, now)
        items = localize(section[: PER_SECTION + 1], request)
        more = len(items) > PER_SECTION
        params["status"] = name
        sections.append(
            {
                "name": name,
                "items": items[:PER_SECTION],
                "more": more,
                "more_query": params.urlencode(),
            }
        )
    context["sections"] = sections
    return context
