"""/sitemap.xml at any size: an index of sitemap pages of 1,000 URLs each (Django's
sitemap index over Wagtail's sitemap), each kept in the cache until a page changes
(inspraak.core.layout), so a search engine's visit costs a cache read, not a walk of
10,000 pages.

It lists the pages of every language (the Dutch tree and its translations), each
with its translations as `xhtml:link` alternates (Dutch as x-default). The English
addresses of Dutch-only pages (the fallback, inspraak.pages.translation) are not
listed: their content is the Dutch page's, which names itself canonical."""

import hashlib
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_views
from wagtail.models import Page, Site

from inspraak.core import layout

from .translation import default_language

HEADERS_KEPT = ("Content-Type", "X-Robots-Tag", "Last-Modified")


class PagesSitemap(WagtailSitemap):
    """The live public pages of the site in every language, 1,000 to a sitemap
    page, each with its translations as alternates."""

    limit = 1000

    def _pages(self):
        """Below the site's home page and each of its translations."""
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        below = reduce(or_, (Q(path__startswith=home.path) for home in homes))
        return Page.objects.filter(below).live().public()

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        """The newest change, from the database: Django's own walks every page."""
        return self._pages().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # One query for the translations of the whole sitemap page.
        alternates = defaultdict(dict)
        for row in (
            self._pages()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("path")
        ):
            alternates[row.translation_key].setdefault(
                row.locale.language_code, row.get_full_url(self.request)
            )
        urls = []
        for item in items:
            languages = alternates.get(item.translation_key, {})
            for url in item.get_sitemap_urls(self.request):
                if len(languages) > 1:
                    url["alternates"] = [
                        {"lang_code": code, "location": location}
                        for code, location in sorted(languages.items())
                    ]
                    if default := languages.get(default_language()):
                        url["alternates"].append(
                            {"lang_code": "x-default", "location": default}
                        )
                urls.append(url)
        lastmods = {url.get("lastmod") for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


SITEMAPS = {"pages": PagesSitemap}


def _cached(request, view, *args, **kwargs):
    """The view's XML from the cache when this site and path were built before in
    this version of the page tree. An unknown section or page raises 404 and is
    not kept."""
    site = Site.find_for_request(request)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    parts = (site.pk if site else 0, path)

    def build():
        response = view(request, *args, **kwargs)
        response.render()
        headers = {h: response[h] for h in HEADERS_KEPT if h in response}
        return {"status": response.status_code, "content": response.content, **headers}

    answer = layout.cached("sitemap", parts, build)
    response = HttpResponse(
        answer["content"], status=answer["status"], content_type=answer["Content-Type"]
    )
    for header in HEADERS_KEPT[1:]:
        if header in answer:
            response[header] = answer[header]
    return response


def index(request):
    """/sitemap.xml: the index of the sitemap pages."""
    return _cached(
        request,
        wagtail_views.index,
        sitemaps=SITEMAPS,
        sitemap_url_name="sitemap_section",
    )


def section(request, section):
    """/sitemap-pages.xml?p=N: one page of 1,000 URLs."""
    return _cached(request, wagtail_views.sitemap, sitemaps=SITEMAPS, section=section)
