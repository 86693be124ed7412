"""Who may moderate a live session, and who may not."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from inspraak.organisations.models import Role
from participation.live.permissions import can_moderate, moderated_sessions


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.POLICY, Role.ADMIN])
def test_moderating_roles_of_the_organisation_may(live_session, org_member, role):
    assert can_moderate(org_member(role), live_session)


@pytest.mark.parametrize(
    "role",
    [
        Role.CASE_HANDLER,
        Role.PROCUREMENT,
        Role.ADVICE_RESPONDER,
        Role.CONFIDENTIAL_ADVISER,
    ],
)
def test_other_roles_of_the_organisation_may_not(live_session, org_member, role):
    user = org_member(role)
    assert not can_moderate(user, live_session)
    assert not moderated_sessions(user).exists()


def test_a_moderator_of_another_organisation_may_not(
    live_session, user_factory, membership_factory, organisation_factory
):
    user = user_factory()
    membership_factory(
        user=user, organisation=organisation_factory(), role=Role.MODERATOR
    )
    assert not can_moderate(user, live_session)


def test_a_past_membership_does_not_count(
    live_session, user_factory, membership_factory, organisation
):
    user = user_factory()
    membership_factory(
        user=user,
        organisation=organisation,
        role=Role.MODERATOR,
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert not can_moderate(user, live_session)


def test_an_assigned_moderator_may_only_in_that_session(
    live_session, other_session, user_factory
):
    user = user_factory()
    live_session.moderators.add(user)
    assert can_moderate(user, live_session)
    assert not can_moderate(user, other_session)
    assert list(moderated_sessions(user)) == [live_session]


def test_superusers_may_and_anonymous_or_inactive_people_may_not(
    live_session, user_factory
):
    assert can_moderate(user_factory(is_superuser=True), live_session)
    assert not can_moderate(AnonymousUser(), live_session)
    assert not can_moderate(None, live_session)
    inactive = user_factory(is_active=False)
    live_session.moderators.add(inactive)
    assert not can_moderate(inactive, live_session)
