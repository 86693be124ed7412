"""Bounds on what the councils' pages parse: tracker filters and numbers in
addresses beyond any column give a message or a 404, never a server error."""

from wagtail.models import Site

import pytest

from councils.models import AdviceTrackerPage, CouncilIndexPage

pytestmark = pytest.mark.django_db

HUGE = str(2**70)


@pytest.fixture
def tracker_page(db):
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )
    return index.add_child(
        instance=AdviceTrackerPage(title="Adviezen volgen", slug="adviezen")
    )


@pytest.mark.parametrize(
    "params",
    [
        {"council": HUGE},
        {"organisation": HUGE},
        {"year": HUGE},
        {"council": "-1", "year": "-1"},
        {"page": HUGE},
    ],
)
def test_tracker_filters_beyond_any_column_give_a_message(client, tracker_page, params):
    response = client.get(tracker_page.url, params)
    assert response.status_code == 200
    if "page" not in params:
        assert 'role="alert"' in response.content.decode()


def test_a_nul_character_in_a_tracker_filter_is_a_400(client, tracker_page):
    assert client.get(tracker_page.url, {"theme": "a\x00b"}).status_code == 400


def test_huge_numbers_in_council_addresses_are_not_found(client, staff):
    client.force_login(staff)
    for url in (
        f"/raden/advies/{HUGE}/antwoord/",
        f"/raden/advies/{HUGE}/reactie/",
        f"/raden/{HUGE}/advies-vragen/",
        f"/raden/verzoek/{HUGE}/",
        f"/raden/feeds/{HUGE}/rss/",
        f"/raden/feeds/{2**62}/atom/",  # within the id column, but no such council
    ):
        assert client.get(url).status_code == 404, url
