"""A visitor's journey through Inspraak in a real Chromium, with axe-core checks.

Runs against a daphne subprocess with the demo content (see conftest.py); no
test database is involved. Screenshots land in tests/e2e/screenshots/.
"""

import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

DEMO_EMAIL = "jongere@inspraak.test"
DEMO_PASSWORD = "inspraak-demo"
DEMO_NAME = "Daan (17)"


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_home_page_in_dutch(page, axe, screenshot_dir):
    page.goto("/")
    assert html_lang(page) == "nl"
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Inspraak"
    skip_link = page.locator("a.skip-link")
    assert skip_link.get_attribute("href") == "#main"
    assert skip_link.inner_text().strip() in {"Naar de inhoud", "Skip to content"}
    assert page.locator("main#main").count() == 1
    assert page.locator("nav.language-switch a[hreflang=en]").count() == 1
    axe(page, "home-nl")
    page.screenshot(path=screenshot_dir / "home-nl-1280.png", full_page=True)

    page.set_viewport_size({"width": 320, "height": 640})
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=screenshot_dir / "home-nl-320.png", full_page=True)
    assert scroll_width <= 320 + 1, (
        f"horizontal scroll at 320 px: {scroll_width} px wide"
    )


def test_first_tab_reaches_skip_link(page, screenshot_dir):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => document.activeElement && document.activeElement.matches('a.skip-link')"
    )
    assert focused, "the first Tab should focus the skip link (a.skip-link)"
    assert page.locator("a.skip-link").is_visible()
    page.screenshot(path=screenshot_dir / "home-nl-skip-link-focused.png")


def test_language_switch_to_english(page, axe, screenshot_dir):
    page.goto("/")
    page.locator("nav.language-switch a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/"))
    assert urlparse(page.url).path.startswith("/en/")
    assert html_lang(page) == "en"
    assert (
        page.locator("nav.language-switch [aria-current]").get_attribute("lang") == "en"
    )
    page.screenshot(path=screenshot_dir / "home-en-1280.png", full_page=True)
    axe(page, "home-en")


def test_sign_in(page, axe, screenshot_dir):
    page.goto("/en/accounts/login/")
    assert html_lang(page) == "en"
    axe(page, "login-en")
    page.screenshot(path=screenshot_dir / "login-en-1280.png", full_page=True)

    page.locator("input[name=login]").fill(DEMO_EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    sign_out = page.locator(".account-nav form button")
    sign_out.wait_for(state="visible")
    assert page.locator(".account-nav").get_by_text(DEMO_NAME, exact=True).is_visible()
    # People land on their start page, in the language they signed in with.
    assert urlparse(page.url).path == "/en/start/"
    assert page.get_by_role("heading", name="Your complaints and objections").count()
    axe(page, "start-en")
    page.screenshot(path=screenshot_dir / "signed-in-1280.png", full_page=True)

    page.goto("/en/accounts/profile/")
    assert urlparse(page.url).path == "/en/accounts/profile/"
    assert page.locator(".account-nav form button").is_visible()
    axe(page, "profile-en")
    page.screenshot(path=screenshot_dir / "profile-en-1280.png", full_page=True)


def test_search_and_content_page(page, axe, screenshot_dir):
    page.goto("/zoeken/?q=privacy")
    assert html_lang(page) == "nl"
    assert page.locator("input[name=q]").input_value() == "privacy"
    # The Dutch page is titled "Privacyverklaring": whole-word search finds
    # no "privacy" in it, so only the results heading is certain here.
    assert page.locator("h2.results-count").is_visible()
    axe(page, "search-nl")
    page.screenshot(path=screenshot_dir / "search-privacy-nl-1280.png", full_page=True)

    page.goto("/en/zoeken/?q=privacy")
    assert page.locator(".search-results a[href='/en/privacy/']").count() == 1

    page.goto("/privacy/")
    assert html_lang(page) == "nl"
    assert page.get_by_role("heading", level=1).count() == 1
    axe(page, "privacy-nl")
    page.screenshot(path=screenshot_dir / "privacy-nl-1280.png", full_page=True)


@pytest.mark.parametrize(
    ("path", "name"),
    [("/toegankelijkheid/", "accessibility-nl"), ("/privacy/", "privacy-nl")],
)
def test_statement_pages(page, axe, screenshot_dir, path, name):
    page.goto(path)
    assert html_lang(page) == "nl"
    assert page.get_by_role("heading", level=1).count() == 1
    summary = page.get_by_role("region", name="In het kort")
    assert summary.is_visible()
    # The summary is the first thing under the title.
    first_after_title = page.locator("main h1 + *")
    assert first_after_title.get_attribute("class") == "summary"
    footer_link = page.locator(f"footer a[href='{path}']")
    assert footer_link.count() == 1
    axe(page, name)
    page.screenshot(path=screenshot_dir / f"{name}-1280.png", full_page=True)

    page.set_viewport_size({"width": 320, "height": 640})
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=screenshot_dir / f"{name}-320.png", full_page=True)
    assert scroll_width <= 320 + 1, (
        f"horizontal scroll at 320 px: {scroll_width} px wide"
    )
