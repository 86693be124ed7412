"""The search counts and pages its hits in the database: the same number of queries
for a few hits as for many, one page of hits shown, and (on PostgreSQL) an index
that finds the entries holding the words."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from inspraak.pages.models import ContentPage, HomePage
from inspraak.pages.views import RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db

WORD = "volumetoets"


def add_hits(count: int, start: int = 0) -> None:
    home = HomePage.objects.get(locale__language_code="nl")
    for number in range(start, start + count):
        home.add_child(
            instance=ContentPage(title=f"Pagina {WORD} {number}", slug=f"hit-{number}")
        )


def search_queries(client, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zoeken/", {"q": WORD, **params})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_search_queries_do_not_grow_with_the_hits(client, demo_site):
    add_hits(3)
    search_queries(client)  # warm the per-process caches of the layout
    few, _ = search_queries(client)
    add_hits(27, start=3)
    # New pages outdate the cached layout (inspraak.core.layout): rebuilt once.
    search_queries(client)
    many, _ = search_queries(client)
    assert few == many


def test_search_shows_one_page_of_many_hits(client, demo_site):
    add_hits(RESULTS_PER_PAGE * 2 + 5)

    _, first = search_queries(client)
    _, last = search_queries(client, page="3")

    assert "25 results" in first or "25 resultaten" in first
    assert first.count(f"Pagina {WORD}") == RESULTS_PER_PAGE
    assert last.count(f"Pagina {WORD}") == 5
    assert 'rel="next"' in first and 'rel="next"' not in last


def test_search_without_hits_keeps_its_empty_state(client, demo_site):
    _, html = search_queries(client)
    assert 'class="search-results"' not in html
    assert "Niets gevonden" in html or "Nothing found" in html


MATCHED = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")'


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index is PostgreSQL's own"
)
def test_search_can_find_its_words_through_an_index(demo_site):
    # The backend matches `title || body`; without an index on that expression
    # every search reads every entry.
    sql, _ = Page.objects.live().search(WORD).get_queryset().query.sql_with_params()
    assert f"{MATCHED} @@" in sql
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT 1 FROM wagtailsearch_indexentry "
            f"WHERE {MATCHED} @@ to_tsquery(%s)",
            [WORD],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Bitmap Index Scan on pages_search_title_body_gin" in plan, plan
