"""Signing in through a real OpenID Connect provider (tests/oidc, node-oidc-provider
on loopback): the Django test client is Inspraak, a cookie-keeping browser without
JavaScript is the person at the provider's page, and allauth talks to the provider
over real HTTP for the tokens."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urljoin, urlsplit

from django.urls import reverse

import pytest
from allauth.socialaccount.models import SocialAccount

from complaints.models import Case
from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Role
from inspraak.signin.claims import SESSION_DIGID
from inspraak.signin.models import GroupRole, IdentityProvider
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.oidc.browser import Browser, form_of
from tests.oidc.fixtures import oidc_provider_factory  # noqa: F401

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
STAFF_CALLBACK = f"{SERVER}/accounts/oidc/voorstad/login/callback/"
DIGID_CALLBACK = f"{SERVER}/accounts/oidc/digid-voorstad/login/callback/"
SIGNED_OUT = f"{SERVER}/accounts/afgemeld/"
BSN = "999993653"


def account(login, groups=(), amr=("pwd",), **claims):
    return {
        "login": login,
        "claims": {
            "sub": f"sub-{login}",
            "email": login,
            "email_verified": True,
            "name": claims.pop("name", login.split("@")[0].title()),
            "groups": list(groups),
            "amr": list(amr),
            **claims,
        },
    }


ACCOUNTS = [
    account(
        "sanne@voorstad.test",
        ["inspraak-klachten"],
        ["pwd", "otp"],
        name="Sanne Bakker",
    ),
    account("joost@voorstad.test", ["inspraak-klachten"], ["pwd"], name="Joost Smit"),
    account("fatima@voorstad.test", ["inspraak-beleid"], ["pwd"]),
    account("piet@elders.test", ["inspraak-klachten"], ["pwd", "otp"]),
    account("vertrokken@voorstad.test", ["inspraak-klachten"], ["pwd", "otp"]),
    account(
        "jan.resident", [], [], name="Jan de Vries", bsn=BSN, email="jan@thuis.test"
    ),
    account(
        "ouder", [], [], name="Els Jansen", bsn="999991772", birthdate="1984-03-02"
    ),
    account("jonge.ouder", [], [], name="Kim", bsn="999992000", birthdate="2010-05-05"),
]


@pytest.fixture(scope="module")
def idp(oidc_provider_factory):  # noqa: F811
    return oidc_provider_factory(
        {
            "clients": [
                {
                    "client_id": "inspraak-voorstad",
                    "client_secret": "staff-secret",
                    "redirect_uris": [STAFF_CALLBACK],
                    "post_logout_redirect_uris": [SIGNED_OUT],
                },
                {
                    "client_id": "inspraak-digid",
                    "client_secret": "digid-secret",
                    "redirect_uris": [DIGID_CALLBACK],
                    "post_logout_redirect_uris": [SIGNED_OUT],
                },
            ],
            "accounts": ACCOUNTS,
        }
    )


@pytest.fixture
def voorstad():
    return OrganisationFactory(name="Gemeente Voorstad", slug="voorstad")


@pytest.fixture
def staff_provider(idp, voorstad):
    provider = IdentityProvider.objects.create(
        organisation=voorstad,
        kind=IdentityProvider.Kind.STAFF,
        slug="voorstad",
        name="Voorstad-account",
        issuer=idp.issuer,
        client_id="inspraak-voorstad",
        client_secret="staff-secret",
        email_domains="voorstad.test",
        is_active=True,
    )
    GroupRole.objects.create(
        provider=provider, group="inspraak-klachten", role=Role.CASE_HANDLER
    )
    GroupRole.objects.create(
        provider=provider, group="inspraak-beleid", role=Role.POLICY
    )
    return provider


@pytest.fixture
def digid_provider(idp, voorstad):
    return IdentityProvider.objects.create(
        organisation=voorstad,
        kind=IdentityProvider.Kind.DIGID,
        slug="digid-voorstad",
        name="DigiD",
        issuer=idp.issuer,
        client_id="inspraak-digid",
        client_secret="digid-secret",
        is_active=True,
    )


def at_provider(response, login, callback):
    """The person follows Inspraak's redirect, signs in at the provider's page as
    `login` and comes back: the callback's path and query, for the test client."""
    browser = Browser()
    assert response.status_code == 302, response.content[:500]
    url = response["Location"]
    page, back = browser.follow(browser.request(url), url, stop_at=callback)
    assert back is None and page.status == 200, page.text[:500]
    assert "Test identity provider" in page.text
    action, _ = form_of(page.text)
    action = urljoin(url, action)
    answer, back = browser.follow(
        browser.request(action, data={"login": login}), action, stop_at=callback
    )
    assert back, answer.text[-1500:]
    parts = urlsplit(back)
    return browser, f"{parts.path}?{parts.query}"


def sign_in(client, login, next_url=""):
    data = {"email": login}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("signin:discovery"), data)
    assert "login_hint" in response["Location"]
    browser, callback = at_provider(response, login, STAFF_CALLBACK)
    return browser, client.get(callback)


def test_a_handler_of_voorstad_lands_in_the_queue_without_a_second_code(
    client, staff_provider
):
    queue = reverse("complaints:queue")
    _browser, response = sign_in(client, "sanne@voorstad.test", next_url=queue)
    assert response.status_code == 302
    assert response["Location"] == queue

    user = User.objects.get(email="sanne@voorstad.test")
    assert user.display_name == "Sanne Bakker"
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (
        staff_provider.organisation,
        Role.CASE_HANDLER,
    )
    assert membership.granted_by == staff_provider
    # The provider proved a second factor (amr "otp"): no code from Inspraak's app.
    assert client.get(queue).status_code == 200


def test_without_a_second_factor_claim_a_handler_is_asked_for_the_app(
    client, staff_provider
):
    _browser, response = sign_in(client, "joost@voorstad.test")
    assert response.status_code == 302
    response = client.get(reverse("complaints:queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_an_existing_account_is_linked_by_address_and_keeps_its_own_roles(
    client, staff_provider, voorstad
):
    fatima = UserFactory(email="fatima@voorstad.test", display_name="Fatima")
    MembershipFactory(user=fatima, organisation=voorstad, role=Role.MODERATOR)
    stale = Membership.objects.create(
        user=fatima,
        organisation=voorstad,
        role=Role.ADVICE_RESPONDER,
        granted_by=staff_provider,
    )
    sign_in(client, "fatima@voorstad.test")

    assert User.objects.filter(email="fatima@voorstad.test").count() == 1
    assert SocialAccount.objects.get(user=fatima).provider == "voorstad"
    roles = dict(
        Membership.objects.filter(user=fatima).values_list("role", "granted_by")
    )
    # Her groups give policy; the provider's old role went; the manual one stays.
    assert roles == {Role.MODERATOR: None, Role.POLICY: staff_provider.pk}
    assert not Membership.objects.filter(pk=stale.pk).exists()
    assert fatima.display_name == "Fatima"


def test_a_person_from_an_unknown_domain_is_refused_with_a_clear_message(
    client, staff_provider
):
    # Discovery itself refuses the address ...
    response = client.post(reverse("signin:discovery"), {"email": "piet@elders.test"})
    assert response.status_code == 400
    assert "@elders.test" in response.content.decode()
    # ... and a provider that lets the person in anyway does not get them in.
    response = client.post(
        reverse("signin:discovery"), {"email": "someone@voorstad.test"}
    )
    _browser, callback = at_provider(response, "piet@elders.test", STAFF_CALLBACK)
    response = client.get(callback)
    assert response.status_code == 403
    text = response.content.decode()
    assert "piet@elders.test" in text and "@voorstad.test" in text
    assert not User.objects.filter(email="piet@elders.test").exists()
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session_at_the_provider_too(client, staff_provider, idp):
    browser, _response = sign_in(client, "sanne@voorstad.test")
    response = client.post(reverse("account_logout"))
    end_session = idp.discovery()["end_session_endpoint"]
    assert response["Location"].startswith(end_session)
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["client_id"] == ["inspraak-voorstad"]
    assert query["post_logout_redirect_uri"] == [SIGNED_OUT]
    assert "_auth_user_id" not in client.session

    # The provider asks its own page to confirm; the page submits itself.
    url = response["Location"]
    page, back = browser.follow(browser.request(url), url, stop_at=SIGNED_OUT)
    if back is None:
        action, fields = form_of(page.text)
        action = urljoin(url, action)
        _answer, back = browser.follow(
            browser.request(action, data=fields), action, stop_at=SIGNED_OUT
        )
    assert back and back.startswith(SIGNED_OUT)
    assert client.get(urlsplit(back).path).status_code == 200

    # Signing in again shows the provider's login page: its session is gone.
    response = client.post(
        reverse("signin:discovery"), {"email": "sanne@voorstad.test"}
    )
    url = response["Location"]
    page, back = browser.follow(browser.request(url), url, stop_at=STAFF_CALLBACK)
    assert back is None and "Test identity provider" in page.text


def test_digid_fills_in_the_name_marks_the_case_and_keeps_no_bsn(
    client, digid_provider, voorstad
):
    filing = reverse("complaints:file", args=["objection"])
    assert "Sign in with DigiD" in client.get(filing).content.decode() or (
        "Inloggen met DigiD" in client.get(filing).content.decode()
    )
    response = client.post(
        reverse("signin:digid", args=[digid_provider.slug]), {"next": filing}
    )
    _browser, callback = at_provider(response, "jan.resident", DIGID_CALLBACK)
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == filing
    assert client.session[SESSION_DIGID]["name"] == "Jan de Vries"
    assert "_auth_user_id" not in client.session  # identified, not an account

    page = client.get(filing).content.decode()
    assert "Jan de Vries" in page and BSN not in page
    today = date.today()
    response = client.post(
        filing,
        {
            "organisation": voorstad.pk,
            "filed_as": "self",
            "name": "Iemand Anders",  # a disabled field: DigiD's name is kept
            "guest_email": "jan@thuis.test",
            "address": "Kerkstraat 1, 1234 AB Voorstad",
            "decision_description": "Geen vervoer naar de zorg.",
            "decision_date": today - timedelta(days=10),
            "decision_made_known_on": today - timedelta(days=8),
            "grounds": "Ik kan niet zelf reizen.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert (case.name, case.identified_with_digid) == ("Jan de Vries", True)
    assert not SocialAccount.objects.exists()
    assert BSN not in str(dict(client.session))


def test_an_account_with_the_app_needs_no_code_when_the_provider_proved_one(
    client, staff_provider, voorstad
):
    from allauth.mfa.models import Authenticator

    sanne = UserFactory(email="sanne@voorstad.test")
    Authenticator.objects.create(
        user=sanne, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    _browser, response = sign_in(client, "sanne@voorstad.test")
    assert response["Location"] != reverse("mfa_authenticate")
    assert client.session["_auth_user_id"] == str(sanne.pk)
    assert client.get(reverse("complaints:queue")).status_code == 200


def test_an_account_with_the_app_is_asked_for_its_code_without_proof(
    client, staff_provider, voorstad
):
    from allauth.mfa.models import Authenticator

    joost = UserFactory(email="joost@voorstad.test")
    Authenticator.objects.create(
        user=joost, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    _browser, response = sign_in(client, "joost@voorstad.test")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.fixture
def consent_request(digid_provider):
    from inspraak.accounts.consent import consent_token, start_consent

    digid_provider.adult_consent = True
    digid_provider.save()
    young = UserFactory(
        display_name="Noor", date_of_birth=date.today() - timedelta(days=14 * 365)
    )
    consent = start_consent(young, "ouder@thuis.test")
    return consent, reverse("parental_consent", args=[consent_token(consent)])


def digid_sign_in(client, provider, login, next_url):
    response = client.post(
        reverse("signin:digid", args=[provider.slug]), {"next": next_url}
    )
    _browser, callback = at_provider(response, login, DIGID_CALLBACK)
    response = client.get(callback)
    assert response.status_code == 302 and response["Location"] == next_url


def test_a_parent_gives_consent_proved_an_adult_with_digid(
    client, digid_provider, consent_request
):
    consent, page = consent_request
    assert "DigiD" in client.get(page).content.decode()
    digid_sign_in(client, digid_provider, "ouder", page)
    text = client.get(page).content.decode()
    assert "Els Jansen" in text and "999991772" not in text
    response = client.post(page, {"action": "give", "confirm_parent": "on"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert (consent.status, consent.given_with_digid) == ("given", True)


def test_digid_that_shows_a_minor_cannot_give_consent(
    client, digid_provider, consent_request
):
    consent, page = consent_request
    digid_sign_in(client, digid_provider, "jonge.ouder", page)
    response = client.post(page, {"action": "give", "confirm_parent": "on"})
    assert response.status_code == 200
    assert "18" in response.content.decode()
    consent.refresh_from_db()
    assert consent.status == "pending" and not consent.given_with_digid


def test_consent_without_digid_still_works_and_is_not_marked(
    client, digid_provider, consent_request
):
    consent, page = consent_request
    response = client.post(page, {"action": "give", "confirm_parent": "on"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert (consent.status, consent.given_with_digid) == ("given", False)


def test_an_account_the_provider_deleted_is_switched_off_at_its_next_request(
    client, staff_provider, idp, settings
):
    from inspraak.signin.models import Deactivation

    settings.SIGNIN_CHECK_EVERY = 0  # check at every request
    sign_in(client, "vertrokken@voorstad.test")
    user = User.objects.get(email="vertrokken@voorstad.test")
    assert client.get(reverse("account_profile")).status_code == 200  # renewed
    assert user.memberships.count() == 1

    idp.delete_account("vertrokken@voorstad.test")
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    user.refresh_from_db()
    assert not user.is_active
    assert Deactivation.objects.get(user=user).provider == staff_provider
    assert user.memberships.count() == 0
    assert "_auth_user_id" not in client.session


def test_when_the_provider_does_not_answer_the_account_stays(
    client, staff_provider, idp, settings
):
    settings.SIGNIN_CHECK_EVERY = 0
    sign_in(client, "fatima@voorstad.test")
    IdentityProvider.objects.filter(pk=staff_provider.pk).update(
        issuer="http://127.0.0.1:9"
    )
    assert client.get(reverse("account_profile")).status_code == 200
    assert User.objects.get(email="fatima@voorstad.test").is_active


def test_a_sign_in_through_the_provider_switches_the_account_on_again(
    client, staff_provider
):
    from inspraak.signin.models import Deactivation

    sign_in(client, "fatima@voorstad.test")
    client.logout()
    fatima = User.objects.get(email="fatima@voorstad.test")
    fatima.is_active = False
    fatima.save()
    Deactivation.objects.create(user=fatima, provider=staff_provider)
    _browser, response = sign_in(client, "fatima@voorstad.test")
    fatima.refresh_from_db()
    assert fatima.is_active
    assert client.session["_auth_user_id"] == str(fatima.pk)


def test_an_account_switched_off_by_an_administrator_stays_off(client, staff_provider):
    sign_in(client, "fatima@voorstad.test")
    client.logout()
    User.objects.filter(email="fatima@voorstad.test").update(is_active=False)
    sign_in(client, "fatima@voorstad.test")
    assert "_auth_user_id" not in client.session
    assert not User.objects.get(email="fatima@voorstad.test").is_active
