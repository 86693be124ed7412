"""What every page tells browsers, search engines and shared links: a title
without repetition, a description, icons and Open Graph tags; robots.txt and
/favicon.ico."""

import re
from html import unescape

from django.contrib.staticfiles import finders

import pytest

from inspraak.core.templatetags.inspraak_tags import page_description, with_site_name

pytestmark = pytest.mark.django_db


def head_of(response) -> str:
    return response.content.decode().split("</head>")[0]


def meta(head: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head)
    return unescape(found.group(1)) if found else None


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_home_page_names_the_site_once_and_describes_itself(
    client, demo_site, path
):
    head = head_of(client.get(path))
    title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
    assert title.count("Inspraak") == 1, title
    description = meta(head, "name", "description")
    assert description and len(description) <= 160
    assert meta(head, "property", "og:description") == description
    assert meta(head, "property", "og:url").endswith(path)
    assert meta(head, "property", "og:image").endswith(".png")
    assert 'rel="icon"' in head and 'rel="manifest"' in head


def test_a_page_is_described_by_its_summary_and_titled_with_the_site(client, demo_site):
    from inspraak.pages.models import ContentPage

    page = (
        ContentPage.objects.live()
        .filter(locale__language_code="nl")
        .exclude(summary="")
        .exclude(title__icontains="inspraak")
        .first()
    )
    head = head_of(client.get(page.url))
    assert f"<title>{page.title} · Inspraak</title>" in head
    assert meta(head, "name", "description") == page_description(page)
    assert meta(head, "property", "og:title") == page.title


def test_a_view_without_a_page_has_the_sites_description(client, demo_site):
    head = head_of(client.get("/accounts/login/"))
    assert meta(head, "name", "description") == page_description(None)
    assert re.search(r"<title>[^<]+ · Inspraak</title>", head)


DJANGO_VIEWS = [
    "/accounts/login/",
    "/zoeken/?q=jeugd",
    "/klachten/",
    "/ervaringsdeskundigen/",
    "/live/",
    "/live/PRAAT6/",
    "/en/klachten/",
    "/en/live/",
    "/bestaat-niet/",
]


def test_every_page_names_the_site_once_and_itself_besides(client, demo_site):
    from wagtail.models import Page

    paths = [page.url for page in Page.objects.live().public().specific()]
    homes = {"/", "/en/"}
    for path in [path for path in paths if path] + DJANGO_VIEWS:
        head = head_of(client.get(path))
        title = unescape(re.search(r"<title>(.*?)</title>", head, re.S).group(1))
        assert title.lower().count("inspraak") == 1, (path, title)
        assert path in homes or title != "Inspraak", (path, title)


def test_a_long_summary_is_cut_at_a_word():
    class Page:
        search_description = ""
        summary = "woord " * 60

    text = page_description(Page())
    assert len(text) <= 160 and text.endswith("woord…")


def test_titles():
    assert with_site_name("Advies over wachttijden") == (
        "Advies over wachttijden · Inspraak"
    )
    assert with_site_name("Inspraak") == "Inspraak"
    assert with_site_name("Welkom bij Inspraak") == "Welkom bij Inspraak"
    assert with_site_name("  ") == "Inspraak"


def test_robots_txt_keeps_search_engines_out_of_personal_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/mijn-gegevens/", "/en/mijn-gegevens/", "/klachten/zaak/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /raadplegingen/" not in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico")
    for name in (
        "favicon.ico",
        "favicon.svg",
        "apple-touch-icon.png",
        "icon-192.png",
        "icon-512.png",
        "site.webmanifest",
    ):
        assert finders.find(f"icons/{name}"), name
