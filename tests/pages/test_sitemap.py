"""/sitemap.xml lists the live public pages of the site, nothing else."""

from wagtail.models import PageViewRestriction

import pytest

from inspraak.pages.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_live_public_pages(client, demo_site):
    response = client.get("/sitemap-pages.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    for page in ContentPage.objects.live().filter(locale__language_code="nl"):
        assert f"<loc>{page.get_full_url()}</loc>" in xml


def test_the_sitemap_leaves_out_drafts_and_restricted_pages(client, demo_site):
    home = HomePage.objects.get(locale__language_code="nl")
    home.add_child(instance=ContentPage(title="Concept", slug="concept", live=False))
    restricted = home.add_child(instance=ContentPage(title="Intern", slug="intern"))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )

    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "/over/" in xml
    assert "/concept/" not in xml
    assert "/intern/" not in xml


def test_the_sitemap_is_an_index_of_pages_of_a_thousand(client, demo_site, settings):
    from inspraak.pages.sitemaps import PagesSitemap

    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "/sitemap-pages.xml</loc>" in index
    assert "?p=2" not in index  # the demo fits on one page
    assert PagesSitemap.limit == 1000
    assert client.get("/sitemap-pages.xml?p=2").status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


def test_a_page_published_after_a_visit_shows_at_once(client, demo_site):
    home = HomePage.objects.get(locale__language_code="nl")
    assert "/nieuw-hier/" not in client.get("/sitemap-pages.xml").content.decode()
    page = home.add_child(instance=ContentPage(title="Nieuw", slug="nieuw-hier"))
    page.save_revision().publish()
    assert "/nieuw-hier/" in client.get("/sitemap-pages.xml").content.decode()
