"""Checks behind /health/: can we reach the database and the channel layer?"""

import uuid

from django.db import connection

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not healthy"; say which
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


async def _round_trip(layer) -> bool:
    """Send a message to a fresh channel and read it back."""
    channel = await layer.new_channel(prefix="health")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "health.ping", "token": token})
    message = await layer.receive(channel)
    return message.get("token") == token


def check_channel_layer() -> dict:
    layer = get_channel_layer()
    if layer is None:
        return {"ok": False, "backend": None, "error": "not configured"}
    backend = type(layer).__name__
    try:
        ok = async_to_sync(_round_trip)(layer)
    except Exception as exc:
        return {"ok": False, "backend": backend, "error": type(exc).__name__}
    return {"ok": ok, "backend": backend}
