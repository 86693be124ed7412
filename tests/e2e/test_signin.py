"""Staff sign in with their organisation's account through a real OpenID Connect
provider (tests/oidc: node-oidc-provider on loopback): Voorstad's complaint
handler, whose provider proves a second factor, lands in the queue; a colleague
without that proof is asked for the authenticator app; a person from an unknown
domain is refused with a clear message; signing out ends the session at the
provider too. Screenshots of the sign-in choices in Dutch and English; axe on the
new pages."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from tests.e2e.browsing import PHONE, new_context
from tests.oidc.fixtures import oidc_provider_factory  # noqa: F401

pytestmark = pytest.mark.e2e

QUEUE = "/klachten/behandelen/"
HANDLER = "klachten@voorstad.test"  # the demo's handler, linked by address

CREATE_PROVIDER = """
from inspraak.organisations.models import Organisation, Role
from inspraak.signin.models import GroupRole, IdentityProvider
provider = IdentityProvider.objects.create(
    organisation=Organisation.objects.get(slug="gemeente-voorstad"),
    kind=IdentityProvider.Kind.STAFF,
    slug="voorstad",
    name="Voorstad-account",
    issuer="{issuer}",
    client_id="inspraak",
    client_secret="e2e-secret",
    email_domains="voorstad.test",
    is_active=True,
)
GroupRole.objects.create(provider=provider, group="klachten", role=Role.CASE_HANDLER)
IdentityProvider.objects.create(
    organisation=provider.organisation,
    kind=IdentityProvider.Kind.DIGID,
    slug="digid-voorstad",
    name="DigiD",
    issuer="{issuer}",
    client_id="inspraak-digid",
    client_secret="e2e-digid-secret",
    is_active=True,
)
"""
SWITCH_OFF = """
from inspraak.signin.models import IdentityProvider
IdentityProvider.objects.update(is_active=False)
"""


def person(login, groups, amr, name):
    return {
        "login": login,
        "claims": {
            "sub": f"sub-{login}",
            "email": login,
            "email_verified": True,
            "name": name,
            "groups": groups,
            "amr": amr,
        },
    }


@pytest.fixture(scope="module")
def idp(oidc_provider_factory, live_server_url, manage):  # noqa: F811
    provider = oidc_provider_factory(
        {
            "clients": [
                {
                    "client_id": "inspraak",
                    "client_secret": "e2e-secret",
                    "redirect_uris": [
                        f"{live_server_url}/accounts/oidc/voorstad/login/callback/"
                    ],
                    "post_logout_redirect_uris": [
                        f"{live_server_url}/accounts/afgemeld/"
                    ],
                },
                {
                    "client_id": "inspraak-digid",
                    "client_secret": "e2e-digid-secret",
                    "redirect_uris": [
                        f"{live_server_url}/accounts/oidc/digid-voorstad/login/callback/"
                    ],
                },
            ],
            "accounts": [
                person(HANDLER, ["klachten"], ["pwd", "otp"], "Sanne Bakker"),
                person("joost@voorstad.test", ["klachten"], ["pwd"], "Joost Smit"),
                person("piet@elders.test", ["klachten"], ["pwd", "otp"], "Piet"),
                {
                    "login": "jan.resident",
                    "claims": {"name": "Jan de Vries", "bsn": "999993653"},
                },
            ],
        }
    )
    manage("shell", "-c", CREATE_PROVIDER.format(issuer=provider.issuer))
    yield provider
    # The other journeys see the site as the demo has it: no sign-in providers.
    manage("shell", "-c", SWITCH_OFF)


def at_provider(page, login):
    """Sign in on the provider's own page (the address typed is its hint)."""
    assert page.title() == "Test identity provider"
    page.get_by_label("Username").fill(login)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def discover(page, email):
    page.get_by_label("Je e-mailadres van je werk").fill(email)
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()


def test_staff_sign_in_with_their_organisation_account(
    browser, live_server_url, idp, axe, screenshot_dir
):
    context = new_context(browser, live_server_url)
    page = context.new_page()

    # The handler opens the queue and is asked to sign in; the choices.
    page.goto(QUEUE)
    assert "/accounts/login/" in page.url
    page.screenshot(path=screenshot_dir / "signin-choices-nl.png", full_page=True)
    page.get_by_role("link", name="Inloggen met je organisatie-account").click()
    page.wait_for_load_state()
    axe(page, "signin-discovery")

    # An address of a domain nobody signs in with here.
    discover(page, "piet@elders.test")
    error = page.locator(".field-error, .errorlist, [id$=-error]").first
    assert "@elders.test" in page.locator("main").inner_text(), error
    page.screenshot(path=screenshot_dir / "signin-discovery-unknown.png")

    # The work address leads to Voorstad's provider, and back into the queue:
    # the provider proved a second factor, so no code is asked.
    discover(page, HANDLER)
    at_provider(page, HANDLER)
    assert page.url == f"{live_server_url}{QUEUE}", page.url
    assert page.get_by_role("heading", level=1).count() == 1
    page.screenshot(path=screenshot_dir / "signin-handler-queue.png")

    # Signing out ends the session at the provider too; the provider sends the
    # browser back to Inspraak's page that says so.
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/accounts/afgemeld/$"))
    assert "Je bent uitgelogd" in page.locator("h1").inner_text()
    axe(page, "signin-signed-out")
    page.screenshot(path=screenshot_dir / "signin-signed-out.png")

    # The provider forgot the person: signing in again shows its login page.
    page.goto("/accounts/inloggen/organisatie/")
    discover(page, HANDLER)
    assert page.title() == "Test identity provider"
    context.close()


def test_without_a_second_factor_claim_the_app_is_asked(
    browser, live_server_url, idp, screenshot_dir
):
    context = new_context(browser, live_server_url)
    page = context.new_page()
    page.goto(f"/accounts/inloggen/organisatie/?next={QUEUE}")
    discover(page, "joost@voorstad.test")
    at_provider(page, "joost@voorstad.test")
    # A new account with the handler's role from the group; no second factor
    # was proved, so the case files wait for the authenticator app.
    assert "/accounts/2fa/" in page.url, page.url
    assert "authenticator" in page.locator("main").inner_text().lower()
    page.screenshot(path=screenshot_dir / "signin-second-factor-asked.png")
    context.close()


def test_a_person_of_another_domain_is_refused_at_the_door(
    browser, live_server_url, idp, axe, screenshot_dir
):
    context = new_context(browser, live_server_url)
    page = context.new_page()
    page.goto("/accounts/inloggen/organisatie/")
    discover(page, "iemand@voorstad.test")
    # At the provider, someone signs in with an account of another domain.
    at_provider(page, "piet@elders.test")
    main = page.locator("main").inner_text()
    assert "Zo kun je niet inloggen" in main
    assert "piet@elders.test" in main and "@voorstad.test" in main
    axe(page, "signin-refused")
    page.screenshot(path=screenshot_dir / "signin-refused.png")
    page.goto(QUEUE)
    assert "/accounts/login/" in page.url  # not signed in
    context.close()


def test_the_sign_in_choices_in_english(
    browser, live_server_url, idp, axe, screenshot_dir
):
    context = new_context(browser, live_server_url)
    page = context.new_page()
    page.goto("/en/accounts/login/")
    page.get_by_role("link", name="Sign in with your organisation account").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/accounts/inloggen/organisatie/")
    assert page.get_by_label("Your work e-mail address").count() == 1
    axe(page, "signin-discovery-en")
    page.screenshot(path=screenshot_dir / "signin-discovery-en.png", full_page=True)
    page.goto("/en/accounts/login/")
    page.screenshot(path=screenshot_dir / "signin-choices-en.png", full_page=True)
    context.close()


def test_a_resident_fills_in_their_name_with_digid(
    browser, live_server_url, idp, axe, screenshot_dir
):
    context = new_context(browser, live_server_url, PHONE, phone=True)
    page = context.new_page()
    page.goto("/klachten/indienen/objection/")
    page.get_by_role("button", name="Inloggen met DigiD (Gemeente Voorstad)").click()
    page.wait_for_load_state()
    at_provider(page, "jan.resident")

    # Back on the form: the name is DigiD's and cannot be typed over.
    assert page.url == f"{live_server_url}/klachten/indienen/objection/"
    main = page.locator("main").inner_text()
    assert "Jan de Vries" in main and "999993653" not in page.content()
    name = page.locator("input[name=name]")
    assert name.input_value() == "Jan de Vries" and name.is_disabled()
    axe(page, "objection-with-digid")
    page.screenshot(path=screenshot_dir / "objection-with-digid.png", full_page=True)

    received = timezone.localdate() - timedelta(days=5)
    page.select_option("select[name=organisation]", label="Gemeente Voorstad")
    page.fill("input[name=guest_email]", "jan@thuis.test")
    page.fill("textarea[name=address]", "Kerkstraat 1, Voorstad")
    page.fill("textarea[name=decision_description]", "Geen vervoer naar de hulp.")
    page.fill("input[name=decision_date]", f"{received - timedelta(days=2):%Y-%m-%d}")
    page.fill("input[name=decision_made_known_on]", f"{received:%Y-%m-%d}")
    page.fill("textarea[name=grounds]", "Ik kan niet zelf reizen.")
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/klachten/ingediend/" in page.url, page.url
    context.close()
