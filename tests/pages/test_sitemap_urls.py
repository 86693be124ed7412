"""Every address in sitemap.xml answers 200, in Dutch and in English: a Dutch page
under /en/ (translated or not), an English page without its prefix."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db


def _locations(xml: str) -> list[str]:
    return [urlsplit(loc) for loc in re.findall(r"<loc>(.*?)</loc>", xml)]


def _other_language(path: str) -> str:
    return path.removeprefix("/en") if path.startswith("/en/") else "/en" + path


def test_every_sitemap_url_answers_in_both_languages(client, demo_site):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    paths = []
    for section in _locations(index.content.decode()):
        response = client.get(f"{section.path}?{section.query}")
        assert response.status_code == 200, section
        paths += [url.path for url in _locations(response.content.decode())]
    assert "/en/adviesraden/" in paths and "/adviesraden/" in paths
    assert len(paths) > 30

    failed = [
        (path, status)
        for path in paths
        for path in (path, _other_language(path))
        if (status := client.get(path).status_code) != 200
    ]

    assert failed == []
