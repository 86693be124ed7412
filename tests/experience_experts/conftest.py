"""Fixtures for experience experts: a municipality with an organiser, a region's
procurement round with bidders, experts with profiles, and an assignment maker."""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from experience_experts.models import (
    Assignment,
    Criterion,
    ExpertProfile,
    ProcurementRound,
    Session,
)
from inspraak.organisations.models import Organisation, Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

TODAY = datetime.date(2025, 6, 16)  # a Monday


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def municipality(db):
    return OrganisationFactory(name="Gemeente Oost", slug="gemeente-oost")


@pytest.fixture
def other_municipality(db):
    return OrganisationFactory(name="Gemeente West", slug="gemeente-west")


@pytest.fixture
def provider(db):
    return OrganisationFactory(
        name="Jeugdhulp Anker", slug="anker", kind=Organisation.Kind.PROVIDER
    )


@pytest.fixture
def organiser(municipality):
    user = UserFactory(display_name="Olga Organisator")
    MembershipFactory(user=user, organisation=municipality, role=Role.POLICY)
    return user


@pytest.fixture
def other_organiser(other_municipality):
    user = UserFactory(display_name="Wim West")
    MembershipFactory(user=user, organisation=other_municipality, role=Role.PROCUREMENT)
    return user


def make_expert(name="Eva Expert", born=datetime.date(1990, 1, 1), **fields):
    user = UserFactory(display_name=name)
    regions = fields.pop("regions", [])
    profile = ExpertProfile.objects.create(
        user=user,
        date_of_birth=born,
        consent_given_at=timezone.now(),
        themes=fields.pop("themes", ["foster_care"]),
        work_kinds=fields.pop("work_kinds", ["procurement_panel"]),
        available_days=fields.pop("available_days", ["0", "1", "2", "3", "4"]),
        **fields,
    )
    profile.regions.set(regions)
    return profile


@pytest.fixture
def expert(municipality):
    return make_expert(regions=[municipality]).user


@pytest.fixture
def other_expert(db):
    return make_expert(name="Otto Ander").user


@pytest.fixture
def procurement_round(municipality, provider):
    procurement_round = ProcurementRound.objects.create(
        organisation=municipality,
        name="Inkoop jeugdhulp 2026",
        reference="IJ-2026",
        procedure=ProcurementRound.Procedure.TENDER,
        lots="Perceel 1: ambulant\nPerceel 2: verblijf",
    )
    procurement_round.bidders.add(provider)
    procurement_round.save()  # a ParentalManyToManyField is written on save
    return procurement_round


@pytest.fixture
def published_criterion(procurement_round):
    return Criterion.objects.create(
        procurement_round=procurement_round,
        title="Jongeren praten mee",
        published_on=datetime.date(2025, 1, 1),
    )


def make_assignment(organisation, *, sessions=(), state=Assignment.State.OPEN, **kw):
    defaults = {
        "title": "Meelezen inschrijvingen",
        "description": "Je leest de plannen van aanbieders en geeft je mening.",
        "themes": ["foster_care"],
        "work_kinds": ["procurement_panel"],
        "fee_type": Assignment.FeeType.HOURLY,
        "fee_amount": Decimal("5.00"),
        "application_deadline": timezone.localdate() + datetime.timedelta(days=14),
        "state": state,
    }
    defaults.update(kw)
    assignment = Assignment.objects.create(organisation=organisation, **defaults)
    for day, start, end in sessions:
        Session.objects.create(
            assignment=assignment,
            date=day,
            starts_at=datetime.time(*start),
            ends_at=datetime.time(*end),
            place="Stadhuis",
        )
    return assignment


@pytest.fixture
def assignment(municipality):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return make_assignment(municipality, sessions=[(day, (10,), (12,))])


@pytest.fixture
def english():
    """Refusals are asserted on their English source text; the site's default is
    Dutch (the Dutch wording is checked on the pages)."""
    from django.utils import translation

    with translation.override("en"):
        yield
