"""Sign-up with mandatory e-mail verification, login, logout, password reset, profile,
and MFA (TOTP) for every user."""

import re

from django.core import mail

import pytest
from allauth.account.models import EmailAddress

from inspraak.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "jongere@example.test",
    "display_name": "Lina",
    "age_group": "16_or_older",
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
}


def confirmation_link(message) -> str:
    return re.search(
        r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body
    ).group(0)


def test_signup_requires_e_mail_verification_before_login(client):
    response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert response.url.endswith("/accounts/confirm-email/")
    user = User.objects.get(email="jongere@example.test")
    assert user.display_name == "Lina"
    assert user.preferred_language == "nl"
    assert not EmailAddress.objects.get(user=user).verified

    # Not verified: login is refused and sends the person back to verification.
    client.logout()
    login = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert login.status_code == 302 and "confirm-email" in login.url
    assert "_auth_user_id" not in client.session

    link = confirmation_link(mail.outbox[0])
    path = link.split("testserver", 1)[-1]
    client.post(path)
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    login = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert login.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_verification_mail_is_in_dutch_by_default_and_english_from_en(client):
    client.post("/accounts/signup/", SIGNUP)
    client.post("/en/accounts/signup/", {**SIGNUP, "email": "second@example.test"})

    dutch, english = mail.outbox
    assert "Bevestig" in dutch.subject or "bevestig" in dutch.body.lower()
    assert "Confirm" in english.subject or "confirm" in english.body.lower()
    assert User.objects.get(email="second@example.test").preferred_language == "en"


def test_signup_refuses_a_future_date_of_birth(client):
    response = client.post(
        "/en/accounts/signup/", {**SIGNUP, "date_of_birth": "2999-01-01"}
    )

    assert response.status_code == 200
    assert "A date of birth cannot be in the future." in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_signup_refuses_a_weak_password_in_dutch(client):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "password1": "12345", "password2": "12345"}
    )
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()
    assert not User.objects.exists()


def test_login_with_wrong_password_keeps_the_person_out(client, user_factory):
    user = user_factory()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "wrong-password"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_and_logout(client, user_factory):
    user = user_factory(email="Noor@Example.test")
    response = client.post(
        "/accounts/login/", {"login": "noor@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_signing_in_on_the_english_site_stays_english(client, user_factory):
    user = user_factory()
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.url == "/en/start/"


def test_password_reset_sends_a_link(client, user_factory):
    user = user_factory()
    client.post("/accounts/password/reset/", {"email": user.email})

    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_profile_needs_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_profile_changes_name_and_language(client, user_factory):
    user = user_factory()
    client.force_login(user)

    response = client.post(
        "/accounts/profile/",
        {
            "display_name": "Sam",
            "preferred_language": "en",
            "date_of_birth": "2010-05-01",
        },
    )

    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Sam", "en")
    assert str(user.date_of_birth) == "2010-05-01"
    assert response.url == "/en/accounts/profile/"


def test_profile_refuses_an_empty_name_and_keeps_the_old_one(client, user_factory):
    user = user_factory(display_name="Sam")
    client.force_login(user)

    response = client.post(
        "/en/accounts/profile/", {"display_name": "  ", "preferred_language": "nl"}
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.display_name == "Sam"


def current_code(secret: str) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_every_user_can_switch_on_totp_and_then_needs_it_to_log_in(
    client, user_factory
):
    user = user_factory()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    # Changing MFA asks for the password again first.
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 302 and "/accounts/reauthenticate/" in page.url
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200  # stays on the form with an error
    client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert user.authenticator_set.filter(type="totp").exists()

    client.post("/accounts/logout/")
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response.url.endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session

    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_allauth_pages_use_the_site_layout_in_both_languages(client):
    dutch = client.get("/accounts/login/").content.decode()
    english = client.get("/en/accounts/login/").content.decode()

    assert 'class="skip-link ' in dutch and '<html lang="nl">' in dutch
    assert "Inloggen" in dutch
    assert '<html lang="en">' in english and "Sign In" in english


def test_age_on():
    from datetime import date

    user = User(date_of_birth=date(2010, 11, 23))
    assert user.age_on(date(2026, 11, 22)) == 15
    assert user.age_on(date(2026, 11, 23)) == 16
    assert User().age_on(date(2026, 1, 1)) is None
