"""Feed summaries are plain text: no markup reaches a feed reader."""

from datetime import UTC, datetime
from types import SimpleNamespace
from xml.etree import ElementTree

from django.urls import reverse

import pytest

from councils.feeds import AdviceFeed

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("x")</script>Minder <b>wachtlijsten</b> & sneller hulp'


@pytest.fixture
def hostile_advice(monkeypatch):
    advice = SimpleNamespace(
        pk=1,
        title="Advies",
        summary=HOSTILE,
        dispatch=None,
        first_published_at=datetime(2026, 11, 2, tzinfo=UTC),
        get_url=lambda: "/adviesraden/advies/",
        themes=SimpleNamespace(all=lambda: []),
    )
    monkeypatch.setattr(AdviceFeed, "items", lambda self: [advice])


def test_rss_description_is_the_text_without_markup(client, hostile_advice):
    response = client.get(reverse("councils:feed_rss"))
    description = ElementTree.fromstring(response.content).find(
        "channel/item/description"
    )
    # RSS readers render the description as HTML: it arrives escaped, tags gone.
    assert description.text == (
        "alert(&quot;x&quot;)Minder wachtlijsten &amp; sneller hulp"
    )
    assert b"<script" not in response.content
    assert b"&lt;script" not in response.content


def test_atom_summary_is_declared_plain_text(client, hostile_advice):
    response = client.get(reverse("councils:feed_atom"))
    summary = ElementTree.fromstring(response.content).find(
        f"{ATOM}entry/{ATOM}summary"
    )
    assert summary.get("type") == "text"
    assert summary.text == 'alert("x")Minder wachtlijsten & sneller hulp'
