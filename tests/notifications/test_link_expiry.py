"""Preference links expire: an old link gives a page that says so and how to get a
new one, and changes nothing."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from inspraak.notifications.models import NotificationPreference
from inspraak.notifications.tokens import (
    LINK_MAX_AGE,
    ExpiredToken,
    make_token,
    read_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_token(person, time_machine):
    time_machine.move_to(timezone.now() - LINK_MAX_AGE - timedelta(hours=1))
    token = make_token(person, "advice_answered")
    time_machine.move_to(timezone.now() + LINK_MAX_AGE + timedelta(hours=1))
    return token


def test_a_link_works_until_it_expires(person, time_machine):
    token = make_token(person, "advice_answered")
    time_machine.move_to(timezone.now() + LINK_MAX_AGE - timedelta(minutes=1))
    assert read_token(token)[0] == person


def test_an_old_link_is_refused(old_token):
    with pytest.raises(ExpiredToken):
        read_token(old_token)


def test_an_old_link_says_it_expired_and_how_to_get_a_new_one(client, old_token):
    response = client.get(f"/en/meldingen/{old_token}/")

    text = response.content.decode()
    assert response.status_code == 410
    assert "This link has expired" in text
    assert f"work for {LINK_MAX_AGE.days} days" in text
    assert "every e-mail has a new link" in text
    assert "/accounts/meldingen/" in text  # sign in and choose there


def test_an_old_link_changes_nothing(person, old_token):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(f"/meldingen/{old_token}/uitschrijven/")
    Client().post(f"/meldingen/{old_token}/", {"advice_answered-enabled": ""})

    assert response.status_code == 410
    assert not NotificationPreference.objects.filter(user=person).exists()
