"""The editorial pages render in Dutch (no prefix) and English (/en/)."""

import pytest

from inspraak.pages.models import ContentPage

pytestmark = pytest.mark.django_db


def test_home_page_in_dutch(client, demo_site):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Jouw stem in de jeugdzorg" in html
    assert "Naar de inhoud" in html  # skip link, translated
    assert 'href="/en/"' in html  # language switch to the English home


def test_home_page_in_english(client, demo_site):
    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Your voice in youth care" in html
    assert "Skip to content" in html


def test_content_page_links_to_its_translation(client, demo_site):
    dutch = client.get("/privacy/").content.decode()
    english = client.get("/en/privacy/").content.decode()

    assert "Privacyverklaring" in dutch
    assert 'hreflang="en"' in dutch and 'href="/en/privacy/"' in dutch
    assert "Privacy statement" in english
    assert 'href="/privacy/"' in english


def test_footer_links_to_statements_in_the_active_language(client, demo_site):
    english = client.get("/en/").content.decode()

    assert 'href="/en/toegankelijkheid/"' in english
    assert "Accessibility statement" in english
    assert "0800-2000" in english  # Veilig Thuis on every page


def test_search_finds_pages_of_the_active_language(client, demo_site):
    def results(response):
        html = response.content.decode()
        return html[html.index('class="search-results"') : html.index("</ol>")]

    dutch = results(client.get("/zoeken/", {"q": "privacyverklaring"}))
    english = results(client.get("/en/zoeken/", {"q": "privacy"}))

    assert "Privacyverklaring" in dutch and "Privacy statement" not in dutch
    assert "Privacy statement" in english and "Privacyverklaring" not in english


def test_dutch_search_finds_joined_words(client, demo_site):
    html = client.get("/zoeken/", {"q": "privacy"}).content.decode()
    results = html[html.index('class="search-results"') : html.index("</ol>")]
    assert "Privacyverklaring" in results


def test_content_page_shows_when_it_was_last_changed(client, demo_site):
    assert "Laatst gewijzigd" in client.get("/privacy/").content.decode()


def test_search_without_results_says_so(client, demo_site):
    response = client.get("/en/zoeken/", {"q": "xyzzyqq"})
    assert "Nothing found" in response.content.decode()


def test_search_page_number_out_of_range_shows_last_page(client, demo_site):
    response = client.get("/zoeken/", {"q": "privacy", "page": "999"})
    assert response.status_code == 200


def test_unknown_page_is_404(client, demo_site):
    assert client.get("/bestaat-niet/").status_code == 404


def test_content_page_body_blocks_render(client, demo_site):
    page = ContentPage.objects.get(slug="over", locale__language_code="nl")
    page.body = [
        ("heading", {"text": "Wat we doen", "level": "h2"}),
        ("paragraph", "<p>We luisteren naar jongeren.</p>"),
        ("callout", {"kind": "help", "title": "Hulp", "text": "<p>Bel ons.</p>"}),
        ("faq", {"question": "Kost het geld?", "answer": "<p>Nee.</p>"}),
    ]
    page.save_revision().publish()

    html = client.get("/over/").content.decode()
    assert "<h2>Wat we doen</h2>" in html
    assert "We luisteren naar jongeren." in html
    assert "callout--help" in html
    assert "<summary>Kost het geld?</summary>" in html


def test_content_security_policy_header(client, demo_site):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
