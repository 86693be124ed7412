"""Pages in two languages (inspraak.pages.translation) on a small tree: a Dutch page
without an English translation answers under /en/ with the Dutch content and a
notice, refuses exactly what Dutch serving refuses, and every link and the language
switch keep the reader in their language."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction, Site

import pytest

from inspraak.pages.models import ContentPage, HomePage
from inspraak.pages.translation import language_links, localize, localized_url

pytestmark = pytest.mark.django_db

NOTICE = "This page is only available in Dutch."


def _publish(parent, **fields):
    page = parent.add_child(instance=ContentPage(**fields))
    page.save_revision().publish()
    return page


@pytest.fixture
def tree():
    """nl: /  /over/  /over/team/  /over/team/lisa/; en: /en/ and /en/over/ only."""
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Thuis", slug="thuis"))
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    about = _publish(home, title="Over ons", slug="over", summary="Wie we zijn.")
    team = _publish(about, title="Het team", slug="team", summary="Wie hier werkt.")
    lisa = _publish(team, title="Lisa", slug="lisa", summary="Lisa werkt hier.")
    home_en = home.copy_for_translation(en).specific
    home_en.title = "Home"
    home_en.save_revision().publish()
    about_en = about.copy_for_translation(en).specific
    about_en.title = "About us"
    about_en.save_revision().publish()
    return {"home": home, "about": about, "team": team, "lisa": lisa, "en": en}


def test_a_dutch_only_page_answers_under_en_with_a_notice(client, tree):
    response = client.get("/en/over/team/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].pk == tree["team"].pk
    assert '<html lang="en">' in html  # the interface stays English
    assert NOTICE in html
    assert '<div class="page-content" lang="nl">' in html
    assert "Het team" in html
    assert "Skip to content" in html
    # Its content is the Dutch page's: search engines get that one.
    assert '<link rel="canonical" href="http://localhost/over/team/">' in html


def test_deeper_dutch_only_pages_answer_too(client, tree):
    assert client.get("/en/over/team/lisa/").status_code == 200
    assert client.get("/en/over/team/niemand/").status_code == 404
    assert client.get("/en/nergens/").status_code == 404


def test_a_translated_page_has_no_notice(client, tree):
    html = client.get("/en/over/").content.decode()
    assert "About us" in html
    assert NOTICE not in html
    assert '<div class="page-content">' in html
    assert '<link rel="alternate" hreflang="nl" href="http://localhost/over/">' in html
    assert (
        '<link rel="alternate" hreflang="en" href="http://localhost/en/over/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://localhost/over/">'
        in (html)
    )
    assert '<link rel="canonical" href="http://localhost/en/over/">' in html


def test_the_dutch_page_itself_has_no_notice(client, tree):
    html = client.get("/over/team/").content.decode()
    assert "Deze pagina is alleen" not in html and NOTICE not in html
    assert '<div class="page-content">' in html


def test_a_draft_stays_404_in_both_languages(client, tree):
    tree["lisa"].unpublish()
    assert client.get("/over/team/lisa/").status_code == 404
    assert client.get("/en/over/team/lisa/").status_code == 404


def test_a_draft_translation_falls_back_to_the_live_dutch_page(client, tree):
    team_en = tree["team"].copy_for_translation(tree["en"])  # a draft
    assert not team_en.live
    response = client.get("/en/over/team/")
    assert response.status_code == 200
    assert response.context["page"].pk == tree["team"].pk


@pytest.mark.parametrize("restricted", ["team", "lisa"])
def test_a_view_restriction_holds_under_en(client, tree, restricted):
    PageViewRestriction.objects.create(
        page=tree[restricted], restriction_type=PageViewRestriction.LOGIN
    )
    dutch = client.get("/over/team/lisa/")
    english = client.get("/en/over/team/lisa/")
    assert dutch.status_code == english.status_code == 302
    assert "login" in english["Location"]
    assert b"Lisa werkt hier" not in english.content


def test_a_password_restriction_holds_under_en(client, tree):
    PageViewRestriction.objects.create(
        page=tree["team"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    response = client.get("/en/over/team/")
    assert response.status_code == 200  # the password form, not the page
    assert b"Wie hier werkt" not in response.content
    assert b'name="password"' in response.content


def test_lists_link_to_the_page_in_the_readers_language(tree):
    pages = [tree["about"], tree["team"], tree["lisa"]]
    with translation.override("en"):
        links = [(page.shown.title, page.shown_url) for page in localize(pages)]
    assert links == [
        ("About us", "/en/over/"),
        ("Het team", "/en/over/team/"),
        ("Lisa", "/en/over/team/lisa/"),
    ]
    with translation.override("nl"):
        links = [page.shown_url for page in localize(pages)]
    assert links == ["/over/", "/over/team/", "/over/team/lisa/"]


def test_a_list_costs_the_same_queries_however_long(tree):
    for n in range(5):
        _publish(tree["team"], title=f"Lid {n}", slug=f"lid-{n}")
    short = list(ContentPage.objects.filter(slug__startswith="lid-")[:1])
    long = list(ContentPage.objects.filter(slug__startswith="lid-"))
    with translation.override("en"):
        localize(short)  # warm the cached locales
        with CaptureQueriesContext(connection) as one:
            localize(short)
        with CaptureQueriesContext(connection) as five:
            localize(long)
    assert len(one) == len(five) <= 5


def test_the_language_switch_keeps_the_page(client, tree):
    assert language_links(tree["team"]) == {"nl": "/over/team/", "en": "/en/over/team/"}
    assert language_links(tree["about"]) == {"nl": "/over/", "en": "/en/over/"}
    about_en = tree["about"].get_translation(tree["en"])
    assert language_links(about_en) == {"nl": "/over/", "en": "/en/over/"}
    # On the page itself, in both directions.
    assert (
        'href="/en/over/team/lisa/" lang="en"'
        in client.get("/over/team/lisa/").content.decode()
    )
    assert (
        'href="/over/team/lisa/" lang="nl"'
        in client.get("/en/over/team/lisa/").content.decode()
    )


def test_an_english_only_page_switches_to_the_dutch_home(tree):
    about_en = tree["about"].get_translation(tree["en"])
    extra = about_en.add_child(instance=ContentPage(title="Only English", slug="extra"))
    extra.save_revision().publish()
    assert language_links(extra) == {"nl": "/", "en": "/en/over/extra/"}


def test_breadcrumbs_stay_in_the_readers_language(client, tree):
    html = client.get("/en/over/team/lisa/").content.decode()
    crumbs = html[
        html.index('class="breadcrumbs') : html.index(
            "</nav>", html.index('class="breadcrumbs')
        )
    ]
    assert 'href="/en/">Home</a>' in crumbs
    assert 'href="/en/over/">About us</a>' in crumbs
    assert 'href="/en/over/team/" lang="nl">Het team</a>' in crumbs


def test_localized_url_of_one_page(tree):
    with translation.override("en"):
        assert localized_url(tree["lisa"]) == "/en/over/team/lisa/"
    with translation.override("nl"):
        assert localized_url(tree["lisa"]) == "/over/team/lisa/"


def test_the_sitemap_lists_both_languages_with_alternates(client, tree):
    xml = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://localhost/en/over/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://localhost/en/over/"/>'
        in xml
    )
    # The English address of a Dutch-only page is not a page of its own.
    assert "http://localhost/en/over/team/" not in xml
    assert "<loc>http://localhost/over/team/</loc>" in xml
