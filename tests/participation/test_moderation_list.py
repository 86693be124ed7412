"""The moderation list at volume: a page at a time from the database, each
contribution with its open reports, in the same queries for 3 rows as for 30."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from participation.moderation_list import PER_PAGE

pytestmark = pytest.mark.django_db


def reported(consultation, make_contribution, n, start=0):
    """`n` contributions, each with an open and a handled report; the newest last."""
    made = []
    for i in range(start, start + n):
        contribution = make_contribution(
            consultation,
            text=f"Gemeld {i}",
            created_at=timezone.now() - timedelta(minutes=1000 - i),
        )
        contribution.reports.create(reason="spam", participant_key=f"open-{i}")
        contribution.reports.create(
            reason="hurtful",
            note=f"Afgehandeld {i}",
            participant_key=f"done-{i}",
            resolved_at=timezone.now(),
        )
        made.append(contribution)
    return made


def test_reported_newest_first_with_only_their_open_reports(
    client, consultation, make_contribution, moderator
):
    reported(consultation, make_contribution, PER_PAGE + 2)
    make_contribution(consultation, text="Niemand meldde dit")
    client.force_login(moderator)
    response = client.get(reverse("participation:moderation"))
    shown = list(response.context["contributions"])
    assert len(shown) == PER_PAGE
    assert shown[0].text == f"Gemeld {PER_PAGE + 1}"
    assert [len(c.open_reports) for c in shown] == [1] * PER_PAGE
    assert response.context["page_obj"].paginator.count == PER_PAGE + 2
    text = response.content.decode()
    assert "Niemand meldde dit" not in text
    assert "Afgehandeld" not in text  # handled reports are not listed


def test_all_and_hidden(client, consultation, make_contribution, moderator):
    (gone,) = reported(consultation, make_contribution, 1)
    gone.hidden_at = timezone.now()
    gone.save()
    make_contribution(consultation, text="Gewoon een idee")
    client.force_login(moderator)
    url = reverse("participation:moderation")
    everything = client.get(url, {"show": "all"}).context["contributions"]
    assert [c.text for c in everything] == ["Gewoon een idee", "Gemeld 0"]
    hidden = client.get(url, {"show": "hidden"}).context["contributions"]
    assert [c.pk for c in hidden] == [gone.pk]
    unknown = client.get(url, {"show": "<script>"})
    assert unknown.context["show"] == "reported"


@pytest.mark.parametrize("show", ["reported", "all", "hidden"])
def test_moderation_list_queries_do_not_grow(
    client, consultation, make_contribution, moderator, django_assert_num_queries, show
):
    def add(n, start):
        for contribution in reported(consultation, make_contribution, n, start):
            if contribution.pk % 2:
                contribution.hidden_at = timezone.now()
                contribution.hidden_by = moderator
                contribution.save()

    add(3, 0)
    client.force_login(moderator)
    url = reverse("participation:moderation")
    client.get(url, {"show": show})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"show": show})
    add(30, 3)
    with django_assert_num_queries(len(few)):
        response = client.get(url, {"show": show})
    assert len(response.context["contributions"]) > 3
