"""The rules of signing in through an organisation, without a provider: domains,
groups to roles, second factors, the BSN, discovery and the refusals."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

import pytest
from allauth.core.exceptions import ImmediateHttpResponse

from inspraak.organisations.models import Membership, Role
from inspraak.signin.adapter import SocialAccountAdapter
from inspraak.signin.claims import SESSION_DIGID
from inspraak.signin.memberships import follow_groups
from inspraak.signin.models import GroupRole, IdentityProvider, parse_domains
from tests.factories import (
    IdentityProviderFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_provider(organisation=None, **fields) -> IdentityProvider:
    values = {
        "slug": "voorstad",
        "name": "Voorstad-account",
        "email_domains": "voorstad.nl",
    }
    if organisation is not None:
        values["organisation"] = organisation
    return IdentityProviderFactory(**{**values, **fields})


def sociallogin(provider, **claims):
    """What allauth hands the adapter after the provider answered."""
    account = SimpleNamespace(
        provider=provider.slug, extra_data={"id_token": dict(claims), "userinfo": {}}
    )
    return SimpleNamespace(
        account=account, state={"next": "/klachten/"}, is_existing=False, user=None
    )


def test_domains_are_read_one_per_line_and_checked():
    assert parse_domains("Voorstad.nl\n@jeugd.voorstad.nl, voorstad.nl") == [
        "voorstad.nl",
        "jeugd.voorstad.nl",
    ]
    with pytest.raises(ValidationError, match="http://evil"):
        parse_domains("voorstad.nl\nhttp://evil")


def test_an_address_must_be_in_a_domain_exactly():
    provider = make_provider(email_domains="voorstad.nl")
    assert provider.accepts_email("Sanne@Voorstad.NL")
    assert not provider.accepts_email("sanne@voorstad.nl.evil.test")
    assert not provider.accepts_email("sanne@sub.voorstad.nl")
    assert not provider.accepts_email("")


def test_a_staff_provider_needs_a_domain_and_a_domain_one_provider():
    provider = make_provider()
    other = IdentityProvider(
        organisation=OrganisationFactory(),
        kind=IdentityProvider.Kind.STAFF,
        slug="ander",
        name="Ander",
        issuer="https://idp.example.test",
        client_id="x",
        client_secret="y",
        email_domains="",
        is_active=True,
    )
    with pytest.raises(ValidationError, match="email_domains"):
        other.full_clean()
    other.email_domains = "VOORSTAD.nl"
    with pytest.raises(ValidationError, match="Voorstad-account"):
        other.full_clean()
    provider.is_active = False
    provider.save()
    other.full_clean()  # an inactive provider leads nowhere


def test_a_second_factor_is_proved_by_amr_or_acr():
    provider = make_provider(second_factor_acr="urn:voorstad:loa:substantial")
    assert provider.proves_second_factor({"amr": ["pwd", "mfa"]})
    assert provider.proves_second_factor({"amr": "pwd otp"})
    assert provider.proves_second_factor({"acr": "urn:voorstad:loa:substantial"})
    assert not provider.proves_second_factor({"amr": ["pwd"]})
    assert not provider.proves_second_factor({"acr": "urn:voorstad:loa:low"})
    assert not provider.proves_second_factor({})


def test_memberships_follow_the_groups_and_leave_manual_ones_alone():
    organisation = OrganisationFactory()
    provider = make_provider(organisation)
    GroupRole.objects.create(
        provider=provider, group="klachten", role=Role.CASE_HANDLER
    )
    GroupRole.objects.create(provider=provider, group="beleid", role=Role.POLICY)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.MODERATOR)

    assert follow_groups(user, provider, {"groups": ["klachten", "beleid"]}) == {
        Role.CASE_HANDLER,
        Role.POLICY,
    }
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == {Role.MODERATOR, Role.CASE_HANDLER, Role.POLICY}

    follow_groups(user, provider, {"groups": ["beleid", "onbekend"]})
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == {Role.MODERATOR, Role.POLICY}  # klachten left the groups

    follow_groups(user, provider, {})
    assert list(
        Membership.objects.filter(user=user).values_list("role", flat=True)
    ) == [Role.MODERATOR]
    # Each change is in the person's admin history, newest first.
    from django.contrib.admin.models import LogEntry

    history = [e.change_message for e in LogEntry.objects.filter(object_id=user.pk)]
    assert history == [
        f"Roles at {organisation} from the groups at voorstad: -policy",
        f"Roles at {organisation} from the groups at voorstad: -case_handler",
        f"Roles at {organisation} from the groups at voorstad: +case_handler, +policy",
    ]


def test_a_role_given_by_hand_is_not_taken_over_by_the_provider():
    organisation = OrganisationFactory()
    provider = make_provider(organisation)
    GroupRole.objects.create(provider=provider, group="beleid", role=Role.POLICY)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.POLICY)
    follow_groups(user, provider, {"groups": ["beleid"]})
    follow_groups(user, provider, {"groups": []})
    assert Membership.objects.get(user=user).role == Role.POLICY


def _request(session=None):
    request = RequestFactory().get("/")
    request.session = {} if session is None else session
    return request


def test_an_address_outside_the_domains_is_refused_with_a_message():
    provider = make_provider(email_domains="voorstad.nl")
    with pytest.raises(ImmediateHttpResponse) as refused:
        SocialAccountAdapter().pre_social_login(
            _request(), sociallogin(provider, email="piet@gmail.test")
        )
    response = refused.value.response
    assert response.status_code == 403
    assert "piet@gmail.test" in response.content.decode()
    assert "@voorstad.nl" in response.content.decode()


def test_an_inactive_provider_lets_nobody_in():
    provider = make_provider(is_active=False)
    with pytest.raises(ImmediateHttpResponse) as refused:
        SocialAccountAdapter().pre_social_login(
            _request(), sociallogin(provider, email="sanne@voorstad.nl")
        )
    assert refused.value.response.status_code == 403


def test_digid_keeps_the_name_for_the_session_and_never_the_bsn():
    provider = make_provider(
        kind=IdentityProvider.Kind.DIGID, slug="digid-voorstad", email_domains=""
    )
    login = sociallogin(provider, sub="s-1", bsn="999993653", name="Jan de Vries")
    login.account.extra_data["userinfo"] = {"bsn": "999993653"}
    request = _request()
    with pytest.raises(ImmediateHttpResponse) as done:
        SocialAccountAdapter().pre_social_login(request, login)
    assert done.value.response.status_code == 302
    assert done.value.response["Location"] == "/klachten/"
    identified = request.session[SESSION_DIGID]
    assert identified["name"] == "Jan de Vries"
    assert "999993653" not in str(identified)
    assert "999993653" not in str(login.account.extra_data)


def test_apps_are_offered_to_allauth_for_active_providers_only():
    make_provider(slug="actief")
    make_provider(slug="uit", email_domains="uit.nl", is_active=False)
    apps = SocialAccountAdapter().list_apps(None, provider="openid_connect")
    assert [app.provider_id for app in apps] == ["actief"]
    assert SocialAccountAdapter().list_apps(None, provider="uit") == []


def test_discovery_names_an_unknown_domain(client):
    make_provider(email_domains="voorstad.nl")
    response = client.post(reverse("signin:discovery"), {"email": "a@elders.nl"})
    assert response.status_code == 400
    assert "@elders.nl" in response.content.decode()


def test_discovery_says_so_when_the_provider_cannot_be_reached(client):
    make_provider(email_domains="voorstad.nl", issuer="http://127.0.0.1:9/")
    response = client.post(reverse("signin:discovery"), {"email": "a@voorstad.nl"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Voorstad-account" in text and 'value="a@voorstad.nl"' in text


def test_digid_that_cannot_be_reached_sends_the_resident_back_with_a_message(client):
    provider = make_provider(
        kind=IdentityProvider.Kind.DIGID, slug="digid", email_domains=""
    )
    filing = reverse("complaints:file", args=["objection"])
    response = client.post(
        reverse("signin:digid", args=[provider.slug]), {"next": filing}, follow=True
    )
    assert response.redirect_chain == [(filing, 302)]
    assert "Voorstad-account" in response.content.decode()


def test_digid_never_sends_the_resident_to_another_site(client):
    provider = make_provider(
        kind=IdentityProvider.Kind.DIGID, slug="digid", email_domains=""
    )
    response = client.post(
        reverse("signin:digid", args=[provider.slug]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_the_login_page_offers_the_organisation_sign_in_only_when_there_is_one(client):
    assert (
        reverse("signin:discovery")
        not in client.get(reverse("account_login")).content.decode()
    )
    make_provider()
    assert (
        reverse("signin:discovery")
        in client.get(reverse("account_login")).content.decode()
    )


def test_a_password_sign_out_goes_home(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response["Location"] == "/"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_allauths_start_of_a_sign_in_says_so_when_the_provider_is_down(client, prefix):
    make_provider(issuer="http://127.0.0.1:9/")
    response = client.post(f"{prefix}/accounts/oidc/voorstad/login/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/")
    page = client.get(response["Location"]).content.decode()
    assert "Voorstad-account" in page
