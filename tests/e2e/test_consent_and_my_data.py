"""A 14-year-old signs up, a parent consents, and the young person downloads and
deletes their data: in a real Chromium, with axe-core on every page."""

import json
import re
import zipfile

import pytest

from .mail import wait_for_link

pytestmark = pytest.mark.e2e

EMAIL = "sam.e2e@example.test"
PARENT = "ouder.e2e@example.test"
PASSWORD = "een-lang-wachtwoord-42"


def submit(page, selector="main form button[type=submit]"):
    page.locator(selector).first.click()
    page.wait_for_load_state()


def test_under_16_consent_then_my_data(
    page, browser, live_server_url, axe, screenshot_dir, mail_dir
):
    # Sign up, first forgetting the parent's address: a clear error, nothing lost.
    page.goto("/accounts/signup/")
    page.fill("input[name=display_name]", "Sam")
    page.fill("input[name=email]", EMAIL)
    page.check("input[name=age_group][value=under_16]")
    page.fill("input[name=date_of_birth]", "2012-03-14")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    axe(page, "signup-nl")
    submit(page)
    assert "/accounts/signup/" in page.url
    error = page.locator("#id_parent_email_error")
    assert error.is_visible()
    assert page.input_value("input[name=display_name]") == "Sam"
    axe(page, "signup-nl-error")
    page.screenshot(path=screenshot_dir / "signup-under-16-error.png", full_page=True)

    page.fill("input[name=parent_email]", PARENT)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page)
    assert page.url.endswith("/accounts/confirm-email/")

    # Sam confirms the address; only then does the parent get the request.
    page.goto(wait_for_link(mail_dir, EMAIL, "/accounts/confirm-email/"))
    submit(page)
    consent_path = wait_for_link(mail_dir, PARENT, "/toestemming/")
    page.goto("/accounts/toestemming/")
    assert page.locator("main .notice").first.is_visible()  # limited until consent
    axe(page, "consent-status")
    page.screenshot(path=screenshot_dir / "consent-status.png", full_page=True)

    # The parent, in another browser, without an account.
    parent = browser.new_context(
        base_url=live_server_url, bypass_csp=True, locale="nl-NL"
    )
    parent_page = parent.new_page()
    parent_page.goto(consent_path)
    assert parent_page.get_by_role("heading", level=1).is_visible()
    assert "Sam" in parent_page.locator("main").inner_text()
    axe(parent_page, "parental-consent")
    parent_page.screenshot(path=screenshot_dir / "parental-consent.png", full_page=True)
    parent_page.set_viewport_size({"width": 320, "height": 640})
    assert parent_page.evaluate("() => document.documentElement.scrollWidth") <= 321
    parent_page.screenshot(
        path=screenshot_dir / "parental-consent-320.png", full_page=True
    )
    parent_page.check("input[name=confirm_parent]")
    parent_page.locator("button[value=give]").click()
    parent_page.wait_for_load_state()
    assert parent_page.locator("button[value=withdraw]").is_visible()
    axe(parent_page, "parental-consent-given")
    parent.close()

    # Sam (signed in since confirming the address) looks at "my data".
    page.goto("/mijn-gegevens/")
    assert page.url.endswith("/mijn-gegevens/")
    main = page.locator("main").inner_text()
    assert EMAIL in main and PARENT in main
    axe(page, "my-data")
    page.screenshot(path=screenshot_dir / "my-data-1280.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 321
    page.screenshot(path=screenshot_dir / "my-data-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # The notification choices, as Sam sees them.
    page.goto("/accounts/meldingen/")
    assert page.locator("main fieldset").count() >= 4
    axe(page, "notification-preferences")
    page.screenshot(
        path=screenshot_dir / "notification-preferences.png", full_page=True
    )

    # The download asks for the password again, then gives one archive.
    page.goto("/mijn-gegevens/")
    page.locator("a[href$='/mijn-gegevens/download/']").first.click()
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    axe(page, "reauthenticate")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_download() as download_info:
        page.locator("main form button[type=submit]").first.click()
    with open(download_info.value.path(), "rb") as downloaded:
        archive = zipfile.ZipFile(downloaded)
        data = json.loads(archive.read("data.json"))
    assert data["data"]["accounts.user"][0]["email"] == EMAIL
    assert data["data"]["accounts.parentalconsent"][0]["status"]

    # Deleting says what stays, needs the box, then signs Sam out.
    page.goto("/mijn-gegevens/verwijderen/")
    axe(page, "delete-account")
    page.screenshot(path=screenshot_dir / "delete-account.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    assert page.locator("#id_understood_error").is_visible()
    page.check("input[name=understood]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn-gegevens/verwijderd/"))
    axe(page, "account-deleted")
    assert page.locator("a[href$='/accounts/login/']").first.is_visible()

    # The account is really gone: signing in fails.
    page.goto("/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    assert "/accounts/login/" in page.url
