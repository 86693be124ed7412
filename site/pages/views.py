from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over the live, public pages of the current language."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=1)
            .specific()
        )
        results = pages.search(query)
        if not results:
            # Dutch joins words ("privacyverklaring"): fall back to prefix matching.
            results = pages.autocomplete(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(
        request,
        "pages/search.html",
        {"query": query, "results": page, "paginator": paginator},
    )
