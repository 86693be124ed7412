"""A browser without JavaScript for the tests that talk to the OpenID Connect test
provider: it keeps cookies and shows every redirect to the test."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.request
from html import unescape
from urllib.parse import urlencode, urljoin


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location")

    def json(self):
        return json.loads(self.text)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, but no automatic redirects: every hop is visible to the test."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def request(self, url, *, data=None, headers=None):
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=10) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def follow(self, response, base, *, stop_at):
        """Follow redirects until one points at `stop_at` (which is not fetched)."""
        for _ in range(10):
            if response.status not in (302, 303):
                return response, None
            location = urljoin(base, response.location)
            if location.startswith(stop_at):
                return response, location
            base = location
            response = self.request(location)
        raise AssertionError("too many redirects")


def form_of(html):
    """The action and the hidden or filled-in inputs of the page's first form."""
    action = re.search(r'<form[^>]*action="([^"]*)"', html)
    assert action, html
    inputs = {
        unescape(name): unescape(value)
        for name, value in re.findall(
            r'<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"', html
        )
    }
    return unescape(action.group(1)), inputs
