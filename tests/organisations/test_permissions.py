"""The permission module decides which organisations a person acts for.
Every rule is tested for the person who must NOT get in."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from inspraak.organisations import permissions
from inspraak.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities(organisation_factory):
    return organisation_factory(name="Gemeente A", slug="a"), organisation_factory(
        name="Gemeente B", slug="b"
    )


def scoped_ids(user, roles=None):
    qs = permissions.scope(Membership.objects.all(), user, roles)
    return set(qs.values_list("organisation_id", flat=True))


def test_handler_sees_own_municipality_only(
    municipalities, membership_factory, user_factory
):
    a, b = municipalities
    handler = membership_factory(organisation=a, role=Role.CASE_HANDLER).user
    membership_factory(organisation=b, role=Role.CASE_HANDLER)  # someone at B

    assert scoped_ids(handler) == {a.pk}
    assert not permissions.has_role(handler, b)
    assert set(permissions.organisations_for(handler)) == {a}


def test_other_role_in_same_organisation_does_not_count(
    municipalities, membership_factory
):
    a, _ = municipalities
    moderator = membership_factory(organisation=a, role=Role.MODERATOR).user

    assert permissions.has_role(moderator, a, Role.MODERATOR)
    assert not permissions.has_role(moderator, a, Role.CASE_HANDLER)
    assert scoped_ids(moderator, Role.CASE_HANDLER) == set()


def test_person_without_membership_sees_nothing(
    municipalities, user_factory, membership_factory
):
    a, _ = municipalities
    membership_factory(organisation=a)
    outsider = user_factory()

    assert scoped_ids(outsider) == set()
    assert not permissions.organisations_for(outsider).exists()


def test_anonymous_sees_nothing(municipalities, membership_factory):
    a, _ = municipalities
    membership_factory(organisation=a)

    assert scoped_ids(AnonymousUser()) == set()
    assert scoped_ids(None) == set()
    assert not permissions.has_role(AnonymousUser(), a)


def test_ended_and_future_memberships_do_not_count(municipalities, membership_factory):
    a, b = municipalities
    today = timezone.localdate()
    ended = membership_factory(organisation=a, ends_on=today - timedelta(days=1))
    future = membership_factory(organisation=b, starts_on=today + timedelta(days=1))
    last_day = membership_factory(organisation=a, ends_on=today)

    assert scoped_ids(ended.user) == set()
    assert scoped_ids(future.user) == set()
    assert scoped_ids(last_day.user) == {a.pk}


def test_inactive_person_or_organisation_loses_access(
    municipalities, membership_factory
):
    a, b = municipalities
    member_a = membership_factory(organisation=a).user
    member_b = membership_factory(organisation=b).user
    member_a.is_active = False
    member_a.save()
    Organisation.objects.filter(pk=b.pk).update(is_active=False)

    assert scoped_ids(member_a) == set()
    assert scoped_ids(member_b) == set()


def test_region_role_does_not_open_member_municipalities(
    municipalities, organisation_factory, membership_factory
):
    a, b = municipalities
    region = organisation_factory(
        name="Regio", slug="regio", kind=Organisation.Kind.REGION
    )
    region.member_municipalities.add(a, b)
    buyer = membership_factory(organisation=region, role=Role.PROCUREMENT).user
    membership_factory(organisation=a)

    assert permissions.has_role(buyer, region, Role.PROCUREMENT)
    assert not permissions.has_role(buyer, a)
    assert scoped_ids(buyer) == {region.pk}


def test_superuser_sees_everything(municipalities, membership_factory, user_factory):
    a, b = municipalities
    membership_factory(organisation=a)
    membership_factory(organisation=b)
    admin = user_factory(is_superuser=True, is_staff=True)

    assert scoped_ids(admin) == {a.pk, b.pk}
    assert permissions.has_role(admin, b, Role.CASE_HANDLER)


def test_can_see_object(municipalities, membership_factory):
    a, b = municipalities
    mine = membership_factory(organisation=a)
    theirs = membership_factory(organisation=b)

    assert permissions.can_see(mine.user, mine)
    assert not permissions.can_see(mine.user, theirs)


def test_scope_follows_a_lookup_path(municipalities, membership_factory, user_factory):
    """Apps scope models that reach an organisation through another model."""
    a, b = municipalities
    handler = membership_factory(organisation=a).user
    mine = membership_factory(organisation=a)
    membership_factory(organisation=b)

    from inspraak.accounts.models import User

    visible = permissions.scope(
        User.objects.all(), handler, field="memberships__organisation"
    )
    assert mine.user in visible
    assert set(visible.values_list("memberships__organisation", flat=True)) == {a.pk}


def test_region_cannot_be_its_own_kind_mismatch(organisation_factory):
    """Only regions have member municipalities."""
    from django.core.exceptions import ValidationError

    a = organisation_factory()
    b = organisation_factory()
    a.member_municipalities.add(b)
    with pytest.raises(ValidationError):
        a.full_clean()


def test_membership_end_before_start_is_refused(municipalities, user_factory):
    from django.core.exceptions import ValidationError

    a, _ = municipalities
    today = timezone.localdate()
    membership = Membership(
        user=user_factory(),
        organisation=a,
        role=Role.POLICY,
        starts_on=today,
        ends_on=today - timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        membership.full_clean()
