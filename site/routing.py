"""Every WebSocket route of the project. Paths start with /ws/."""

from django.urls import path

from inspraak.core.consumers import PingConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
]
