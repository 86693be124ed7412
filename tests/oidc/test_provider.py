"""The OpenID Connect test provider is real: discovery, the authorization-code flow
through its own login page, the token and userinfo endpoints, and RP-initiated
logout, all over HTTP with the standard library (no Django views involved)."""

import base64
import hashlib
import json
import re
import secrets
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest

from tests.oidc.browser import Browser, form_of
from tests.oidc.fixtures import oidc_provider_factory  # noqa: F401

REDIRECT_URI = "http://127.0.0.1:9/accounts/oidc/test/login/callback/"
POST_LOGOUT_URI = "http://127.0.0.1:9/signed-out/"

HANDLER = {
    "login": "handler@voorstad.test",
    "claims": {
        "sub": "handler-1",
        "email": "handler@voorstad.test",
        "email_verified": True,
        "name": "Hanna de Vries",
        "given_name": "Hanna",
        "family_name": "de Vries",
        "groups": ["complaints-handlers", "voorstad"],
        "amr": ["pwd", "otp"],
        "acr": "urn:inspraak:test:substantial",
        "bsn": "999990019",
    },
}
PARENT = {
    "login": "parent@voorstad.test",
    "claims": {
        "sub": "parent-1",
        "email": "parent@voorstad.test",
        "email_verified": False,
        "name": "Piet Jansen",
    },
}
BASIC_CLIENT = {
    "client_id": "inspraak-basic",
    "client_secret": "basic-secret",
    "redirect_uris": [REDIRECT_URI],
    "post_logout_redirect_uris": [POST_LOGOUT_URI],
}
POST_CLIENT = {
    "client_id": "inspraak-post",
    "client_secret": "post-secret",
    "redirect_uris": [REDIRECT_URI],
    "post_logout_redirect_uris": [POST_LOGOUT_URI],
    "token_endpoint_auth_method": "client_secret_post",
}


@pytest.fixture(scope="module")
def idp(oidc_provider_factory):  # noqa: F811
    return oidc_provider_factory(
        {"clients": [BASIC_CLIENT, POST_CLIENT], "accounts": [HANDLER, PARENT]}
    )


@pytest.fixture(scope="module")
def endpoints(idp):
    return idp.discovery()


def authorize_url(endpoints, client, **extra):
    params = {
        "client_id": client["client_id"],
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": REDIRECT_URI,
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        **extra,
    }
    return f"{endpoints['authorization_endpoint']}?{urlencode(params)}", params


def open_login_page(browser, endpoints, client, **extra):
    url, params = authorize_url(endpoints, client, **extra)
    response, callback = browser.follow(browser.request(url), url, stop_at=REDIRECT_URI)
    assert callback is None, "signed in without the login page"
    assert response.status == 200, response.text
    return response, params


def sign_in(browser, idp, endpoints, client, login, **extra):
    """Authorize, sign in on the provider's page; the query of the callback."""
    page, params = open_login_page(browser, endpoints, client, **extra)
    action, _ = form_of(page.text)
    action = urljoin(idp.issuer, action)
    response = browser.request(action, data={"login": login})
    _, callback = browser.follow(response, action, stop_at=REDIRECT_URI)
    assert callback, response.text
    query = {
        key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()
    }
    assert query["state"] == params["state"]
    assert query["iss"] == idp.issuer
    return query, params


def exchange(endpoints, client, code, *, basic=True, **extra):
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
    }
    data.update(extra)
    headers = {}
    if basic:
        pair = f"{client['client_id']}:{client['client_secret']}".encode()
        headers["Authorization"] = f"Basic {base64.b64encode(pair).decode()}"
    else:
        data.update(
            client_id=client["client_id"], client_secret=client["client_secret"]
        )
    return Browser().request(endpoints["token_endpoint"], data=data, headers=headers)


def jwt_payload(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def userinfo(endpoints, access_token):
    response = Browser().request(
        endpoints["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {access_token}"},
    )
    assert response.status == 200, response.text
    return response.json()


def test_discovery_lists_the_endpoints(idp, endpoints):
    assert endpoints["issuer"] == idp.issuer
    assert idp.issuer.startswith("http://127.0.0.1:")
    for name in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "end_session_endpoint",
        "jwks_uri",
    ):
        assert endpoints[name].startswith(idp.issuer), name
    assert {"client_secret_basic", "client_secret_post"} <= set(
        endpoints["token_endpoint_auth_methods_supported"]
    )
    assert {"openid", "email", "profile", "groups"} <= set(
        endpoints["scopes_supported"]
    )
    keys = Browser().request(endpoints["jwks_uri"]).json()["keys"]
    assert [key["kid"] for key in keys] == ["inspraak-test"]
    assert "d" not in keys[0]  # only the public key is published


def test_the_login_page_has_a_labelled_field_and_a_sign_in_button(idp, endpoints):
    page, _ = open_login_page(
        Browser(), endpoints, BASIC_CLIENT, login_hint=HANDLER["login"]
    )
    assert "<title>Test identity provider</title>" in page.text
    assert '<label for="login">Username</label>' in page.text
    field = re.search(r'<input[^>]*id="login"[^>]*>', page.text).group(0)
    assert 'name="login"' in field
    assert f'value="{HANDLER["login"]}"' in field  # the login_hint
    assert '<button type="submit">Sign in</button>' in page.text
    assert "Unknown account" not in page.text


def test_code_flow_with_client_secret_basic_releases_every_claim(idp, endpoints):
    browser = Browser()
    query, params = sign_in(browser, idp, endpoints, BASIC_CLIENT, HANDLER["login"])

    response = exchange(endpoints, BASIC_CLIENT, query["code"], basic=True)
    assert response.status == 200, response.text
    tokens = response.json()
    id_token = jwt_payload(tokens["id_token"])
    assert id_token["iss"] == idp.issuer
    assert id_token["aud"] == BASIC_CLIENT["client_id"]
    assert id_token["nonce"] == params["nonce"]
    expected = HANDLER["claims"]
    for claim, value in expected.items():
        assert id_token[claim] == value, claim

    info = userinfo(endpoints, tokens["access_token"])
    assert info == expected

    # A code is good once.
    again = exchange(endpoints, BASIC_CLIENT, query["code"], basic=True)
    assert again.status == 400
    assert again.json()["error"] == "invalid_grant"


def test_code_flow_with_client_secret_post_and_pkce(idp, endpoints):
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        .rstrip(b"=")
        .decode()
    )
    query, _ = sign_in(
        Browser(),
        idp,
        endpoints,
        POST_CLIENT,
        PARENT["login"],
        code_challenge=challenge,
        code_challenge_method="S256",
    )

    wrong = exchange(
        endpoints, POST_CLIENT, query["code"], basic=False, code_verifier="x" * 43
    )
    assert wrong.status == 400
    assert wrong.json()["error"] == "invalid_grant"

    query, _ = sign_in(
        Browser(),
        idp,
        endpoints,
        POST_CLIENT,
        PARENT["login"],
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    response = exchange(
        endpoints, POST_CLIENT, query["code"], basic=False, code_verifier=verifier
    )
    assert response.status == 200, response.text
    tokens = response.json()
    id_token = jwt_payload(tokens["id_token"])
    assert id_token["email"] == "parent@voorstad.test"
    assert id_token["email_verified"] is False
    # No amr, acr or groups for an account that has none.
    assert not {"amr", "acr", "groups"} & set(id_token)
    assert userinfo(endpoints, tokens["access_token"]) == PARENT["claims"]


def test_a_wrong_client_secret_is_refused(idp, endpoints):
    query, _ = sign_in(Browser(), idp, endpoints, BASIC_CLIENT, HANDLER["login"])
    response = exchange(
        endpoints, {**BASIC_CLIENT, "client_secret": "wrong"}, query["code"]
    )
    assert response.status == 401
    assert response.json()["error"] == "invalid_client"


def test_an_unknown_login_shows_an_error_on_the_login_page(idp, endpoints):
    browser = Browser()
    page, _ = open_login_page(browser, endpoints, BASIC_CLIENT)
    action, _ = form_of(page.text)
    response = browser.request(
        urljoin(idp.issuer, action), data={"login": "nobody@x.test"}
    )
    assert response.status == 200
    assert 'role="alert"' in response.text
    assert "Unknown account" in response.text
    assert 'value="nobody@x.test"' in response.text
    # The same interaction still takes a known login.
    response = browser.request(
        urljoin(idp.issuer, action), data={"login": HANDLER["login"]}
    )
    _, callback = browser.follow(response, idp.issuer, stop_at=REDIRECT_URI)
    assert "code=" in callback


def test_rp_initiated_logout_redirects_back_and_ends_the_session(idp, endpoints):
    browser = Browser()
    query, _ = sign_in(browser, idp, endpoints, BASIC_CLIENT, HANDLER["login"])
    tokens = exchange(endpoints, BASIC_CLIENT, query["code"]).json()

    # Signed in: a new authorization request comes straight back with a code.
    url, _ = authorize_url(endpoints, BASIC_CLIENT)
    _, callback = browser.follow(browser.request(url), url, stop_at=REDIRECT_URI)
    assert "code=" in callback

    logout_url = f"{endpoints['end_session_endpoint']}?" + urlencode(
        {
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": POST_LOGOUT_URI,
            "state": "bye",
        }
    )
    page = browser.request(logout_url)
    assert page.status == 200, page.text
    # The confirmation page submits itself (no click), ending the whole session.
    assert "document.forms[0].submit()" in page.text
    action, inputs = form_of(page.text)
    assert inputs["logout"] == "yes"
    response = browser.request(urljoin(idp.issuer, action), data=inputs)
    assert response.status == 303, response.text
    assert response.location == f"{POST_LOGOUT_URI}?state=bye"

    # The provider's session is gone: the login page again.
    page, _ = open_login_page(browser, endpoints, BASIC_CLIENT)
    assert "Sign in" in page.text
