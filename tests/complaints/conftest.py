"""Signing in people who see cases of others: complaints.access asks for a second
factor used in the session, which force_login alone does not record."""

from django.test import RequestFactory

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator


@pytest.fixture
def with_totp(db):
    """Give a person an authenticator app (TOTP); returns the person."""

    def with_totp(user):
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "demo"}
        )
        return user

    return with_totp


@pytest.fixture
def sign_in(client):
    """Sign `user` in on `client`; with second_factor=True as allauth does after the
    code from the authenticator app (recorded in the session)."""

    def sign_in(user, *, second_factor: bool = True):
        client.force_login(user)
        if second_factor:
            session = client.session
            request = RequestFactory().get("/")
            request.session = session
            record_authentication(request, user, "mfa", type="totp")
            session.save()
        return client

    return sign_in
