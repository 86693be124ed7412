"""`make run` seeds demo content every time it starts: the second run must add nothing."""

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

import pytest

from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Page.objects.count(),
    )


def test_seeding_twice_adds_nothing(demo_site, settings):
    before = counts()
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")

    assert counts() == before
    assert before[0] == 10  # one account per role
    assert (
        Organisation.objects.get(
            slug="regio-midden-voorland"
        ).member_municipalities.count()
        == 2
    )


def test_demo_accounts_can_log_in(client, demo_site):
    response = client.post(
        "/accounts/login/",
        {"login": "klachten@voorstad.test", "password": "inspraak-demo"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_seeding_is_refused_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", "--quiet")
