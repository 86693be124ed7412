"""WebSocket routes of live sessions."""

from django.urls import path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/live/<str:code>/", LiveConsumer.as_asgi()),
]
