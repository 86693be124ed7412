"""Every WebSocket route of the project. Paths start with /ws/."""

from django.urls import path

from inspraak.core.consumers import PingConsumer
from participation.live.routing import websocket_urlpatterns as live_websockets

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    *live_websockets,
]
