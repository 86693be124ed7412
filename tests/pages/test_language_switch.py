"""The language switch of a view outside the page tree keeps the path and the query
(Django's translate_url), for every named view under the language prefix; Wagtail
pages are covered in test_translation.py and test_english.py."""

import re
import uuid

from django.urls import LocalePrefixPattern, URLResolver, get_resolver, reverse
from django.urls.base import translate_url
from django.utils import translation

import pytest

from tests.security.urls import walk

SAMPLES = ["7", "2026", "abc", "abc/def", str(uuid.UUID(int=7)), "ABC123"]


def _i18n_routes():
    resolver = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver)
        and isinstance(entry.pattern, LocalePrefixPattern)
    )
    for entry in walk(resolver):
        pattern = entry.pattern.pattern
        converters = getattr(pattern, "converters", {})
        if (
            entry.name is None
            or entry.parent_groups
            or pattern.regex.groups != len(converters)
        ):
            continue  # unnamed, arguments from above, or a regular expression
        kwargs = {}
        for name, converter in converters.items():
            value = next((s for s in SAMPLES if _fits(converter, s)), None)
            if value is None:
                break
            kwargs[name] = converter.to_python(value)
        else:
            yield entry.name, kwargs


def _fits(converter, sample: str) -> bool:
    if not re.fullmatch(converter.regex, sample):
        return False
    try:
        converter.to_python(sample)
    except ValueError:
        return False
    return True


ROUTES = sorted(_i18n_routes(), key=lambda route: route[0])


def test_the_walk_found_the_views():
    names = [name for name, _kwargs in ROUTES]
    assert "search" in names and "councils:open_requests" in names
    assert len(names) > 50


@pytest.mark.parametrize(("name", "kwargs"), ROUTES, ids=[r[0] for r in ROUTES])
def test_the_switch_keeps_path_and_query(name, kwargs):
    with translation.override("nl"):
        dutch = reverse(name, kwargs=kwargs)
    with translation.override("en"):
        english = reverse(name, kwargs=kwargs)
    assert english == "/en" + dutch
    query = "?page=2&q=jeugd"
    with translation.override("nl"):
        assert translate_url(dutch + query, "en") == english + query
    with translation.override("en"):
        assert translate_url(english + query, "nl") == dutch + query
