"""The WebSocket stack's user: anonymous at once without a session cookie (no
thread hop), read from the session by Channels' own path with one."""

from django.contrib.auth.models import AnonymousUser

import pytest
from channels import auth as channels_auth

from inspraak.core.websocket_auth import AuthMiddlewareStack


def _scope(cookie: str | None) -> dict:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return {"type": "websocket", "path": "/ws/x/", "headers": headers}


async def _user_of(scope: dict):
    seen = {}

    async def inner(scope, receive, send):
        seen["user"] = scope["user"]._wrapped

    await AuthMiddlewareStack(inner)(scope, None, None)
    return seen["user"]


async def test_without_a_session_cookie_the_user_is_anonymous_without_a_lookup(
    monkeypatch,
):
    async def no_lookup(scope):
        raise AssertionError("get_user should not run without a session cookie")

    monkeypatch.setattr(channels_auth, "get_user", no_lookup)
    assert isinstance(await _user_of(_scope(None)), AnonymousUser)
    assert isinstance(await _user_of(_scope("theme=dark")), AnonymousUser)


@pytest.mark.django_db(transaction=True)
async def test_with_a_session_cookie_the_session_signs_the_person_in(user_factory):
    from django.test import Client

    from asgiref.sync import sync_to_async

    user = await sync_to_async(user_factory)()
    client = Client()
    await sync_to_async(client.force_login)(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    assert (await _user_of(_scope(cookie))).pk == user.pk
