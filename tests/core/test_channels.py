"""The WebSocket stack: routing, origin validation, session auth, and the channel
layers (in memory by default, Redis in production)."""

import asyncio

from django.test import override_settings

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from channels_redis.core import RedisChannelLayer

from inspraak.asgi import application

LOCAL = [(b"origin", b"http://127.0.0.1:8000")]


@pytest.mark.django_db(transaction=True)
async def test_ping_pong_over_websocket():
    communicator = WebsocketCommunicator(application, "/ws/ping/", headers=LOCAL)
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from() == {
        "type": "hello",
        "authenticated": False,
    }

    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}

    await communicator.send_json_to({"type": "something else"})
    assert (await communicator.receive_json_from())["type"] == "error"
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_websocket_from_a_foreign_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/ping/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect()
    assert not connected


@pytest.mark.django_db(transaction=True)
async def test_unknown_websocket_path_is_refused():
    communicator = WebsocketCommunicator(application, "/ws/nope/", headers=LOCAL)
    with pytest.raises(ValueError):
        await communicator.connect()


@pytest.mark.django_db(transaction=True)
async def test_websocket_knows_the_signed_in_user(async_client):
    from asgiref.sync import sync_to_async

    from tests.factories import UserFactory

    user = await sync_to_async(UserFactory)()
    await async_client.aforce_login(user)
    cookie = f"sessionid={async_client.cookies['sessionid'].value}".encode()

    communicator = WebsocketCommunicator(
        application, "/ws/ping/", headers=[*LOCAL, (b"cookie", cookie)]
    )
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_json_from() == {
        "type": "hello",
        "authenticated": True,
    }
    await communicator.disconnect()


def test_channel_layer_follows_redis_url(settings):
    layer = get_channel_layer()
    if settings.REDIS_URL:
        assert isinstance(layer, RedisChannelLayer)
        host = settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]
        # redis-py 8's pool of 100 fails a join storm; we configure more.
        assert host["max_connections"] >= 1000
    else:
        assert type(layer).__name__ == "InMemoryChannelLayer"


@pytest.mark.services
async def test_redis_layer_delivers_between_two_layer_instances(redis_url):
    """Two processes share one Redis: a group message sent by one reaches the other."""
    config = {
        "hosts": [{"address": redis_url, "max_connections": 50}],
        "prefix": "inspraak-test",
    }
    sender, receiver = RedisChannelLayer(**config), RedisChannelLayer(**config)
    try:
        channel = await receiver.new_channel()
        await receiver.group_add("health.test", channel)
        await sender.group_send("health.test", {"type": "event", "text": "hoi"})
        message = await asyncio.wait_for(receiver.receive(channel), timeout=5)
        assert message == {"type": "event", "text": "hoi"}
        await receiver.group_discard("health.test", channel)
    finally:
        await sender.flush()
        await sender.close_pools()
        await receiver.close_pools()


@pytest.mark.services
@pytest.mark.django_db
def test_health_reports_redis_when_configured(client, redis_url):
    layers = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": redis_url, "max_connections": 50}]},
        }
    }
    from channels.layers import channel_layers

    with override_settings(CHANNEL_LAYERS=layers):
        channel_layers.backends.clear()
        try:
            response = client.get("/health/")
        finally:
            channel_layers.backends.clear()

    assert response.status_code == 200
    assert response.json()["channel_layer"] == {
        "ok": True,
        "backend": "RedisChannelLayer",
    }
