"""The demo shows every part of the experts' marketplace."""

from decimal import Decimal

import pytest

from experience_experts.models import (
    Assignment,
    ConflictDeclaration,
    ExpertProfile,
    ProcurementRound,
)
from experience_experts.services import statements
from inspraak.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_marketplace_in_every_state(demo_site):
    states = set(Assignment.objects.values_list("state", flat=True))
    assert states == set(Assignment.State.values)
    region_round = ProcurementRound.objects.get(reference="MV-2027-JH")
    assert region_round.organisation.kind == "region"
    assert region_round.bidders.count() == 3
    assert ProcurementRound.objects.filter(procedure="open_house").exists()
    pay_modes = set(ExpertProfile.objects.values_list("pay_mode", flat=True))
    assert pay_modes == {"volunteer", "freelancer"}
    assert ConflictDeclaration.objects.filter(decision="pending").exists()


def test_sam_is_close_to_the_2025_yearly_limit_but_tax_free(demo_site):
    sam = User.objects.get(email="ervaringsdeskundige@inspraak.test")
    result = statements.year_verdict(sam, 2025)
    assert result.verdict.tax_free
    assert result.verdict.total == Decimal("2044.00")
    assert result.limits.yearly - result.verdict.total == Decimal("56.00")
    assert statements.year_verdict(sam, 2026).limits_missing


def test_the_demo_under_21_expert_is_paid_within_the_young_rate(demo_site):
    lina = User.objects.get(email="lina@inspraak.test")
    assert (
        lina.expert_profile.age_on(
            lina.expert_profile.date_of_birth.replace(year=2025, month=9, day=20)
        )
        < 21
    )
    assert statements.year_verdict(lina, 2025).verdict.tax_free
