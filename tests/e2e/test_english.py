"""An English reader in a real Chromium: the language switch keeps the page, a
council's Dutch-only advice opens in the English interface with a notice, and the
links on it keep the reader in English. axe-core checks each page."""

import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

YOUTH = "/adviesraden/jongerenraad-voorstad/"
ADVICE = YOUTH + "sneller-hulp-bij-somberheid/"


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_from_a_dutch_advice_to_english_and_back(page, axe, screenshot_dir):
    page.goto(ADVICE)
    page.locator("nav.language-switch a[hreflang=en]").click()
    page.wait_for_url(re.compile("/en" + ADVICE))
    assert html_lang(page) == "en"
    notice = page.locator("#language-notice")
    assert notice.inner_text().strip() == "This page is only available in Dutch."
    assert page.locator("div.page-content").get_attribute("lang") == "nl"
    axe(page, "advice-fallback-en")
    page.screenshot(path=screenshot_dir / "advice-fallback-en-1280.png", full_page=True)

    # The breadcrumb leads to the English council page, which lists the advice.
    page.locator("nav.breadcrumbs a", has_text="Youth Council Voorstad").click()
    page.wait_for_url(re.compile("/en" + YOUTH + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Youth Council Voorstad"
    assert page.locator("#language-notice").count() == 0
    advice = page.locator(f"a[href='/en{ADVICE}']")
    assert advice.get_attribute("lang") == "nl"
    axe(page, "council-en")
    page.screenshot(path=screenshot_dir / "council-en-1280.png", full_page=True)

    page.locator("nav.language-switch a[hreflang=nl]").click()
    page.wait_for_url(re.compile(YOUTH + "$"))
    assert urlparse(page.url).path == YOUTH
    assert html_lang(page) == "nl"


def test_the_english_consultation_and_tracker(page, axe, screenshot_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/en/raadplegingen/praat-mee-over-wachttijden/")
    assert html_lang(page) == "en"
    assert page.get_by_text("How long did you wait for help?").first.is_visible()
    axe(page, "consultation-en")
    page.screenshot(path=screenshot_dir / "consultation-en-390.png", full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/adviesraden/adviezen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Follow the advice"
    assert page.locator(f"a[href='/en{ADVICE}']").count() == 1
    axe(page, "tracker-en")
    page.screenshot(path=screenshot_dir / "tracker-en-1280.png", full_page=True)
