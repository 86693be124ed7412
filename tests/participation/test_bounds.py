"""Bounds on what participation pages parse: the moderation filter, the index
filters and numbers in addresses give a 400, a message or a 404, never a 500."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

HUGE = str(2**70)


@pytest.mark.parametrize("value", ["²", HUGE, "-3", "1e3"])
def test_a_wrong_consultation_filter_in_moderation_is_a_400(
    client, consultation, moderator, value
):
    client.force_login(moderator)
    response = client.get(reverse("participation:moderation"), {"consultation": value})
    assert response.status_code == 400


def test_the_moderation_filter_still_chooses_a_consultation(
    client, consultation, make_contribution, moderator
):
    client.force_login(moderator)
    response = client.get(
        reverse("participation:moderation"),
        {"consultation": str(consultation.pk), "show": "all"},
    )
    assert response.status_code == 200
    assert response.context["chosen"] == str(consultation.pk)


@pytest.mark.parametrize(
    "params", [{"organisation": "a\x00"}, {"theme": HUGE, "page": HUGE}]
)
def test_index_filters_never_give_a_server_error(client, index_page, params):
    assert client.get(index_page.url, params).status_code in (200, 400)


def test_huge_numbers_in_participation_addresses_are_not_found(client, moderator):
    client.force_login(moderator)
    for url in (
        f"/doe-mee/{HUGE}/bijdragen/",
        f"/doe-mee/bijdrage/{HUGE}/melden/",
        f"/doe-mee/{'9' * 19}/bijdragen/",
    ):
        assert client.post(url).status_code == 404, url
