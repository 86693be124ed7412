"""Adoption cannot be skipped: on every path of the Wagtail admin, advice goes public
only through the adoption workflow or by the council's chair or secretary.

Each refused path is tried by three people: a plain member of the council (rights
from the council's groups only), a plain member who may also publish anywhere else
on the site (a site-wide group, like Wagtail's "Moderators"), and the chair of
another council. The chair's and secretary's own paths must keep working."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page, Revision, Site, TaskState

import pytest
import time_machine

from councils.models import (
    AdviceDispatch,
    AdvicePage,
    CouncilIndexPage,
    CouncilMember,
)
from councils.services.adoption import ensure_adoption_workflow

from .test_workflow import advice_form, create_url, edit_url, submit, workflow_action

pytestmark = pytest.mark.django_db

ACTORS = ["member", "member_who_publishes_elsewhere", "chair_of_other_council"]


# Set-up ---------------------------------------------------------------------


@pytest.fixture
def council_index(db):
    """The councils overview under the site's home page, with the adoption
    workflow, and no group with rights on it: rights come per council."""
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))
    ensure_adoption_workflow(index)
    return index


@pytest.fixture
def other_council(make_council, organisation):
    return make_council(organisation, slug="ouderraad")


@pytest.fixture
def site_publishers():
    """A site-wide group that may add, edit and publish every page (Wagtail's
    "Moderators" give this on the root)."""
    group = Group.objects.create(name="Websiteredactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    return group


@pytest.fixture
def actor(request, council, other_council, make_member, site_publishers):
    """Someone who may not adopt the council's advice."""
    if request.param == "chair_of_other_council":
        return make_member(other_council, CouncilMember.Role.CHAIR)
    user = make_member(council, CouncilMember.Role.MEMBER)
    if request.param == "member_who_publishes_elsewhere":
        user.groups.add(site_publishers)
    return user


@pytest.fixture
def secretary(council, make_member):
    return make_member(council, CouncilMember.Role.SECRETARY)


@pytest.fixture
def draft(council, organisation, make_member):
    """Advice a member drafted (two revisions: an older title and the current)."""
    writer = make_member(council, CouncilMember.Role.MEMBER)
    advice = council.add_child(
        instance=AdvicePage(
            title="Advies over wachttijden",
            slug="advies-wachttijden",
            addressee=organisation,
            summary="Maak de wachttijden korter.",
            body=[],
            live=False,
            owner=writer,
        )
    )
    advice.save_revision(user=writer)
    advice.title = "Advies over wachttijden, versie 2"
    advice.save_revision(user=writer)
    return AdvicePage.objects.get(pk=advice.pk)


@pytest.fixture
def adopted(council, organisation, make_advice):
    """Advice the council adopted and sent."""
    return make_advice(council, organisation, slug="advies-vervoer", sent_days_ago=7)


@pytest.fixture
def sign_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def went_public(page) -> bool:
    """Live, sent, or waiting to go live on a date."""
    return (
        AdvicePage.objects.filter(pk=page.pk, live=True).exists()
        or AdviceDispatch.objects.filter(advice_id=page.pk).exists()
        or Revision.page_revisions.filter(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        ).exists()
    )


def publish_form(organisation, **overrides):
    return advice_form(organisation, **{"action-publish": "Publish", **overrides})


def in_an_hour() -> str:
    return (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")


def run_publish_scheduled():
    """Wagtail's own scheduled publishing, run two hours from now."""
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled")


# Refused: whoever may not adopt ---------------------------------------------


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_create_screen_publish_does_not_publish(actor, council, organisation, sign_in):
    sign_in(actor).post(create_url(council), publish_form(organisation))

    assert not AdvicePage.objects.filter(live=True).exists()
    assert not AdviceDispatch.objects.exists()


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_edit_screen_publish_does_not_publish(actor, draft, organisation, sign_in):
    sign_in(actor).post(edit_url(draft), publish_form(organisation))

    assert not went_public(draft)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_bulk_publish_does_not_publish(actor, draft, sign_in):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    sign_in(actor).post(f"{url}?id={draft.pk}", {"include_descendants": "on"})

    assert not went_public(draft)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_scheduling_go_live_does_not_publish_later(actor, draft, organisation, sign_in):
    """In Wagtail 8 the go-live date is a field of every edit form, but only a
    publish turns it into a schedule (Revision.approved_go_live_at, which
    `publish_scheduled` reads); publishing needs the right to publish."""
    client = sign_in(actor)
    client.post(edit_url(draft), publish_form(organisation, go_live_at=in_an_hour()))
    client.post(edit_url(draft), advice_form(organisation, go_live_at=in_an_hour()))

    run_publish_scheduled()

    assert not went_public(draft)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_reverting_to_a_revision_does_not_publish(actor, draft, organisation, sign_in):
    older = draft.revisions.order_by("created_at", "pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, older.pk])

    sign_in(actor).post(url, publish_form(organisation, title="Advies, oude versie"))

    assert not went_public(draft)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
@pytest.mark.parametrize("publishing", ["publish_copies", "alias"])
def test_copying_adopted_advice_does_not_publish_the_copy(
    actor, publishing, adopted, council, sign_in
):
    sign_in(actor).post(
        reverse("wagtailadmin_pages:copy", args=[adopted.pk]),
        {
            "new_title": "Kopie",
            "new_slug": "kopie",
            "new_parent_page": council.pk,
            publishing: "on",
        },
    )

    assert not AdvicePage.objects.filter(slug="kopie", live=True).exists()


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_moving_adopted_advice_into_another_council_is_refused(
    actor, adopted, other_council, make_member, sign_in
):
    """Moving live advice under a council publishes it there. The actor is (also)
    a member of the other council."""
    if not CouncilMember.objects.filter(council=other_council, user=actor).exists():
        make_member(other_council, CouncilMember.Role.MEMBER, user=actor)

    sign_in(actor).post(
        reverse("wagtailadmin_pages:move_confirm", args=[adopted.pk, other_council.pk])
    )

    assert not AdvicePage.objects.child_of(other_council).exists()


def test_moving_live_advice_needs_the_destination_councils_adoption(
    adopted, council, other_council, chair, make_member, site_publishers, sign_in
):
    """The chair of one council who is a plain member of another (and may publish
    elsewhere on the site) cannot publish advice there by moving it."""
    make_member(other_council, CouncilMember.Role.MEMBER, user=chair)
    chair.groups.add(site_publishers)

    sign_in(chair).post(
        reverse("wagtailadmin_pages:move_confirm", args=[adopted.pk, other_council.pk])
    )

    assert not AdvicePage.objects.child_of(other_council).exists()
    assert not adopted.permissions_for_user(chair).can_move_to(other_council)


@pytest.mark.parametrize("actor", ACTORS, indirect=True)
def test_admin_api_actions_do_not_publish(
    actor, draft, adopted, council, other_council, sign_in
):
    client = sign_in(actor)
    api = "/admin/api/main/pages"

    client.post(
        f"{api}/{draft.pk}/action/publish/", {}, content_type="application/json"
    )
    client.post(
        f"{api}/{adopted.pk}/action/copy/",
        {"destination_page_id": council.pk, "keep_live": True, "slug": "kopie"},
        content_type="application/json",
    )
    client.post(
        f"{api}/{adopted.pk}/action/create_alias/",
        {"destination_page_id": council.pk, "update_slug": "alias"},
        content_type="application/json",
    )
    client.post(
        f"{api}/{adopted.pk}/action/move/",
        {"destination_page_id": other_council.pk},
        content_type="application/json",
    )

    assert not went_public(draft)
    assert not AdvicePage.objects.filter(slug__in=["kopie", "alias"], live=True)
    assert not AdvicePage.objects.child_of(other_council).exists()


def test_a_member_only_submits_to_the_workflow(draft, member, organisation, sign_in):
    """What a plain member can do: submit the advice for adoption."""
    response = submit(sign_in(member), draft, organisation)

    assert response.status_code == 302
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()
    assert not went_public(draft)


# Still possible: the chair and the secretary --------------------------------


def test_chair_creates_and_publishes_at_once(chair, council, organisation, sign_in):
    sign_in(chair).post(create_url(council), publish_form(organisation))

    advice = AdvicePage.objects.get(slug="advies-wachttijden")
    assert advice.live and advice.adopted_on == timezone.localdate()
    assert AdviceDispatch.objects.filter(advice=advice).exists()


def test_secretary_publishes_in_bulk(secretary, draft, sign_in):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    sign_in(secretary).post(f"{url}?id={draft.pk}", {})

    assert AdvicePage.objects.get(pk=draft.pk).live


def test_chair_schedules_and_publish_scheduled_publishes(
    chair, draft, organisation, sign_in
):
    sign_in(chair).post(
        edit_url(draft), publish_form(organisation, go_live_at=in_an_hour())
    )
    assert not AdvicePage.objects.get(pk=draft.pk).live

    run_publish_scheduled()

    assert AdvicePage.objects.get(pk=draft.pk).live


def test_chair_reverts_to_a_revision_and_publishes(chair, draft, organisation, sign_in):
    older = draft.revisions.order_by("created_at", "pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, older.pk])

    sign_in(chair).post(url, publish_form(organisation, title="Advies, oude versie"))

    advice = AdvicePage.objects.get(pk=draft.pk)
    assert advice.live and advice.title == "Advies, oude versie"


def test_chair_adopts_through_the_workflow(
    draft, member, chair, organisation, sign_in, client
):
    submit(sign_in(member), draft, organisation)
    client.logout()

    workflow_action(sign_in(chair), draft, "approve")

    advice = AdvicePage.objects.get(pk=draft.pk)
    assert advice.live and advice.adopted_on == timezone.localdate()
