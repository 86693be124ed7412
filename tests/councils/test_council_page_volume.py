"""The council page lists its advice twenty a page, counted and paged in the
database: the same number of queries for a few advice as for many."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

import pytest

from councils.models import AdviceAnswer, CouncilIndexPage, CouncilPage, Theme
from councils.page_context import ADVICE_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_council(db, organisation):
    """A council under the site's home, so its page has a URL."""
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )
    return index.add_child(
        instance=CouncilPage(
            title="Jongerenraad Rivierstad",
            slug="jongerenraad",
            kind=CouncilPage.Kind.YOUTH,
            organisation=organisation,
            summary="De raad adviseert over jeugdhulp.",
        )
    )


@pytest.fixture
def add_advice(make_advice, public_council, organisation):
    theme = Theme.objects.create(name="Wachtlijsten", slug="wachtlijsten")

    def add(count: int, start: int = 0):
        for number in range(start, start + count):
            advice = make_advice(
                public_council,
                organisation,
                slug=f"advies-{number}",
                sent_days_ago=number + 1,
            )
            advice.themes.set([theme])
            if number % 3 == 0:
                AdviceAnswer.objects.create(
                    advice=advice,
                    verdict=AdviceAnswer.Verdict.PARTLY,
                    summary="We nemen een deel over.",
                    reasons="Er is geen geld voor alles.",
                    answered_on=timezone.localdate(),
                )

    return add


def render(client, url, params=None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


def test_council_page_queries_do_not_grow_with_the_advice(
    client, public_council, add_advice
):
    add_advice(3)
    client.get(public_council.url)  # warm the site and locale caches
    few, response = render(client, public_council.url)
    assert len(response.context["advice_list"]) == 3

    add_advice(27, start=3)
    # New pages outdate the cached layout (inspraak.core.layout): rebuilt once.
    client.get(public_council.url)
    many, response = render(client, public_council.url)
    assert len(response.context["advice_list"]) == ADVICE_PER_PAGE

    assert few == many


def test_council_page_shows_twenty_advice_a_page(client, public_council, add_advice):
    add_advice(ADVICE_PER_PAGE + 5)

    _, first = render(client, public_council.url)
    _, second = render(client, public_council.url, {"page": 2})
    _, beyond = render(client, public_council.url, {"page": 99})
    _, wrong = render(client, public_council.url, {"page": "x"})

    assert len(first.context["advice_list"]) == ADVICE_PER_PAGE
    assert len(second.context["advice_list"]) == 5
    # Newest sent first: advice-0 was sent yesterday.
    assert first.context["advice_list"][0].slug == "advies-0"
    assert "page=2" in first.content.decode()
    assert 'rel="prev"' in second.content.decode()
    assert beyond.context["advice_page"].number == 2
    assert wrong.context["advice_page"].number == 1


def test_council_page_without_advice_keeps_its_empty_state(client, public_council):
    _, response = render(client, public_council.url)
    html = response.content.decode()
    assert 'class="advice-list"' not in html
    assert 'class="pagination"' not in html
    assert 'class="empty-state"' in html
