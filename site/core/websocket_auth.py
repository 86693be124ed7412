"""Channels' AuthMiddlewareStack, without a thread hop for a socket that has no
session cookie (docs/live-scale.md, "Joins").

Channels resolves `scope["user"]` with `get_user` in `database_sync_to_async`: a hop
to the one thread-sensitive thread for every WebSocket, even when there is no
session to read. In a join storm of anonymous participants that hop was about 8 %
of daphne's event loop, and every handshake queued behind all the others. Without
a session cookie nobody is signed in, so the user is anonymous at once; with one,
Channels' own path runs unchanged."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware, SessionMiddleware


class CookieAwareAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope):
        if settings.SESSION_COOKIE_NAME not in scope.get("cookies", {}):
            scope["user"]._wrapped = AnonymousUser()
            return
        await super().resolve_scope(scope)


def AuthMiddlewareStack(inner):  # noqa: N802 - as Channels names it
    return CookieMiddleware(SessionMiddleware(CookieAwareAuthMiddleware(inner)))
