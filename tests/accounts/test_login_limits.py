"""Failed sign-ins are limited so that nobody can lock out someone else: per account
at one address strictly, per address generously (a class behind a school's one
address), per account only across many addresses. The refusal says how long to
wait."""

from django.core.cache import cache
from django.test import Client

import pytest
from allauth.account.signals import password_reset

import inspraak.settings as production
from inspraak.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SCHOOL = "192.0.2.10"
HOME = "198.51.100.7"


@pytest.fixture(autouse=True)
def limits(settings):
    """The production limits (settings/test.py switches them off), fresh counts."""
    settings.ACCOUNT_RATE_LIMITS = production.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield settings
    cache.clear()


def sign_in(email, password, address, path="/accounts/login/"):
    """A sign-in from a fresh browser at `address`."""
    client = Client(REMOTE_ADDR=address)
    response = client.post(path, {"login": email, "password": password})
    response.signed_in = "_auth_user_id" in client.session
    return response


def test_a_class_behind_one_address_is_not_locked_out(user_factory):
    pupils = user_factory.create_batch(31)
    for pupil in pupils[:30]:
        assert sign_in(pupil.email, "typo", SCHOOL).status_code == 200

    assert sign_in(pupils[30].email, PASSWORD, SCHOOL).signed_in


def test_failures_at_one_address_do_not_lock_the_handler_out_elsewhere(user_factory):
    handler = user_factory()
    for _ in range(8):
        sign_in(handler.email, "guess", SCHOOL)

    assert sign_in(handler.email, PASSWORD, HOME).signed_in


def test_failures_on_one_account_at_one_address_are_limited(user_factory):
    person = user_factory()
    for _ in range(5):
        assert sign_in(person.email, "guess", SCHOOL).status_code == 200

    refused = sign_in(person.email, PASSWORD, SCHOOL, path="/en/accounts/login/")

    assert refused.status_code == 429
    assert not refused.signed_in
    assert "Wait 5 minutes and try again." in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 300
    # Another account at the same address is not affected.
    assert sign_in(user_factory().email, PASSWORD, SCHOOL).signed_in


def test_the_address_limit_holds_across_accounts(limits, user_factory):
    limits.ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/key,3/15m/ip"}
    for _ in range(3):
        sign_in(user_factory().email, "typo", SCHOOL)

    refused = sign_in(user_factory().email, PASSWORD, SCHOOL, "/en/accounts/login/")

    assert refused.status_code == 429
    assert "Wait 15 minutes and try again." in refused.content.decode()
    assert sign_in(user_factory().email, PASSWORD, HOME).signed_in


def test_many_addresses_together_lock_an_account_until_a_password_reset(
    user_factory,
):
    handler = user_factory()
    for n in range(10):  # 10 addresses, 5 failures each: the account's 50
        for _ in range(5):
            sign_in(handler.email, "guess", f"203.0.113.{n}")

    assert sign_in(handler.email, PASSWORD, HOME).status_code == 429

    password_reset.send(sender=User, request=None, user=handler)
    assert sign_in(handler.email, PASSWORD, HOME).signed_in


def test_a_successful_sign_in_is_no_failure(limits, user_factory):
    limits.ACCOUNT_RATE_LIMITS = {"login_failed": "1/5m/key,1/15m/ip"}
    person = user_factory()
    assert sign_in(person.email, PASSWORD, SCHOOL).signed_in
    assert sign_in(person.email, PASSWORD, SCHOOL).signed_in


def test_the_capitals_of_an_address_do_not_make_a_new_count(user_factory):
    person = user_factory()
    for n in range(5):
        sign_in(person.email.upper() if n % 2 else person.email, "guess", SCHOOL)

    assert sign_in(person.email.title(), PASSWORD, SCHOOL).status_code == 429


def test_allauths_own_limits_also_say_how_long_to_wait(limits, user_factory):
    limits.ACCOUNT_RATE_LIMITS = {"login": "1/m/ip"}
    sign_in("someone@example.test", "typo", SCHOOL)

    refused = sign_in("someone@example.test", "typo", SCHOOL, "/en/accounts/login/")

    assert refused.status_code == 429
    assert "Wait 1 minute and try again." in refused.content.decode()
