"""Within one request each cached part of the layout is read from the cache once:
with Redis as the cache, a list of pages otherwise read the locales once per page."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from inspraak.core import layout


def counting_reads(monkeypatch) -> list:
    reads = []
    real_get = cache.get

    def get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    return reads


def test_a_request_reads_each_part_once_and_sees_a_change_at_once(monkeypatch):
    reads = counting_reads(monkeypatch)
    computed = []
    seen = []

    def view(request):
        for _ in range(3):
            seen.append(layout.cached("part", ("nl",), lambda: computed.append(1) or 1))
        layout.changed()  # a save during the request
        seen.append(layout.cached("part", ("nl",), lambda: computed.append(2) or 2))
        seen.append(layout.cached("part", ("nl",), lambda: computed.append(3) or 3))
        return HttpResponse()

    layout.RequestMemoMiddleware(view)(RequestFactory().get("/"))
    assert seen == [1, 1, 1, 2, 2]
    assert computed == [1, 2]
    # The version and the part, once before the change and once after it.
    assert len(reads) <= 5
    assert len([key for key in reads if key.endswith(":part:nl")]) == 2


def test_outside_a_request_every_call_reads_the_cache(monkeypatch):
    reads = counting_reads(monkeypatch)
    for _ in range(3):
        assert layout.cached("part", ("en",), lambda: "x") == "x"
    assert len([key for key in reads if key.endswith(":part:en")]) == 3


def test_the_memo_ends_with_the_request(monkeypatch):
    def view(request):
        layout.cached("part", ("nl",), lambda: 1)
        return HttpResponse()

    layout.RequestMemoMiddleware(view)(RequestFactory().get("/"))
    reads = counting_reads(monkeypatch)
    layout.cached("part", ("nl",), lambda: 1)
    assert any(key.endswith(":part:nl") for key in reads)
