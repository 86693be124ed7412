"""/sitemap.xml lists the live public pages of the site, nothing else."""

from wagtail.models import PageViewRestriction

import pytest

from inspraak.pages.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_live_public_pages(client, demo_site):
    response = client.get("/sitemap.xml")

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

    xml = client.get("/sitemap.xml").content.decode()

    assert "/over/" in xml
    assert "/concept/" not in xml
    assert "/intern/" not in xml
