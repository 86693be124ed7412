"""Every page of the page benchmark (tests/bench/page_list.py) makes as many database
queries with a few rows as with many: a page that loads a row per row shown, or a
query per poll, fails here (issue 14). The benchmark measures the time; this test
never does.

The demo is loaded with a sliver of volume (so that every page has its rows and the
person with data in every app exists), counted, then a second, larger batch of volume
is added and every page counted again, the "my data" pages for the second batch's
person (who has five times the rows).

Fewer queries at volume pass: search results load each page type they hold with one
query, and a page of 20 advice holds fewer types than the demo's mixed results."""

import re
from io import StringIO

from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

import pytest

from tests.bench.measure import consume, signed_in_client
from tests.bench.page_list import LAST_PAGE_OF, PAGES, last_page_number, targets

SMALL, LARGE = 12, 60  # rows per area (more than any demo list); the person a third


def count_pages(person: str) -> dict[str, tuple[int, int]]:
    """{page name: (status, queries)} for every benchmark page."""
    found = targets(person)
    clients = {}
    counts = {}
    for page in PAGES:
        who = page.who.format(**found) if page.who else None
        if who not in clients:
            clients[who] = signed_in_client(who)
        client = clients[who]
        for key, path in LAST_PAGE_OF.items():
            if "{" + key + "}" in page.url and key not in found:
                found[key] = last_page_number(client.get(path).content.decode())
        url = page.url.format(**found)
        consume(client.get(url))  # the first request fills caches, as in use
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            consume(response)
        counts[page.name] = (response.status_code, len(captured.captured_queries))
    return counts


def volume(rows: int) -> str:
    """Add a batch of volume; the email address of its person."""
    out = StringIO()
    call_command("seed_volume", rows=rows, person_rows=rows // 3, stdout=out)
    return re.search(r"every app: (\S+)", out.getvalue()).group(1)


@pytest.mark.django_db
def test_every_benchmark_page_makes_as_many_queries_at_volume(settings):
    settings.DEBUG = True  # the seeding commands refuse to run without it
    call_command("seed_demo", stdout=StringIO())
    volume(SMALL)  # two small batches: every list that shows a few items is full
    few = count_pages(volume(SMALL))
    many = count_pages(volume(LARGE))

    failing = {name: status for name, (status, _) in many.items() if status != 200}
    assert not failing, f"pages that did not answer 200: {failing}"
    grew = {
        name: f"{few[name][1]} -> {many[name][1]} queries"
        for name in many
        if many[name][1] > few[name][1]
    }
    assert not grew, f"queries grow with the rows: {grew}"
