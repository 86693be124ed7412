"""The way in, on a 360 x 740 phone, by clicking only: from the home page through every
door, and through the sign-in to the start page of every demo role, in Dutch and in
English (issue "A way in for everyone").

One browser window per language and role; the only address typed is the home page.
"""

import re
import time

import pytest

from inspraak.core.demo.people import ACCOUNTS
from tests.e2e.browsing import DEMO_PASSWORD, new_context
from tests.e2e.test_complaints import totp_code

pytestmark = pytest.mark.e2e

PHONE_360 = {"width": 360, "height": 740}
LANGUAGES = {
    # language: (the start page's heading, the header's sign-in link)
    "nl": ("Mijn startpagina", "Inloggen"),
    "en": ("My start page", "Sign in"),
}


def _open_home(browser, base_url, language):
    """A phone window on the home page in `language`, reached by clicking the switch."""
    context = new_context(browser, base_url, PHONE_360, phone=True)
    page = context.new_page()
    page.goto("/")
    if language != "nl":
        page.locator(f"nav.language-switch a[hreflang={language}]").click()
        page.wait_for_url(re.compile(rf"/{language}/$"))
    assert page.locator("html").get_attribute("lang") == language
    return context, page


def _go_home(page):
    """Back to the home page through the header's site name (a click, not an address)."""
    page.locator("header a[rel=home], header .site-header__brand").first.click()
    page.wait_for_load_state()


def _second_step(page):
    """Case handlers confirm with their authenticator app's code (a code is used once:
    when it was used already, the next one comes within 30 seconds)."""
    for _attempt in range(3):
        if "/2fa/authenticate/" not in page.url:
            return
        page.locator("input[name=code]").fill(totp_code())
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()  # not Cancel
        if "/2fa/authenticate/" in page.url:
            time.sleep(31 - time.time() % 30)
    assert "/2fa/authenticate/" not in page.url, page.url


def _fits(page, what):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_360["width"] + 1, f"{what}: {width} px wide at 360 px"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_door_by_clicking(
    browser, live_server_url, axe, screenshot_dir, language
):
    context, page = _open_home(browser, live_server_url, language)
    try:
        doors = page.locator("a.door")
        titles = [t.strip() for t in doors.locator(".door__title").all_inner_texts()]
        assert len(titles) == 5, titles
        axe(page, f"home-phone-{language}")
        _fits(page, f"home ({language})")
        page.screenshot(path=screenshot_dir / f"way-in-home-{language}-360.png")
        for index, title in enumerate(titles):
            with page.expect_navigation() as navigation:
                page.locator("a.door").nth(index).click()
            response = navigation.value
            assert response is not None and response.status == 200, (title, page.url)
            assert page.locator("html").get_attribute("lang") == language, page.url
            assert page.get_by_role("heading", level=1).first.is_visible(), page.url
            if language == "en":
                assert page.url.startswith(f"{live_server_url}/en/"), page.url
            _fits(page, f"door {title!r} ({language})")
            page.screenshot(
                path=screenshot_dir / f"way-in-door-{index + 1}-{language}-360.png"
            )
            _go_home(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_role_reaches_its_start_page(
    browser, live_server_url, axe, screenshot_dir, language
):
    start_heading, sign_in_label = LANGUAGES[language]
    for number, (email, _name, purpose, _memberships) in enumerate(ACCOUNTS):
        context, page = _open_home(browser, live_server_url, language)
        try:
            page.locator("nav.account-nav").get_by_role(
                "link", name=sign_in_label, exact=True
            ).click()
            page.locator("input[name=login]").fill(email)
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()
            _second_step(page)
            heading = page.get_by_role("heading", level=1).first
            assert heading.inner_text().strip() == start_heading, (email, page.url)
            assert page.locator("html").get_attribute("lang") == language, email
            # What waits, or the ways in when nothing does: never an empty page.
            assert page.locator(".start-section").count() >= 1, email
            _fits(page, f"start page of {email} ({language})")
            if number in (1, 3, 8, 13):  # policy, handler, moderator, expert
                axe(page, f"start-{email.split('@')[0]}-{language}")
                page.screenshot(
                    path=screenshot_dir
                    / f"way-in-start-{email.split('@')[0]}-{language}-360.png",
                    full_page=True,
                )
            # The header's link leads back to the same page.
            assert page.locator("nav.account-nav a[aria-current=page]").count() == 1, (
                purpose
            )
        finally:
            context.close()
