"""Adoption through the Wagtail admin: members draft, only the chair or secretary
adopts, and adopting publishes and sends the advice."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    TaskState,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

import pytest

from councils.models import (
    AdviceDispatch,
    AdvicePage,
    CouncilAdoptionTask,
    CouncilIndexPage,
    CouncilMember,
)
from councils.rules import answer_due_on
from councils.services.adoption import ensure_adoption_workflow

pytestmark = pytest.mark.django_db


# Set-up ---------------------------------------------------------------------


@pytest.fixture
def council_index(db):
    """The councils overview under the site's home page (so pages have URLs), with
    the adoption workflow."""
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))
    ensure_adoption_workflow(index)
    return index


@pytest.fixture
def editors(council_index):
    """A Wagtail group that may add, edit and publish pages under the councils
    overview: what council members and general editors get. Wagtail lets only who
    may publish approve the last task (approving publishes); the hooks narrow the
    group's rights down to the council's own members and adopters."""
    group = Group.objects.create(name="Redacteuren raden")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=council_index,
            permission=Permission.objects.get(codename=codename),
        )
    return group


@pytest.fixture
def sign_in(client, editors):
    def sign_in(user):
        user.groups.add(editors)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def outsider(user_factory):
    """An editor with page-editing rights who is no member of the council."""
    return user_factory(is_staff=True)


def advice_form(organisation, **overrides):
    data = {
        "title": "Advies over wachttijden",
        "slug": "advies-wachttijden",
        "kind": AdvicePage.Kind.UNSOLICITED,
        "addressee": organisation.pk,
        "summary": "Maak de wachttijden korter.",
        "body": streamfield(
            [("paragraph", rich_text("<p>Jongeren wachten te lang.</p>"))]
        ),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def create_url(council):
    return reverse(
        "wagtailadmin_pages:add", args=["councils", "advicepage", council.pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def draft(council, member, sign_in, organisation):
    """Advice a member drafted in the admin."""
    client = sign_in(member)
    response = client.post(create_url(council), advice_form(organisation))
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return AdvicePage.objects.get(slug="advies-wachttijden")


def latest_title(page) -> str:
    """The title in the page's newest revision, read afresh from the database."""
    return Page.objects.get(pk=page.pk).get_latest_revision().content["title"]


def submit(client, page, organisation):
    return client.post(
        edit_url(page), advice_form(organisation, **{"action-submit": "Submit"})
    )


def current_task_state(page) -> TaskState:
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def workflow_action(client, page, action):
    task_state = current_task_state(page)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, task_state.pk],
        ),
        {"comment": ""},
    )


# Drafting: council members only ----------------------------------------------


def test_member_drafts_advice_under_own_council(draft):
    assert not draft.live
    assert draft.adopted_on is None
    assert not AdviceDispatch.objects.filter(advice=draft).exists()


def test_editor_who_is_no_member_cannot_create_advice(
    council, outsider, sign_in, organisation
):
    client = sign_in(outsider)

    response = client.post(create_url(council), advice_form(organisation))

    assert response.status_code in (302, 403)
    assert response.get("Location", "") != edit_url(council)  # not "created"
    assert not AdvicePage.objects.exists()


def test_editor_who_is_no_member_cannot_edit_advice(
    draft, outsider, sign_in, organisation
):
    client = sign_in(outsider)

    get = client.get(edit_url(draft))
    post = client.post(edit_url(draft), advice_form(organisation, title="Overgenomen"))

    assert get.status_code in (302, 403) and "<form" not in get.content.decode()
    assert post.status_code in (302, 403)
    assert latest_title(draft) == "Advies over wachttijden"


def test_member_of_another_council_cannot_edit_advice(
    draft, make_council, make_member, organisation, sign_in
):
    other = make_council(organisation, slug="ouderraad")
    stranger = make_member(other, CouncilMember.Role.CHAIR)
    client = sign_in(stranger)

    response = client.post(
        edit_url(draft), advice_form(organisation, title="Overgenomen")
    )

    assert response.status_code in (302, 403)
    assert latest_title(draft) == "Advies over wachttijden"


def test_former_member_cannot_edit_advice(draft, council, make_member, sign_in):
    former = make_member(
        council, ends_on=timezone.localdate() - timezone.timedelta(days=1)
    )
    client = sign_in(former)

    assert client.get(edit_url(draft)).status_code in (302, 403)


def test_member_edits_own_councils_draft(draft, member, sign_in, organisation):
    client = sign_in(member)

    response = client.post(edit_url(draft), advice_form(organisation, title="Nieuw"))

    assert response.status_code == 302
    assert latest_title(draft) == "Nieuw"


def test_explorer_hides_another_councils_advice(draft, council, outsider, sign_in):
    client = sign_in(outsider)

    response = client.get(reverse("wagtailadmin_explore", args=[council.pk]))

    assert response.status_code == 200
    assert "Advies over wachttijden" not in response.content.decode()


def test_member_cannot_change_the_council_page(council, member, sign_in):
    """The council page holds the member list, so the roles: a plain member (or any
    editor) who could edit it could make themselves chair."""
    client = sign_in(member)

    assert client.get(edit_url(council)).status_code in (302, 403)


# Adoption: chair or secretary only -------------------------------------------


def test_adoption_through_the_workflow_publishes_and_sends(
    draft, member, chair, staff, sign_in, client, organisation, council, mailoutbox
):
    today = timezone.localdate()
    submit(sign_in(member), draft, organisation)
    client.logout()
    assert TaskState.objects.reviewable_by(chair).count() == 1

    sign_in(chair)
    response = workflow_action(client, draft, "approve")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert draft.adopted_on == today
    assert draft.live_revision.content["adopted_on"] == today.isoformat()
    dispatch = AdviceDispatch.objects.get(advice=draft)
    assert (dispatch.sent_on, dispatch.answer_due_on) == (
        today,
        answer_due_on(today, council.answer_period_weeks),
    )
    [mail] = [m for m in mailoutbox if staff.email in m.to]
    assert "Advies over wachttijden" in mail.subject
    assert "Maak de wachttijden korter." in mail.body
    assert f"http://testserver{draft.url}" in mail.body


def test_secretary_can_adopt(draft, member, make_member, council, sign_in, client):
    secretary = make_member(council, CouncilMember.Role.SECRETARY)
    submit(sign_in(member), draft, draft.addressee)
    client.logout()
    sign_in(secretary)

    workflow_action(client, draft, "approve")

    draft.refresh_from_db()
    assert draft.live and draft.adopted_on is not None


def test_chair_can_ask_for_changes(draft, member, chair, sign_in, client):
    submit(sign_in(member), draft, draft.addressee)
    client.logout()
    sign_in(chair)

    workflow_action(client, draft, "reject")

    draft.refresh_from_db()
    assert not draft.live and draft.adopted_on is None
    assert not AdviceDispatch.objects.exists()


def test_plain_member_cannot_adopt(draft, member, chair, sign_in, client):
    submit(sign_in(member), draft, draft.addressee)
    task = CouncilAdoptionTask.objects.get()

    response = workflow_action(client, draft, "approve")

    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live and draft.adopted_on is None
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS
    assert task.get_actions(draft, member) == []
    assert task.locked_for_user(draft, member)
    assert not TaskState.objects.reviewable_by(member).exists()


@pytest.mark.parametrize("who", ["chair_of_other_council", "superuser"])
def test_nobody_outside_the_council_adopts(
    who, draft, member, make_council, make_member, user_factory, sign_in, client
):
    submit(sign_in(member), draft, draft.addressee)
    client.logout()
    if who == "superuser":
        user = user_factory(is_superuser=True, is_staff=True)
    else:
        other = make_council(draft.addressee, slug="ouderraad")
        user = make_member(other, CouncilMember.Role.CHAIR)
    task = CouncilAdoptionTask.objects.get()
    sign_in(user)

    workflow_action(client, draft, "approve")

    draft.refresh_from_db()
    assert not draft.live
    assert task.get_actions(draft, user) == []
    assert not TaskState.objects.reviewable_by(user).exists()


def test_member_cannot_publish_without_adoption(draft, member, sign_in, organisation):
    # Their group may publish pages, but a member cannot skip the adoption.
    client = sign_in(member)

    client.post(
        edit_url(draft), advice_form(organisation, **{"action-publish": "Publish"})
    )

    draft.refresh_from_db()
    assert not draft.live and draft.adopted_on is None
    assert not AdviceDispatch.objects.exists()


def test_chair_publishing_directly_adopts_today(
    draft, chair, staff, sign_in, organisation, mailoutbox
):
    client = sign_in(chair)

    client.post(
        edit_url(draft), advice_form(organisation, **{"action-publish": "Publish"})
    )

    draft.refresh_from_db()
    assert draft.live and draft.adopted_on == timezone.localdate()
    assert AdviceDispatch.objects.filter(advice=draft).exists()
    assert any(staff.email in m.to for m in mailoutbox)


def test_republishing_keeps_the_clock_and_sends_nothing_again(
    draft, member, chair, staff, sign_in, client, mailoutbox
):
    submit(sign_in(member), draft, draft.addressee)
    client.logout()
    sign_in(chair)
    workflow_action(client, draft, "approve")
    dispatch = AdviceDispatch.objects.get(advice=draft)
    dispatch.sent_on -= timezone.timedelta(days=3)
    dispatch.save()
    mails = len(mailoutbox)

    page = AdvicePage.objects.get(pk=draft.pk)
    page.title = "Advies over wachttijden (gecorrigeerd)"
    page.save_revision(user=chair).publish(user=chair)

    dispatch.refresh_from_db()
    assert AdviceDispatch.objects.count() == 1
    assert dispatch.sent_on == timezone.localdate() - timezone.timedelta(days=3)
    assert len(mailoutbox) == mails
    page.refresh_from_db()
    assert page.adopted_on == timezone.localdate()


# Setting up the workflow -------------------------------------------------------


def test_ensure_adoption_workflow_is_idempotent(council_index):
    ensure_adoption_workflow(council_index)
    ensure_adoption_workflow(council_index)

    assert (
        Workflow.objects.filter(workflow_tasks__task__name__isnull=False)
        .filter(workflow_tasks__task__in=CouncilAdoptionTask.objects.all())
        .count()
        == 1
    )
    assert CouncilAdoptionTask.objects.count() == 1
    workflow = WorkflowPage.objects.get(page=council_index).workflow
    assert [t.specific_class for t in workflow.tasks] == [CouncilAdoptionTask]


def test_advice_uses_the_adoption_workflow(draft, council_index):
    workflow = Page.objects.get(pk=draft.pk).get_workflow()

    assert workflow == WorkflowPage.objects.get(page=council_index).workflow


def test_the_chair_hears_that_advice_waits_for_adoption(
    draft, member, chair, sign_in, organisation, mailoutbox
):
    submit(sign_in(member), draft, organisation)

    to_chair = [m for m in mailoutbox if chair.email in m.to]
    assert len(to_chair) == 1
    assert "Advies over wachttijden" in to_chair[0].subject
    assert f"/admin/pages/{draft.pk}/edit/" in to_chair[0].body
    assert not [m for m in mailoutbox if member.email in m.to]
