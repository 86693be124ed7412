"""The advice and council pages offer the next step only to who may take it."""

from django.urls import reverse

from wagtail.models import Site

import pytest

from councils.models import AdviceAnswer, CouncilIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_index(db):
    """Under the site's home page, so the pages have URLs."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=CouncilIndexPage(title="Raden", slug="adviesraden"))


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_only_the_addressees_staff_see_the_answer_link(
    client, advice, staff, member, user_factory
):
    answer_url = reverse("councils:answer", args=[advice.pk])
    assert answer_url not in page_html(client, advice)  # anonymous
    client.force_login(member)
    assert answer_url not in page_html(client, advice)
    client.force_login(user_factory())
    assert answer_url not in page_html(client, advice)
    client.force_login(staff)
    assert answer_url in page_html(client, advice)


def test_only_members_see_the_reaction_link_after_the_answer(
    client, advice, staff, member
):
    reaction_url = reverse("councils:follow_up", args=[advice.pk])
    client.force_login(member)
    assert reaction_url not in page_html(client, advice)  # no answer yet
    AdviceAnswer.objects.create(
        advice=advice, verdict="adopted", summary="Overgenomen."
    )
    assert reaction_url in page_html(client, advice)
    client.force_login(staff)
    assert reaction_url not in page_html(client, advice)
