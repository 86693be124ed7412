"""Each council's Wagtail groups follow its memberships: members may add and edit
its advice, only the chair and secretary may also publish it, and nobody keeps a
right after their term ends."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import GroupPagePermission

import pytest
import time_machine

from councils.models import AdvicePage, CouncilMember, CouncilPage
from councils.page_permissions import (
    adopters_group_name,
    members_group_name,
    sync_council_permissions,
)

pytestmark = pytest.mark.django_db


def page_rights(user, council) -> set[str]:
    """The page permissions `user`'s groups give on `council`."""
    return set(
        GroupPagePermission.objects.filter(group__user=user, page=council).values_list(
            "permission__codename", flat=True
        )
    )


def test_a_member_may_add_and_edit_but_not_publish(council, member):
    assert page_rights(member, council) == {"add_page", "change_page"}
    perms = council.permissions_for_user(member)
    assert perms.can_add_subpage()
    assert not perms.can_publish_subpage()


def test_the_chair_and_secretary_may_also_publish(council, chair, make_member):
    secretary = make_member(council, CouncilMember.Role.SECRETARY)

    for adopter in (chair, secretary):
        assert page_rights(adopter, council) == {
            "add_page",
            "change_page",
            "publish_page",
        }
        assert council.permissions_for_user(adopter).can_publish_subpage()


def test_rights_stay_within_the_council(council, make_council, organisation, chair):
    other = make_council(organisation, slug="ouderraad")

    assert page_rights(chair, other) == set()
    assert not other.permissions_for_user(chair).can_add_subpage()


def test_the_groups_open_the_admin(council, member):
    assert member.has_perm("wagtailadmin.access_admin")


def test_a_chair_who_becomes_member_loses_publishing(council, chair):
    membership = CouncilMember.objects.get(user=chair)
    membership.role = CouncilMember.Role.MEMBER
    membership.save()

    assert "publish_page" not in page_rights(chair, council)


def test_a_removed_member_loses_every_right(council, member):
    CouncilMember.objects.get(user=member).delete()

    assert page_rights(member, council) == set()


def test_a_member_removed_on_the_council_page_loses_every_right(council, member, chair):
    """The member list is an inline of the council page: publishing the page
    without the member deletes the row."""
    page = CouncilPage.objects.get(pk=council.pk)
    page.members = [m for m in page.members.all() if m.user_id != member.pk]
    page.save_revision(user=chair).publish(user=chair)

    assert page_rights(member, council) == set()
    assert "publish_page" in page_rights(chair, council)


def test_terms_that_start_and_end_by_date_follow_the_daily_run(council, make_member):
    today = timezone.localdate()
    leaving = make_member(council, ends_on=today)
    joining = make_member(council, starts_on=today + timedelta(days=1))
    assert page_rights(leaving, council) and not page_rights(joining, council)

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        call_command("sync_council_permissions", verbosity=0)

    assert page_rights(leaving, council) == set()
    assert page_rights(joining, council) == {"add_page", "change_page"}


def test_the_daily_run_repairs_the_groups_and_removes_those_of_gone_councils(
    council, member, make_council, organisation, make_member
):
    members = Group.objects.get(name=members_group_name(council.pk))
    GroupPagePermission.objects.create(
        group=members,
        page=council,
        permission=Permission.objects.get(codename="publish_page"),
    )
    gone = make_council(organisation, slug="opgeheven")
    make_member(gone)
    gone_pk = gone.pk
    gone.delete()

    call_command("sync_council_permissions", verbosity=0)

    assert page_rights(member, council) == {"add_page", "change_page"}
    assert not Group.objects.filter(
        name__in=[members_group_name(gone_pk), adopters_group_name(gone_pk)]
    ).exists()


def test_sync_is_idempotent(council, member, chair):
    first = sync_council_permissions(council)
    second = sync_council_permissions(council)

    assert first == second
    assert GroupPagePermission.objects.filter(page=council).count() == 5


def test_the_migration_builds_the_groups_and_ends_the_shared_group(
    council, member, chair
):
    """Migration 0003 on a database from before: the shared group "Raadsleden"
    with publish rights on the whole councils tree goes, each council gets its
    groups."""
    Group.objects.filter(name__startswith="Adviesraad ").delete()
    shared = Group.objects.create(name="Raadsleden")
    GroupPagePermission.objects.create(
        group=shared,
        page=council.get_parent(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    member.groups.add(shared)
    migration = importlib.import_module(
        "councils.migrations.0003_council_page_permissions"
    )

    migration.build_groups(apps, None)

    assert not Group.objects.filter(name="Raadsleden").exists()
    assert page_rights(member, council) == {"add_page", "change_page"}
    assert "publish_page" in page_rights(chair, council)


def test_no_demo_member_may_publish_advice_without_adoption(demo_site):
    """On the demo content: every current member who is neither chair nor
    secretary can write their council's advice but publish none."""
    members = (
        CouncilMember.objects.current()
        .filter(role=CouncilMember.Role.MEMBER)
        .select_related("user", "council")
    )
    assert members.exists()
    for membership in members:
        user, council = membership.user, membership.council
        if (
            CouncilMember.objects.current()
            .filter(user=user, council=council, role__in=CouncilMember.ADOPTING_ROLES)
            .exists()
        ):
            continue
        assert council.permissions_for_user(user).can_add_subpage()
        assert not council.permissions_for_user(user).can_publish_subpage()
        for advice in AdvicePage.objects.child_of(council):
            assert not advice.permissions_for_user(user).can_publish(), advice
