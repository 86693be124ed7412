"""/sitemap.xml at any size: an index of sitemap pages of 1,000 URLs each (Django's
sitemap index over Wagtail's sitemap), each kept in the cache until a page changes
(inspraak.core.layout), so a search engine's visit costs a cache read, not a walk of
10,000 pages."""

import hashlib

from django.db.models import Max
from django.db.models.functions import Coalesce
from django.http import HttpResponse

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as wagtail_views
from wagtail.models import Site

from inspraak.core import layout

HEADERS_KEPT = ("Content-Type", "X-Robots-Tag", "Last-Modified")


class PagesSitemap(WagtailSitemap):
    """The live public pages of the site, 1,000 to a sitemap page."""

    limit = 1000

    def get_latest_lastmod(self):
        """The newest change, from the database: Django's own walks every page."""
        pages = (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
        )
        return pages.aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]


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
