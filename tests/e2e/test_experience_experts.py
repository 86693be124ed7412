"""A municipality posts an assignment for a procurement round, an expert applies,
the municipality books, the expert signs the declaration and confirms, logs hours,
the municipality approves, and the statement shows the allowance verdict: in a real
Chromium on the demo data, with axe-core on each page."""

import datetime
import re

import pytest

from tests.e2e import browsing

pytestmark = pytest.mark.e2e

STAFF = "beleid@voorstad.test"
EXPERT = "ervaringsdeskundige@inspraak.test"
TITLE = "Meekijken met het open house jeugd-GGZ"
BASE = "/ervaringsdeskundigen"


def sign_in(browser, live_server_url, email):
    return browsing.sign_in(browser, live_server_url, email, viewport=browsing.PHONE)


def check(page, axe, screenshot_dir, name):
    axe(page, name)
    page.screenshot(path=screenshot_dir / f"experts-{name}.png", full_page=True)


def shows_amount(text: str, amount: str) -> bool:
    """`amount` ("2044.00") in `text`, written the Dutch way ("2.044,00") or not."""
    euros, cents = amount.split(".")
    pattern = r"€\s*" + r"\.?".join(re.findall(r"\d{1,3}(?=(?:\d{3})*$)", euros))
    return re.search(pattern + r"[.,]" + cents + r"\b", text) is not None


def submit(page, form_selector):
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_load_state()


def test_from_assignment_to_payment_statement(
    browser, live_server_url, axe, screenshot_dir
):
    today = datetime.date.today()

    # The municipality posts an assignment for its open-house round.
    staff_context, staff = sign_in(browser, live_server_url, STAFF)
    staff.goto(f"{BASE}/opdrachten/nieuw/")
    check(staff, axe, screenshot_dir, "assignment-form")
    staff.select_option(
        "#id_procurement_round", label="Open house jeugd-GGZ 2027 (VS-2027-OH)"
    )
    staff.fill("#id_title", TITLE)
    staff.fill(
        "#id_description",
        "Je kijkt mee of aanbieders aan de minimumeisen voldoen. We rangschikken niet.",
    )
    staff.check("input[name=themes][value=mental_health]")
    staff.check("input[name=work_kinds][value=procurement_panel]")
    staff.fill("#id_experts_needed", "1")
    staff.select_option("#id_fee_type", "hourly")
    staff.fill("#id_fee_amount", "5.50")
    staff.fill("#id_application_deadline", (today + datetime.timedelta(7)).isoformat())
    staff.locator("input[name=criteria]").first.check()
    staff.fill("#id_sessions-0-date", today.isoformat())
    staff.fill("#id_sessions-0-starts_at", "09:00")
    staff.fill("#id_sessions-0-ends_at", "11:00")
    staff.fill("#id_sessions-0-place", "Stadhuis Voorstad")
    submit(staff, "main form.form")
    assert staff.get_by_role("heading", level=1).inner_text() == TITLE
    assignment_url = staff.url
    staff.locator("button[name=state][value=open]").click()
    staff.wait_for_load_state()
    check(staff, axe, screenshot_dir, "assignment-organiser")

    # The expert finds it among the open assignments and applies.
    expert_context, expert = sign_in(browser, live_server_url, EXPERT)
    expert.goto(f"{BASE}/opdrachten/")
    check(expert, axe, screenshot_dir, "assignments")
    expert.get_by_role("link", name=TITLE).click()
    expert.wait_for_load_state()
    expert.fill(
        "#id_motivation", "Ik wachtte zelf lang op jeugd-GGZ en kijk graag mee."
    )
    submit(expert, "#apply-form")
    check(expert, axe, screenshot_dir, "assignment-applied")

    # The municipality books the applicant.
    staff.goto(assignment_url)
    submit(staff, "#applicants form")
    booking_url = staff.url
    assert re.search(r"/boekingen/\d+/$", booking_url)
    check(staff, axe, screenshot_dir, "booking-organiser")

    # The expert signs the declaration for the round, then confirms.
    expert.goto(booking_url)
    assert expert.locator("form[action$='/bevestigen/'] button").is_disabled()
    expert.locator("a[href*='/verklaring/']").click()
    expert.wait_for_load_state()
    check(expert, axe, screenshot_dir, "declaration")
    expert.check("#id_confidentiality")
    expert.check("#id_no_other_interests")
    expert.fill("#id_signed_name", "Sam Demo")
    submit(expert, "#declaration-form")
    assert expert.url.endswith(booking_url.split(live_server_url)[-1])
    submit(expert, "form[action$='/bevestigen/']")
    assert expert.locator("#booking-status").inner_text() in ("Confirmed", "Bevestigd")

    # After the session the expert logs hours and travel.
    expert.select_option("#id_session", index=1)
    expert.fill("#id_hours", "2")
    expert.fill("#id_travel_costs", "3.40")
    submit(expert, "#log-form")
    assert shows_amount(expert.locator("#work-logs").inner_text(), "11.00")
    check(expert, axe, screenshot_dir, "booking-expert")

    # The municipality approves.
    staff.goto(booking_url)
    submit(staff, "form[action*='/goedkeuren/']")
    assert staff.locator("form[action*='/goedkeuren/']").count() == 0

    # The statement shows the verdict: 2026 has no known limits, so no claim.
    expert.goto(booking_url + "overzicht/")
    assert expert.locator("[data-verdict=missing]").count() == 1
    assert shows_amount(expert.locator("#statement-totals").inner_text(), "14.40")
    check(expert, axe, screenshot_dir, "statement-booking")

    # The year with known limits: tax-free, close to the yearly limit.
    expert.goto(f"{BASE}/overzicht/2025/")
    verdict = expert.locator("#verdict")
    assert verdict.locator("[data-verdict=tax-free]").count() == 1
    assert shows_amount(verdict.inner_text(), "2044.00")
    check(expert, axe, screenshot_dir, "statement-2025")

    staff_context.close()
    expert_context.close()
