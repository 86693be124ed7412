"""A council as a living body, in a real Chromium on the demo data: a 15-year-old
goes from the home page to the council's page, finds the vacancy there and applies, the chair accepts her, her
parent consents, and she appears on the public page with her term; the chair plans
a meeting and she adds it to her calendar; the municipality reports progress on a
promise and the tracker shows it; the yearly account renders as a page and as a
PDF. axe-core runs on every new page and must find nothing at all there."""

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from tests.e2e.browsing import PHONE, new_context, sign_in
from tests.e2e.mail import wait_for_link

pytestmark = pytest.mark.e2e

CHAIR = "voorzitter@jongerenraad.test"
STAFF = "beleid@voorstad.test"  # answers advice for Gemeente Voorstad
COUNCIL_URL = "/adviesraden/jongerenraad-voorstad/"
TRACKER_URL = "/adviesraden/adviezen/"
ADVICE_URL = COUNCIL_URL + "jongeren-praten-mee-over-inkoop/"
LOTTE = "lotte.e2e@example.test"
PARENT = "ouder.lotte.e2e@example.test"
MEETING = "Vergadering over vervoer"


def no_violations(axe, page, name):
    """New pages: not one axe finding, whatever its impact."""
    violations = axe(page, name)
    assert violations == [], [v["id"] for v in violations]


def test_a_young_person_joins_and_the_council_works(
    browser, live_server_url, axe, screenshot_dir, mail_dir
):
    today = date.today()
    # Fifteen and a half: under 16, so her parent consents first.
    born = today - timedelta(days=int(15.5 * 365.25))

    # Lotte, on her phone, goes from the home page to the council's page and finds
    # the vacancy there.
    lotte_context = new_context(browser, live_server_url, PHONE)
    lotte = lotte_context.new_page()
    lotte.goto("/")
    no_violations(axe, lotte, "home-doors")
    lotte.screenshot(path=screenshot_dir / "home-doors.png", full_page=True)
    lotte.locator("a.door", has_text="Adviesraden").click()
    lotte.wait_for_load_state()
    lotte.get_by_role("link", name="Jongerenraad Voorstad").first.click()
    lotte.wait_for_load_state()
    assert lotte.url.endswith(COUNCIL_URL)
    lotte.locator("#join-heading").scroll_into_view_if_needed()
    lotte.get_by_role("link", name="Word lid van de jongerenraad").click()
    lotte.wait_for_load_state()
    assert lotte.get_by_role("heading", level=1).inner_text() == (
        "Word lid van de jongerenraad"
    )
    no_violations(axe, lotte, "council-vacancy")
    lotte.screenshot(path=screenshot_dir / "council-vacancy.png", full_page=True)

    # She forgets her parent's address: a clear message, and nothing typed is lost.
    lotte.fill("input[name=first_name]", "Lotte")
    lotte.fill("input[name=email]", LOTTE)
    lotte.fill("input[name=date_of_birth]", born.isoformat())
    lotte.fill("textarea[name=motivation]", "Ik wil dat jongeren sneller hulp krijgen.")
    lotte.check("input[name=show_publicly]")
    lotte.locator("main form button[type=submit]").click()
    lotte.wait_for_load_state()
    assert lotte.locator("#id_parent_email_error").is_visible()
    assert lotte.input_value("input[name=first_name]") == "Lotte"
    assert "sneller hulp" in lotte.input_value("textarea[name=motivation]")
    no_violations(axe, lotte, "council-vacancy-error")
    lotte.fill("input[name=parent_email]", PARENT)
    lotte.locator("main form button[type=submit]").click()
    lotte.wait_for_load_state()
    assert lotte.locator("main [role=status]").is_visible()
    lotte.screenshot(path=screenshot_dir / "council-applied.png", full_page=True)

    # The chair finds the application from the council's page and accepts her.
    chair_context, chair = sign_in(browser, live_server_url, CHAIR)
    chair.goto(COUNCIL_URL)
    chair.locator("a[href$='/aanmeldingen/']").first.click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-applications")
    chair.get_by_role("link", name=re.compile("Lotte")).first.click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-application")
    chair.screenshot(path=screenshot_dir / "council-application.png", full_page=True)
    chair.locator("form:has(input[name=action][value=accept]) button").click()
    chair.wait_for_load_state()
    assert chair.locator(".messages, [role=status]").first.is_visible()

    # Not a member until her parent consents: not on the public page yet.
    lotte.goto(COUNCIL_URL)
    members = lotte.locator("section[aria-labelledby=members-heading]")
    assert "Lotte" not in members.inner_text()

    # The parent consents through the link in the e-mail, without an account.
    consent_path = wait_for_link(mail_dir, PARENT, "/toestemming/")
    parent_context = new_context(browser, live_server_url, PHONE)
    parent = parent_context.new_page()
    parent.goto(consent_path)
    assert "Lotte" in parent.locator("main").inner_text()
    parent.check("input[name=confirm_parent]")
    parent.locator("button[value=give]").click()
    parent.wait_for_load_state()
    assert parent.locator("button[value=withdraw]").is_visible()
    parent_context.close()

    # Now she is on the council's page, by first name, with her term.
    lotte.goto(COUNCIL_URL)
    members = lotte.locator("section[aria-labelledby=members-heading]").inner_text()
    line = next(line for line in members.splitlines() if "Lotte" in line)
    assert "Lid" in line and "sinds" in line and str(today.year) in line, line
    lotte.screenshot(path=screenshot_dir / "council-new-member.png", full_page=True)

    # The chair plans a meeting from the council's page.
    chair.goto(COUNCIL_URL)
    chair.locator("a[href$='/vergaderingen/nieuw/']").click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-meeting-form")
    day = today + timedelta(days=14)
    chair.fill("input[name=title]", MEETING)
    chair.fill("input[name=date]", day.isoformat())
    chair.fill("input[name=starts]", "19:00")
    chair.fill("input[name=ends]", "20:30")
    chair.fill("input[name=place]", "Stadhuis Voorstad, zaal 2")
    chair.fill("input[name=agenda-0-title]", "Vervoer naar je hulpverlener")
    chair.locator("main form button[type=submit]").click()
    chair.wait_for_load_state()
    assert chair.get_by_role("heading", level=1).inner_text().startswith(MEETING)
    chair_context.close()

    # Lotte opens the meeting from the council's page and adds it to her calendar.
    lotte.goto(COUNCIL_URL)
    lotte.get_by_role("link", name=MEETING).first.click()
    lotte.wait_for_load_state()
    no_violations(axe, lotte, "council-meeting")
    lotte.screenshot(path=screenshot_dir / "council-meeting.png", full_page=True)
    with lotte.expect_download() as download:
        lotte.locator("main a[href$='.ics']").first.click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["SUMMARY"]) == f"Jongerenraad Voorstad: {MEETING}"
    assert event.decoded("DTSTART").date() == day
    assert "Stadhuis Voorstad" in str(event["LOCATION"])
    lotte_context.close()

    # The municipality reports that it kept a promise; the tracker shows it.
    staff_context, staff = sign_in(browser, live_server_url, STAFF)
    staff.goto(TRACKER_URL)
    row = staff.locator(".advice-card", has_text="Jongeren praten mee over inkoop")
    before = row.locator(".advice-card__promises").inner_text()
    staff.goto(ADVICE_URL)
    staff.locator("a[href*='/voortgang/']").first.click()
    staff.wait_for_load_state()
    no_violations(axe, staff, "council-promise-progress")
    staff.fill(
        "textarea[name=text]", "Vanaf januari zitten er twee jongeren in de jury."
    )
    staff.check("input[name=state][value=kept]")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert "twee jongeren in de jury" in staff.locator("main").inner_text()
    no_violations(axe, staff, "council-advice-promises")
    staff.screenshot(path=screenshot_dir / "council-promise-kept.png", full_page=True)
    staff.goto(TRACKER_URL)
    after = row.locator(".advice-card__promises").inner_text()
    assert after != before and "nagekomen" in after, (before, after)
    staff.screenshot(path=screenshot_dir / "council-tracker-promises.png")
    staff_context.close()

    # The yearly account, as a page and as a PDF, from the council's page.
    reader_context = new_context(browser, live_server_url)
    reader = reader_context.new_page()
    reader.goto(COUNCIL_URL)
    reader.get_by_role("link", name=f"Jaarverslag {today.year}", exact=True).click()
    reader.wait_for_load_state()
    no_violations(axe, reader, "council-year-report")
    reader.screenshot(path=screenshot_dir / "council-year-report.png", full_page=True)
    pdf_link = reader.locator("a[href$='.pdf']").first.get_attribute("href")
    response = reader_context.request.get(pdf_link)
    assert response.ok and response.body().startswith(b"%PDF")
    pdf_path = screenshot_dir / "council-year-report.pdf"
    pdf_path.write_bytes(response.body())
    reader_context.close()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True
        ).stdout
        assert "Jongerenraad Voorstad" in text and str(today.year) in text


def test_the_chairs_council_pages_pass_axe(
    browser, live_server_url, axe, screenshot_dir
):
    """The chair reaches every other new page by clicking, and axe finds nothing
    there: the members and their terms, a new vacancy, the meetings, recording
    promises and making a yearly account."""
    chair_context, chair = sign_in(browser, live_server_url, CHAIR)
    chair.goto(COUNCIL_URL)
    chair.locator("a[href$='/leden/']").first.click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-members")
    chair.screenshot(path=screenshot_dir / "council-members.png", full_page=True)

    chair.goto(COUNCIL_URL)
    chair.locator("a[href$='/aanmeldingen/']").first.click()
    chair.locator("a[href$='/vacatures/nieuw/']").click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-vacancy-new")

    chair.goto(COUNCIL_URL)
    chair.locator("a[href$='/vergaderingen/']").first.click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-meetings")
    chair.screenshot(path=screenshot_dir / "council-meetings.png", full_page=True)

    chair.goto(ADVICE_URL)
    chair.locator("a[href$='/beloftes/']").click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-promises")

    chair.goto("/raden/dashboard/")
    chair.locator("a[href$='/jaarverslag/']").first.click()
    chair.wait_for_load_state()
    no_violations(axe, chair, "council-year-report-new")
    chair_context.close()
