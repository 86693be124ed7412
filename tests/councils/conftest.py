"""Shared fixtures for the councils tests: a council with members, an advice that was
sent (the answer clock runs) and the addressee's staff."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page

import pytest

from councils.models import (
    AdviceDispatch,
    AdvicePage,
    CouncilIndexPage,
    CouncilMember,
    CouncilPage,
)
from inspraak.organisations.models import Role


@pytest.fixture
def organisation(organisation_factory):
    """The municipality the council advises and the advice is addressed to."""
    return organisation_factory(name="Gemeente Rivierstad")


@pytest.fixture
def council_index(db):
    root = Page.get_first_root_node()
    return root.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))


@pytest.fixture
def make_council(council_index):
    def make(organisation, *, kind=CouncilPage.Kind.YOUTH, slug="jongerenraad"):
        return council_index.add_child(
            instance=CouncilPage(
                title=f"Raad {slug}",
                slug=slug,
                kind=kind,
                organisation=organisation,
                summary="De raad adviseert over jeugdhulp.",
            )
        )

    return make


@pytest.fixture
def council(make_council, organisation):
    return make_council(organisation)


@pytest.fixture
def make_member(user_factory):
    def make(council, role=CouncilMember.Role.MEMBER, **kwargs):
        user = kwargs.pop("user", None) or user_factory(preferred_language="nl")
        CouncilMember.objects.create(council=council, user=user, role=role, **kwargs)
        return user

    return make


@pytest.fixture
def chair(council, make_member):
    return make_member(council, CouncilMember.Role.CHAIR)


@pytest.fixture
def member(council, make_member):
    """A council member who is neither chair nor secretary."""
    return make_member(council, CouncilMember.Role.MEMBER)


@pytest.fixture
def make_advice():
    def make(council, addressee, *, slug="advies-wachttijden", sent_days_ago=None):
        advice = council.add_child(
            instance=AdvicePage(
                title="Advies over wachttijden",
                slug=slug,
                addressee=addressee,
                summary="Maak de wachttijden korter.",
                body=[],
            )
        )
        if sent_days_ago is not None:
            sent_on = timezone.localdate() - timedelta(days=sent_days_ago)
            AdviceDispatch.objects.create(
                advice=advice,
                sent_on=sent_on,
                answer_due_on=sent_on + timedelta(weeks=council.answer_period_weeks),
            )
        return advice

    return make


@pytest.fixture
def advice(make_advice, council, organisation):
    """Advice sent a week ago: the answer is due in five weeks."""
    return make_advice(council, organisation, sent_days_ago=7)


@pytest.fixture
def staff(user_factory, membership_factory, organisation):
    """Staff of the addressed organisation who answer advice."""
    user = user_factory(preferred_language="nl")
    membership_factory(user=user, organisation=organisation, role=Role.ADVICE_RESPONDER)
    return user


@pytest.fixture
def site_council(organisation):
    """A live youth council under the site's home, so its page has a URL (the
    public page shows members and vacancies)."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )
    return index.add_child(
        instance=CouncilPage(
            title="Jongerenraad Rivierstad",
            slug="jongerenraad-rivierstad",
            kind=CouncilPage.Kind.YOUTH,
            organisation=organisation,
            summary="De raad adviseert over jeugdhulp.",
        )
    )
