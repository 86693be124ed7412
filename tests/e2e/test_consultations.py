"""A young person on a phone finds the open consultation, posts an idea by nickname,
supports someone else's and reports one; a moderator of the municipality hides it
with a reason. axe-core on the index, the consultation page and the moderation
page; screenshots of each."""

import re

import pytest

from tests.e2e.browsing import PHONE, new_context, sign_in

pytestmark = pytest.mark.e2e

MODERATOR = "moderator@voorstad.test"
INDEX_URL = "/raadplegingen/"
OPEN_URL = "/raadplegingen/praat-mee-over-wachttijden/"
MY_TEXT = "Een chat waar je tijdens het wachten met iemand kan praten."
REPORTED_TEXT = "Bij mij ging het snel, binnen 3 weken."


def test_young_person_takes_part_and_moderator_hides(
    browser, live_server_url, axe, screenshot_dir
):
    context = new_context(browser, live_server_url, PHONE, phone=True)
    young = context.new_page()

    # The index: open, upcoming and finished consultations; filter by organisation.
    young.goto(INDEX_URL)
    assert young.locator("#section-open li.consultation-card").count() >= 1
    assert young.locator("#section-upcoming li.consultation-card").count() >= 1
    assert young.locator("#section-past li.consultation-card").count() >= 1
    axe(young, "consultations-index")
    young.screenshot(path=screenshot_dir / "consultations-index.png", full_page=True)
    young.select_option("#id_organisation", "gemeente-voorstad")
    young.locator("#consultation-filters button[type=submit]").click()
    young.wait_for_load_state()
    assert "organisation=gemeente-voorstad" in young.url
    assert "Veilig online" not in young.locator("main").inner_text()  # Noorddorp
    young.locator(f"a[href='{OPEN_URL}']").first.click()
    young.wait_for_load_state()
    assert young.url.endswith(OPEN_URL)

    # The consultation page on a phone.
    assert young.locator("#contribution-form").is_visible()
    axe(young, "consultation-page")
    young.screenshot(path=screenshot_dir / "consultation-page.png", full_page=True)

    # A contribution by nickname, without an account.
    young.select_option("#id_question", index=1)
    young.fill("#id_nickname", "Jade")
    young.fill("#id_text", MY_TEXT)
    young.locator("#contribution-form button[type=submit]").click()
    young.wait_for_load_state()
    mine = young.locator("li.contribution", has_text=MY_TEXT)
    assert mine.count() == 1
    assert "Jade" in mine.inner_text()
    assert mine.locator("button[name=support]").count() == 0  # not your own

    # Support someone else's (a form without JavaScript).
    daan = young.locator("li.contribution", has_text="Een vast iemand")
    before = int(
        re.search(r"\d+", daan.locator(".contribution__support-count").inner_text())[0]
    )
    daan.locator("button[name=support]").click()
    young.wait_for_load_state()
    daan = young.locator("li.contribution", has_text="Een vast iemand")
    after = int(
        re.search(r"\d+", daan.locator(".contribution__support-count").inner_text())[0]
    )
    assert after == before + 1
    assert daan.locator("button[name=support]").count() == 0

    # Report one.
    young.locator("li.contribution", has_text=REPORTED_TEXT).locator(
        "a.contribution__report"
    ).click()
    young.wait_for_load_state()
    young.locator("input[name=reason][value=private]").check()
    young.locator("#report-form button[type=submit]").click()
    young.wait_for_load_state()
    assert young.url.split("#")[0].endswith(OPEN_URL)
    young.screenshot(path=screenshot_dir / "consultation-after-report.png")

    # The moderator of the municipality hides it with a reason.
    moderator_context, moderator = sign_in(browser, live_server_url, MODERATOR)
    moderator.goto("/doe-mee/moderatie/")
    reported = moderator.locator("li.contribution", has_text=REPORTED_TEXT)
    assert reported.count() == 1
    axe(moderator, "moderation")
    moderator.screenshot(path=screenshot_dir / "moderation.png", full_page=True)
    reported.locator("input[name=reason]").fill("Deelt persoonlijke informatie")
    reported.locator("form.hide-form button[type=submit]").click()
    moderator.wait_for_load_state()
    moderator_context.close()

    # The public page shows the reason instead of the text.
    young.goto(OPEN_URL)
    content = young.locator("#contributions").inner_text()
    assert REPORTED_TEXT not in content
    assert "Deelt persoonlijke informatie" in content
    context.close()
