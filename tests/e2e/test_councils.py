"""A council member drafts advice, the chair adopts and publishes it, the
municipality answers, and the public tracker shows it answered: in a real Chromium
on the demo data, with axe-core on the council page, the advice page and the
tracker."""

import re

import pytest

from tests.e2e.browsing import sign_in

pytestmark = pytest.mark.e2e

MEMBER = "raadslid@jongerenraad.test"
CHAIR = "voorzitter@jongerenraad.test"
STAFF = "beleid@voorstad.test"
TITLE = "Gratis sporten voor jongeren in de jeugdhulp"
COUNCIL_URL = "/adviesraden/jongerenraad-voorstad/"
TRACKER_URL = "/adviesraden/adviezen/"


def test_advice_from_draft_to_answer(
    browser, live_server_url, page, axe, screenshot_dir
):
    # The public council page, before anything happens.
    page.goto(COUNCIL_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Jongerenraad Voorstad"
    # Members who chose so, by first name (councils/terms.py); Noor did not.
    members = page.locator("section[aria-labelledby=members-heading]").inner_text()
    assert "Amira · Voorzitter" in members
    assert "Noor" not in members
    axe(page, "council-page")
    page.screenshot(path=screenshot_dir / "council-page.png", full_page=True)
    feed = page.locator("link[type='application/rss+xml']").first.get_attribute("href")
    council_id = re.search(r"/feeds/(\d+)/", feed).group(1)

    # A member drafts advice in the editor and submits it for adoption.
    member_context, member = sign_in(browser, live_server_url, MEMBER)
    member.goto(f"/admin/pages/add/councils/advicepage/{council_id}/")
    member.fill("#id_title", TITLE)
    member.fill("#id_summary", "Laat jongeren in de jeugdhulp gratis sporten.")
    member.locator("button.c-sf-add-button").first.click()
    member.get_by_role("option", name="Tekst").click()
    editor = member.locator(".Draftail-Editor [contenteditable=true]").first
    editor.wait_for()
    editor.click()
    member.keyboard.type("Sporten helpt tegen somberheid en eenzaamheid.")
    assert "Sporten helpt" in editor.inner_text()
    # Draftail writes the text into the form a moment after typing stops.
    member.wait_for_timeout(800)
    member.get_by_role("button", name="Meer acties").click()
    member.locator("button[name=action-submit]").click()
    member.wait_for_load_state()
    assert "ingediend" in member.locator("body").inner_text()
    edit_link = member.locator("a[href*='/edit/']", has_text="Wijzig").first
    advice_id = re.search(r"/pages/(\d+)/edit/", edit_link.get_attribute("href"))[1]
    # A plain member cannot adopt: no adoption button for them.
    member.goto(f"/admin/pages/{advice_id}/edit/")
    assert member.locator("[data-workflow-action-name=approve]").count() == 0
    member_context.close()

    # Not public yet.
    page.goto(TRACKER_URL)
    assert TITLE not in page.content()

    # The chair adopts it, which publishes it and sends it to the municipality.
    chair_context, chair = sign_in(browser, live_server_url, CHAIR)
    chair.goto(f"/admin/pages/{advice_id}/edit/")
    chair.get_by_role("button", name="Meer acties").click()
    with chair.expect_navigation():
        chair.locator(
            "button[data-workflow-action-name=approve]"
            ":not([data-workflow-action-modal-url])"
        ).click()
    chair.screenshot(path=screenshot_dir / "advice-adopted-admin.png")
    assert chair.url.endswith(f"/admin/pages/{council_id}/")  # back in the explorer
    chair_context.close()

    page.goto(COUNCIL_URL)
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_load_state()
    advice_url = page.url
    assert "Wacht op antwoord" in page.locator("main").inner_text()
    axe(page, "advice-page")
    page.screenshot(path=screenshot_dir / "advice-page-awaiting.png", full_page=True)

    # The municipality's policy officer records the answer on the public site.
    staff_context, staff = sign_in(browser, live_server_url, STAFF)
    staff.goto(advice_url)
    staff.get_by_role("link", name="Het antwoord invoeren").click()
    staff.wait_for_load_state()
    axe(staff, "answer-form")
    staff.check("input[name=verdict][value=partly]")
    staff.fill("textarea[name=summary]", "We regelen gratis sporten bij drie clubs.")
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_load_state()
    # Partly adopted needs reasons: the form says so and keeps what was typed.
    assert staff.locator("#id_reasons_error").is_visible()
    assert staff.input_value("textarea[name=summary]").startswith("We regelen")
    staff.fill(
        "textarea[name=reasons]", "Meer clubs past niet in het budget van dit jaar."
    )
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_load_state()
    assert "Deels overgenomen" in staff.locator("main").inner_text()
    staff_context.close()

    # The public tracker shows it answered.
    page.goto(TRACKER_URL)
    row = page.locator("main li, main tr").filter(has_text=TITLE).first
    assert "Beantwoord" in row.inner_text()
    axe(page, "advice-tracker")
    page.screenshot(path=screenshot_dir / "advice-tracker.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 321
    page.screenshot(path=screenshot_dir / "advice-tracker-320.png", full_page=True)
