from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Site search over the live, public pages of the current language. The
    database counts the hits and returns one page of them (a count query and a
    page query, whatever the number of hits); the search is never read whole."""
    query = request.GET.get("q", "").strip()[:200]
    paginator = Paginator(Page.objects.none(), RESULTS_PER_PAGE)
    if query:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=1)
            .specific()
        )
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        if not paginator.count:
            # Dutch joins words ("privacyverklaring"): fall back to prefix matching.
            paginator = Paginator(pages.autocomplete(query), RESULTS_PER_PAGE)
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
