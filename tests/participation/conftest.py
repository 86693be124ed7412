"""Fixtures for consultations: an index page under the root, consultations in any
phase, and a clean rate-limit cache per test."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Page, Site

import pytest

from inspraak.organisations.models import Role
from participation.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
    Contribution,
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index_page(db):
    root = Page.get_first_root_node()
    home = Site.objects.get(is_default_site=True).root_page
    parent = home if home.pk != root.pk else root
    return parent.add_child(
        instance=ConsultationIndexPage(title="Raadplegingen", slug="raadplegingen")
    )


@pytest.fixture
def organisation(organisation_factory):
    return organisation_factory(name="Gemeente Voorstad", slug="voorstad")


@pytest.fixture
def make_consultation(index_page, organisation):
    counter = {"n": 0}

    def make(phase="open", organisation=organisation, questions=2, **fields):
        counter["n"] += 1
        now = timezone.now()
        today = timezone.localdate()
        dates = {
            "open": {
                "opens_at": now - timedelta(days=2),
                "closes_at": now + timedelta(days=12),
            },
            "upcoming": {
                "opens_at": now + timedelta(days=5),
                "closes_at": now + timedelta(days=20),
            },
            "past": {
                "opens_at": now - timedelta(days=40),
                "closes_at": now - timedelta(days=10),
            },
        }[phase]
        values = {
            "title": f"Raadpleging {counter['n']}",
            "slug": f"raadpleging-{counter['n']}",
            "organisation": organisation,
            "summary": "Wat vind jij belangrijk?",
            "announced_on": today - timedelta(days=60),
            "feedback_due_on": timezone.localdate(dates["closes_at"])
            + timedelta(days=30),
            **dates,
            **fields,
        }
        page = index_page.add_child(instance=ConsultationPage(**values))
        for n in range(questions):
            ConsultationQuestion.objects.create(
                page=page, text=f"Vraag {n + 1}?", sort_order=n
            )
        return ConsultationPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def consultation(make_consultation):
    return make_consultation()


@pytest.fixture
def make_contribution():
    def make(consultation, **fields):
        values = {"nickname": "Sam", "text": "Minder lang wachten.", **fields}
        return Contribution.objects.create(consultation=consultation, **values)

    return make


@pytest.fixture
def moderator(user_factory, membership_factory, organisation):
    user = user_factory(display_name="Mo")
    membership_factory(user=user, organisation=organisation, role=Role.MODERATOR)
    return user


@pytest.fixture
def policy_officer(user_factory, membership_factory, organisation):
    user = user_factory(display_name="Fatima")
    membership_factory(user=user, organisation=organisation, role=Role.POLICY)
    return user


def said(response, english: str, dutch: str) -> bool:
    """The page says `english` (before the catalogue is compiled) or `dutch`."""
    text = response.content.decode()
    return english in text or dutch in text
