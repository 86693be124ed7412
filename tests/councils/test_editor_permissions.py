"""In the editor, a council's advice belongs to its members: others do not see its
drafts, and only the chair or secretary may publish (adopt) it."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(council_index):
    group = Group.objects.create(name="Redacteuren")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=council_index,
            permission=Permission.objects.get(codename=codename),
        )
    return group


@pytest.fixture
def draft(council, organisation, make_advice):
    advice = make_advice(council, organisation, slug="concept")
    advice.unpublish()
    advice.save_revision()
    return advice


def test_only_members_see_a_draft(client, draft, member, user_factory, editors):
    outsider = user_factory(is_staff=True)
    for user in (outsider, member):
        user.groups.add(editors)
    client.force_login(outsider)
    assert client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code in (302, 403)
    assert not draft.permissions_for_user(outsider).can_edit()
    client.force_login(member)
    assert client.get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200


def test_only_the_chair_may_publish_advice(draft, member, chair, editors):
    for user in (member, chair):
        user.groups.add(editors)
    assert draft.permissions_for_user(member).can_edit()
    assert not draft.permissions_for_user(member).can_publish()
    assert draft.permissions_for_user(chair).can_publish()


def test_only_members_may_add_advice_under_their_council(
    council, member, user_factory, editors
):
    outsider = user_factory(is_staff=True)
    for user in (outsider, member):
        user.groups.add(editors)
    assert council.permissions_for_user(member).can_add_subpage()
    assert not council.permissions_for_user(outsider).can_add_subpage()


def test_a_member_under_16_without_consent_cannot_draft(council, member, editors):
    from inspraak.accounts.consent import answer, start_consent

    member.groups.add(editors)
    consent = start_consent(member, "ouder@example.test")
    assert not council.permissions_for_user(member).can_add_subpage()
    answer(consent, "give")
    member.refresh_from_db()
    assert council.permissions_for_user(member).can_add_subpage()
