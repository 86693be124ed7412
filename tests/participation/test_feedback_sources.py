"""The sources of a "you said, we did" item: all it cites, paged, on its own page;
the consultation page shows the first ten and links there."""

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from participation.models import FeedbackItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(consultation, make_contribution):
    item = FeedbackItem.objects.create(
        consultation=consultation,
        heading="Korter wachten",
        what_we_heard="Jullie wachten te lang.",
        what_we_did="We bellen binnen een week.",
    )
    item.contributions.set(
        [make_contribution(consultation, text=f"Bijdrage {n}") for n in range(12)]
    )
    return item


def publish(consultation):
    consultation.feedback_published_at = timezone.now()
    consultation.save()


def sources(client, item, **params):
    return client.get(reverse("participation:sources", args=[item.pk]), params)


def test_unpublished_sources_are_for_the_organisers_only(
    client, item, policy_officer, moderator
):
    assert sources(client, item).status_code == 404
    client.force_login(moderator)
    assert sources(client, item).status_code == 404
    client.force_login(policy_officer)
    response = sources(client, item)
    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


def test_published_sources_list_every_visible_contribution_with_an_anchor(client, item):
    publish(item.consultation)
    hidden = item.contributions.get(text="Bijdrage 3")
    hidden.hidden_at = timezone.now()
    hidden.save()
    html = sources(client, item).content.decode()
    assert html.count('class="contribution"') == 11
    assert "Bijdrage 3<" not in html
    first = item.contributions.order_by("created_at", "pk").first()
    assert f'id="contribution-{first.pk}"' in html
    assert sources(client, item, page="x").status_code == 200
    assert sources(client, item, page=10**20).status_code == 200


def test_the_consultation_page_shows_ten_and_links_to_the_rest(client, item):
    publish(item.consultation)
    html = client.get(item.consultation.url).content.decode()
    url = reverse("participation:sources", args=[item.pk])
    assert html.count(f'href="{url}#contribution-') == 10
    assert "12" in html and f'href="{url}"' in html


def test_queries_do_not_grow_with_what_an_item_cites(client, item, make_contribution):
    publish(item.consultation)
    client.get(item.consultation.url)  # warm the layout cache

    def count(path):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        return len(queries)

    page_url = item.consultation.url
    sources_url = reverse("participation:sources", args=[item.pk])
    before = (count(page_url), count(sources_url))
    item.contributions.add(
        *[make_contribution(item.consultation, text=f"Meer {n}") for n in range(60)]
    )
    client.get(page_url)
    assert (count(page_url), count(sources_url)) == before
