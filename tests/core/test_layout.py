"""The footer and the language switch are cached (inspraak.core.layout) and follow
every change to a page or the site settings at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from inspraak.pages.models import SiteSettings


def footer(client, path="/"):
    html = client.get(path).content.decode()
    return html[html.index("<footer") : html.index("</footer>")]


@pytest.mark.django_db
def test_a_warm_page_builds_no_footer_or_language_switch(client, demo_site):
    from django.core.cache import cache

    client.get("/raadplegingen/")
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get("/raadplegingen/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/raadplegingen/")
    assert len(cold) - len(warm) >= 5  # settings, statements, homes, translations
    assert not [q for q in warm.captured_queries if "pages_sitesettings" in q["sql"]]


@pytest.mark.django_db
def test_a_changed_email_shows_at_once(client, demo_site):
    assert "contact@inspraak.test" in footer(client)
    site_settings = SiteSettings.objects.get()
    site_settings.email = "nieuw@inspraak.test"
    site_settings.save()
    assert "nieuw@inspraak.test" in footer(client)
    assert "contact@inspraak.test" not in footer(client)


@pytest.mark.django_db
def test_an_unpublished_statement_leaves_the_footer_at_once(client, demo_site):
    from inspraak.pages.models import PrivacyStatementPage

    assert 'href="/privacy/"' in footer(client)
    PrivacyStatementPage.objects.filter(locale__language_code="nl").get().unpublish()
    # Chosen in the settings but no longer live: no link to a page that 404s.
    assert 'href="/privacy/"' not in footer(client)


@pytest.mark.django_db
def test_the_footer_speaks_the_language_of_the_page(client, demo_site):
    assert "Over deze website" in footer(client, "/")
    assert "About this website" in footer(client, "/en/")
    assert "Over deze website" in footer(client, "/")


@pytest.mark.django_db
def test_a_renamed_translation_changes_the_language_switch_at_once(client, demo_site):
    from wagtail.models import Page

    english_home = Page.objects.get(depth=2, locale__language_code="en").specific
    assert 'hreflang="en"' in client.get("/").content.decode()
    english_home.slug = "inspraak-english"
    english_home.save_revision().publish()
    html = client.get("/over/").content.decode()
    assert 'href="/en/' in html  # still the English home or its page
