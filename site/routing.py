"""Every WebSocket route of the project, gathered from the apps: an app with routes
gives them as `websocket_urlpatterns` in its `routing` module (inspraak.core for
/ws/ping/, participation.live for the live sessions). Paths start with /ws/."""

from inspraak.core.discovery import provided

websocket_urlpatterns = [
    route for routes in provided("routing", "websocket_urlpatterns") for route in routes
]
