"""Complaints and objections in a real Chromium on the demo data, with axe-core on
every step: a young person finds the route, files a complaint about a provider as a
guest and follows it; the provider's handler acknowledges and answers; and a parent
files an objection with a missing part, repairs it and sees the deadline."""

import re
import time
from datetime import timedelta

from django.utils import timezone

import pytest

from .browsing import DEMO_PASSWORD, new_context
from .mail import wait_for_link

pytestmark = pytest.mark.e2e

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # printed by seed_demo for demo handlers
YOUNG = "kim.e2e@example.test"
PARENT = "ouder.e2e@example.test"


def new_page(browser, live_server_url):
    context = new_context(browser, live_server_url)
    return context, context.new_page()


def answer(page, value):
    page.check(f"input[name=answer][value={value}]")
    page.locator("button[name=next]").click()
    page.wait_for_load_state()


def submit(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def totp_code() -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))


def test_complaint_about_a_provider_as_a_guest(
    browser, live_server_url, page, axe, screenshot_dir, mail_dir
):
    # The questions, one per screen; Back keeps the answer.
    page.goto("/klachten/")
    assert "0800-2000" in page.locator("main").inner_text()
    axe(page, "complaints-start")
    answer(page, "no")
    axe(page, "complaints-question")
    answer(page, "provider")
    page.locator("button[name=back]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=answer][value=provider]").is_checked()
    answer(page, "provider")
    answer(page, "conduct")
    answer(page, "heard")
    assert "/klachten/uitkomst/" in page.url
    assert "akj" in page.content().lower()  # the confidential adviser on every path
    axe(page, "complaints-result")
    page.screenshot(path=screenshot_dir / "complaints-result.png", full_page=True)
    page.locator("a[href$='/klachten/indienen/provider_complaint/']").click()
    page.wait_for_load_state()

    # Filing as a guest.
    page.select_option("select[name=organisation]", label="Jeugdhulp De Brug")
    page.fill("input[name=name]", "Kim")
    page.fill("input[name=guest_email]", YOUNG)
    page.fill("textarea[name=conduct_description]", "Mijn begeleider praat over mij.")
    page.fill("textarea[name=wish]", "Dat het stopt.")
    axe(page, "complaints-file")
    submit(page)
    assert "/klachten/ingediend/" in page.url
    reference = re.search(r"KL-\d{4}-\d{6}", page.locator("main").inner_text())[0]
    axe(page, "complaints-filed")

    # The link in the mail confirms the address and opens the case.
    page.goto(wait_for_link(mail_dir, YOUNG, "/klachten/bevestigen/"))
    assert reference in page.locator("main").inner_text()
    guest_url = page.url
    axe(page, "complaints-guest-case")

    # The provider's handler signs in with two-step verification.
    handler_context, handler = new_page(browser, live_server_url)
    handler.goto("/accounts/login/")
    handler.fill("input[name=login]", "klachten@debrug.test")
    handler.fill("input[name=password]", DEMO_PASSWORD)
    submit(handler)
    assert "/accounts/2fa/authenticate/" in handler.url
    handler.fill("input[name=code]", totp_code())
    handler.locator("main form button[type=submit]").first.click()  # not "Cancel"
    handler.wait_for_load_state()
    assert "/accounts/" not in handler.url, handler.url
    handler.goto("/klachten/behandelen/")
    axe(handler, "complaints-queue")
    handler.screenshot(path=screenshot_dir / "complaints-queue.png", full_page=True)
    handler.locator("main a", has_text=reference).first.click()
    handler.wait_for_load_state()
    axe(handler, "complaints-handle")
    handler.locator("form[action$='/acknowledge/'] button").click()
    handler.wait_for_load_state()
    handler.locator("form[action$='/message/'] textarea").fill(
        "Dank je. We bellen je deze week."
    )
    handler.locator("form[action$='/message/'] button").click()
    handler.wait_for_load_state()
    handler.screenshot(path=screenshot_dir / "complaints-handle.png", full_page=True)
    handler_context.close()

    # The young person sees the reply.
    page.goto(guest_url)
    assert "We bellen je deze week." in page.locator("main").inner_text()
    page.screenshot(path=screenshot_dir / "complaints-guest-case.png", full_page=True)


def test_objection_with_a_missing_part(page, axe, screenshot_dir, mail_dir):
    received = timezone.localdate() - timedelta(days=5)
    page.goto("/klachten/indienen/objection/")
    page.select_option("select[name=organisation]", label="Gemeente Voorstad")
    page.check("input[name=filed_as][value=parent]")
    page.fill("input[name=on_behalf_of]", "Lisa (13)")
    page.fill("input[name=name]", "M. de Boer")
    page.fill("input[name=guest_email]", PARENT)
    page.fill("textarea[name=address]", "Kerkstraat 12, Voorstad")
    page.fill("textarea[name=decision_description]", "Geen vervoer naar de hulp.")
    page.fill("input[name=decision_date]", f"{received - timedelta(days=2):%Y-%m-%d}")
    page.fill("input[name=decision_made_known_on]", f"{received:%Y-%m-%d}")
    # The grounds are left out: the objection is saved and asks for them.
    submit(page)
    assert "/klachten/ingediend/" in page.url
    axe(page, "objection-filed")

    page.goto(wait_for_link(mail_dir, PARENT, "/klachten/bevestigen/"))
    case_url = page.url
    repair = page.get_by_label("Waarom ben je het er niet mee eens?")
    assert repair.is_visible()
    axe(page, "objection-repair")
    repair.fill("Lisa kan zonder vervoer niet naar de hulp.")
    repair.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(case_url)
    assert page.get_by_label("Waarom ben je het er niet mee eens?").count() == 0
    main = page.locator("main").inner_text()
    assert "Awb 7:10" in main
    axe(page, "objection-case")
    page.screenshot(path=screenshot_dir / "objection-case.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 321
