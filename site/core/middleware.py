"""Middleware of the project."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .bounds import has_unreadable_query


class RefuseNulMiddleware:
    """Answer a NUL character in the path, or a GET parameter with a NUL or of
    unreasonable length, with a friendly 400: PostgreSQL refuses NUL in any text, and
    views read GET parameters without a form field (which would refuse it with a
    message)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or has_unreadable_query(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)


class PrivateResponseCacheMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or a shared cache
    (profiles, bookings, statements, exports, dashboards). patch_cache_control adds
    `no-store, private` to what a view already set, so a stricter header stays.
    Pages opened with a signed link by someone not signed in use never_cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
