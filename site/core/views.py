from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inspraak.pages.doors import door_links

from . import start as start_page
from .health import check_channel_layer, check_database


@never_cache
@require_GET
def health(request):
    """JSON for load balancers and monitoring: 200 when all is well, else 503."""
    checks = {"database": check_database(), "channel_layer": check_channel_layer()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks},
        status=200 if healthy else 503,
    )


# Not for search engines: the admins, and the pages about one person or case (in
# every language).
ROBOTS_DISALLOW = ("/admin/", "/django-admin/")
ROBOTS_DISALLOW_PER_LANGUAGE = (
    "/accounts/",
    "/mijn-gegevens/",
    "/start/",
    "/klachten/zaak/",
    "/klachten/volgen/",
    "/klachten/behandelen/",
    "/toestemming/",
    "/zoeken/",
)


@require_GET
def robots_txt(request):
    """For search engines: the public site, and where its sitemap is."""
    paths = list(ROBOTS_DISALLOW)
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        paths += [prefix + path for path in ROBOTS_DISALLOW_PER_LANGUAGE]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in paths)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
def favicon(request):
    """Browsers ask /favicon.ico whatever the page says: the icon in static/."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))


@login_required
@require_GET
def start(request):
    """After sign-in: what waits for this person in each of their roles, and the
    ways in (the home page's doors)."""
    return render(
        request,
        "core/start.html",
        {
            "sections": start_page.sections_for(request),
            "doors": door_links(request),
        },
    )
