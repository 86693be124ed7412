"""Policy officers work in the Wagtail admin on their own organisation's
consultations, "you said, we did" and live sessions, and reach nothing of another
organisation on any path: listings, URLs by id, the admin API, choosers, bulk
actions and form choices. Their access follows their role."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page, PagePermissionTester
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from inspraak.organisations.models import Membership, Role
from participation.admin_permissions.group import ORGANISERS_GROUP
from participation.live.models import LiveSession
from participation.models import ConsultationPage, FeedbackItem


@pytest.fixture
def other_organisation(organisation_factory):
    return organisation_factory(name="Gemeente Noorddorp", slug="noorddorp")


@pytest.fixture
def other_officer(user_factory, membership_factory, other_organisation):
    user = user_factory(display_name="Joost")
    membership_factory(user=user, organisation=other_organisation, role=Role.POLICY)
    return user


@pytest.fixture
def ours(make_consultation):
    page = make_consultation("open", title="Wachttijden Voorstad", questions=0)
    page.save_revision()
    return page


@pytest.fixture
def theirs(make_consultation, other_organisation):
    return make_consultation(
        "open",
        organisation=other_organisation,
        title="Geheim plan Noorddorp",
        questions=0,
    )


@pytest.fixture
def our_item(ours):
    return FeedbackItem.objects.create(
        consultation=ours, heading="Sneller loket", what_we_heard="a", what_we_did="b"
    )


@pytest.fixture
def our_session(ours):
    return LiveSession.objects.create(
        consultation=ours, title="Vragenuur Voorstad", starts_at=timezone.now()
    )


def _page_data(page: ConsultationPage, **changes) -> dict:
    """The edit form of a consultation as the browser posts it."""
    moment = "%Y-%m-%d %H:%M"
    local = timezone.localtime
    values = {
        "title": page.title,
        "slug": page.slug,
        "organisation": page.organisation_id,
        "summary": page.summary,
        "audience": "",
        "min_age": "",
        "max_age": "",
        "announced_on": page.announced_on.isoformat(),
        "opens_at": local(page.opens_at).strftime(moment),
        "closes_at": local(page.closes_at).strftime(moment),
        "live_starts_at": "",
        "live_ends_at": "",
        "feedback_due_on": page.feedback_due_on.isoformat(),
        "ends_on": "",
        "body": streamfield([]),
        "questions": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    values.update(changes)
    return nested_form_data(values)


# Who reaches the admin --------------------------------------------------------


def test_the_policy_officer_opens_the_admin_and_the_explorer(
    client, policy_officer, ours, theirs
):
    client.force_login(policy_officer)
    assert client.get("/admin/").status_code == 200
    explorer = client.get("/admin/pages/", follow=True)
    assert explorer.status_code == 200
    index = client.get(f"/admin/pages/{ours.get_parent().pk}/")
    assert index.status_code == 200
    assert ours.title in index.content.decode()
    assert theirs.title not in index.content.decode()


def test_the_role_brings_the_group_and_taking_it_away_closes_the_admin(
    client, policy_officer, ours
):
    assert policy_officer.groups.filter(name=ORGANISERS_GROUP).exists()
    membership = Membership.objects.get(user=policy_officer)
    membership.ends_on = timezone.localdate() - timedelta(days=1)
    membership.starts_on = membership.ends_on - timedelta(days=30)
    membership.save()
    assert not policy_officer.groups.filter(name=ORGANISERS_GROUP).exists()
    client.force_login(policy_officer)
    assert client.get("/admin/").status_code != 200


def test_a_membership_that_starts_later_opens_the_admin_at_sign_in(
    client, user_factory, membership_factory, organisation, ours
):
    officer = user_factory()
    membership = membership_factory(
        user=officer,
        organisation=organisation,
        role=Role.POLICY,
        starts_on=timezone.localdate() + timedelta(days=1),
    )
    assert not officer.groups.filter(name=ORGANISERS_GROUP).exists()
    # The start date passes without anyone saving the membership.
    Membership.objects.filter(pk=membership.pk).update(starts_on=timezone.localdate())
    client.force_login(officer)
    assert client.get("/admin/").status_code == 200


def test_deleting_the_membership_takes_the_group(policy_officer):
    Membership.objects.get(user=policy_officer).delete()
    assert not policy_officer.groups.filter(name=ORGANISERS_GROUP).exists()


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.CASE_HANDLER])
def test_other_roles_get_no_admin(
    client, user_factory, membership_factory, organisation, role
):
    person = user_factory()
    membership_factory(user=person, organisation=organisation, role=role)
    client.force_login(person)
    assert client.get("/admin/").status_code != 200


def test_a_young_person_and_a_visitor_cannot_reach_the_admin(
    client, user_factory, ours
):
    assert client.get("/admin/").status_code == 302
    assert client.get(f"/admin/pages/{ours.pk}/edit/").status_code == 302
    assert client.get("/admin/api/main/pages/").status_code in (302, 403)
    client.force_login(user_factory(display_name="Daan"))
    for url in ("/admin/", f"/admin/pages/{ours.pk}/edit/", "/admin/live_sessions/"):
        assert client.get(url).status_code != 200, url


# Our own consultation -----------------------------------------------------------


def test_the_policy_officer_edits_and_publishes_our_consultation(
    client, policy_officer, ours
):
    client.force_login(policy_officer)
    assert client.get(f"/admin/pages/{ours.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{ours.pk}/edit/",
        _page_data(
            ours, title="Wachttijden Voorstad (nieuw)", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    ours.refresh_from_db()
    assert ours.title == "Wachttijden Voorstad (nieuw)"
    assert ours.live


def test_a_new_consultation_is_only_for_our_own_organisation(
    client, policy_officer, ours, other_organisation, organisation
):
    client.force_login(policy_officer)
    index = ours.get_parent()
    add = f"/admin/pages/add/participation/consultationpage/{index.pk}/"
    response = client.get(add)
    assert response.status_code == 200
    offered = response.context["form"].fields["organisation"].queryset
    assert list(offered) == [organisation]

    page = ConsultationPage(
        title="Nieuw plan",
        slug="nieuw-plan",
        organisation=other_organisation,
        summary="Wat vind jij?",
        announced_on=timezone.localdate(),
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=10),
        feedback_due_on=timezone.localdate() + timedelta(days=40),
    )
    refused = client.post(add, _page_data(page))
    assert refused.status_code == 200
    assert "organisation" in refused.context["form"].errors
    assert not ConsultationPage.objects.filter(slug="nieuw-plan").exists()

    accepted = client.post(add, _page_data(page, organisation=organisation.pk))
    assert accepted.status_code == 302
    assert ConsultationPage.objects.get(slug="nieuw-plan").organisation == organisation


def test_the_overview_page_itself_is_not_the_organisers(client, policy_officer, ours):
    index = ours.get_parent()
    tester = index.permissions_for_user(policy_officer)
    assert tester.can_add_subpage()
    assert not tester.can_edit()
    assert not tester.can_publish()
    assert not tester.can_delete()
    client.force_login(policy_officer)
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code != 200


# Another organisation's consultation --------------------------------------------


def test_every_page_action_is_refused_for_another_organisation(other_officer, ours):
    tester = Page.objects.get(pk=ours.pk).permissions_for_user(other_officer)
    questions = [name for name in dir(PagePermissionTester) if name.startswith("can_")]
    answers = {}
    for name in questions:
        method = getattr(tester, name)
        answers[name] = (
            method(ours.get_parent())
            if name in ("can_move_to", "can_copy_to")
            else method()
        )
    assert not any(answers.values()), answers


@pytest.mark.parametrize(
    "path",
    [
        "edit/",
        "delete/",
        "unpublish/",
        "copy/",
        "move/",
        "history/",
        "usage/",
        "lock/",
        "view_draft/",
        "edit/preview/",
        "privacy/",
        "workflow_history/",
        "revisions/{revision}/view/",
        "revisions/{revision}/revert/",
        "revisions/compare/earliest...{revision}/",
    ],
)
def test_another_organisation_cannot_open_our_page_by_id(
    client, other_officer, ours, path
):
    client.force_login(other_officer)
    path = path.format(revision=ours.latest_revision_id)
    response = client.get(f"/admin/pages/{ours.pk}/{path}")
    assert response.status_code != 200 or ours.title not in response.content.decode()


def test_another_organisation_cannot_edit_or_publish_our_page(
    client, other_officer, ours
):
    client.force_login(other_officer)
    client.post(
        f"/admin/pages/{ours.pk}/edit/",
        _page_data(ours, title="Overgenomen", **{"action-publish": "1"}),
    )
    client.post(f"/admin/api/main/pages/{ours.pk}/action/publish/", {})
    client.post(f"/admin/pages/{ours.pk}/delete/")
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={ours.pk}")
    client.post(f"/admin/pages/{ours.pk}/lock/")
    ours.refresh_from_db()
    assert ours.title == "Wachttijden Voorstad"
    assert not ours.locked
    assert ConsultationPage.objects.filter(pk=ours.pk).exists()


def test_another_organisation_does_not_see_our_page_in_any_listing(
    client, policy_officer, other_officer, ours, theirs
):
    # Locked and edited by our officer: it would show in the reports.
    client.force_login(policy_officer)
    client.post(f"/admin/pages/{ours.pk}/lock/")
    ours.refresh_from_db()
    assert ours.locked
    assert ours.title in client.get("/admin/reports/locked/").content.decode()
    client.force_login(other_officer)
    index = ours.get_parent()
    urls = [
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/?q=Wachttijden",
        "/admin/pages/search/?q=Wachttijden",
        f"/admin/choose-page/{index.pk}/",
        "/admin/choose-page/search/?q=Wachttijden",
        f"/admin/bulk/wagtailcore/page/publish/?id={ours.pk}",
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={index.pk}",
        "/admin/pages/usage/participation/consultationpage/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/",
    ]
    for url in urls:
        response = client.get(url)
        assert ours.title not in response.content.decode(), url
    # Their own is there, so the listings did work.
    assert theirs.title in client.get(f"/admin/pages/{index.pk}/").content.decode()


def test_the_admin_api_shows_another_organisation_nothing(
    client, other_officer, ours, theirs
):
    client.force_login(other_officer)
    index = ours.get_parent()
    listing = client.get(f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1")
    ids = [item["id"] for item in listing.json()["items"]]
    assert theirs.pk in ids
    assert ours.pk not in ids
    everything = client.get("/admin/api/main/pages/")
    assert ours.pk not in [item["id"] for item in everything.json()["items"]]
    assert client.get(f"/admin/api/main/pages/{ours.pk}/").status_code == 404


# "You said, we did" -------------------------------------------------------------


def test_the_policy_officer_edits_our_feedback_item(client, policy_officer, our_item):
    client.force_login(policy_officer)
    edit = f"/admin/snippets/participation/feedbackitem/edit/{our_item.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "consultation": our_item.consultation_id,
            "heading": "Sneller loket, ook op zaterdag",
            "what_we_heard": "a",
            "what_we_did": "b",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    our_item.refresh_from_db()
    assert our_item.heading == "Sneller loket, ook op zaterdag"


def test_another_organisation_reaches_none_of_our_feedback(
    client, other_officer, our_item, theirs
):
    client.force_login(other_officer)
    base = "/admin/snippets/participation/feedbackitem"
    for path in ("edit", "delete", "usage", "history", "copy"):
        assert client.get(f"{base}/{path}/{our_item.pk}/").status_code == 404, path
    chosen = f"/admin/snippets/choose/participation/feedbackitem/chosen/{our_item.pk}/"
    assert client.get(chosen).status_code == 404
    for url in (
        f"{base}/",
        "/admin/snippets/choose/participation/feedbackitem/",
        f"/admin/snippets/choose/participation/feedbackitem/chosen-multiple/?id={our_item.pk}",
        f"/admin/bulk/participation/feedbackitem/delete/?id={our_item.pk}",
    ):
        assert our_item.heading not in client.get(url).content.decode(), url
    add = client.get(f"{base}/add/")
    assert list(add.context["form"].fields["consultation"].queryset) == [theirs]
    listing = client.get(f"{base}/")
    filter_choices = listing.context["filters"].form.fields["consultation"].queryset
    assert list(filter_choices) == [theirs]

    client.post(f"{base}/edit/{our_item.pk}/", {"heading": "Weg", "sort_order": 0})
    client.post(f"{base}/delete/{our_item.pk}/")
    client.post(f"/admin/bulk/participation/feedbackitem/delete/?id={our_item.pk}")
    our_item.refresh_from_db()
    assert our_item.heading == "Sneller loket"


# Live sessions ------------------------------------------------------------------


def _session_data(session, **changes):
    moment = "%Y-%m-%d %H:%M"
    return {
        "title": session.title,
        "consultation": session.consultation_id,
        "starts_at": timezone.localtime(session.starts_at).strftime(moment),
        "ends_at": "",
        "state": session.state,
        "moderation": session.moderation,
        **changes,
    }


def test_the_policy_officer_edits_our_live_session(client, policy_officer, our_session):
    client.force_login(policy_officer)
    listing = client.get("/admin/live_sessions/")
    assert our_session.title in listing.content.decode()
    edit = f"/admin/live_sessions/edit/{our_session.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(edit, _session_data(our_session, title="Vragenuur 2"))
    assert response.status_code == 302
    our_session.refresh_from_db()
    assert our_session.title == "Vragenuur 2"


def test_a_live_session_that_ends_before_it_starts_is_refused_in_the_admin(
    client, policy_officer, our_session
):
    client.force_login(policy_officer)
    moment = "%Y-%m-%d %H:%M"
    start = timezone.localtime(our_session.starts_at)

    response = client.post(
        f"/admin/live_sessions/edit/{our_session.pk}/",
        _session_data(
            our_session,
            title="Vragenuur 2",
            starts_at=start.strftime(moment),
            ends_at=(start - timedelta(hours=1)).strftime(moment),
        ),
    )

    assert response.status_code == 200
    assert "De sessie eindigt voordat hij begint." in response.content.decode()
    assert 'value="Vragenuur 2"' in response.content.decode()  # the form is kept
    our_session.refresh_from_db()
    assert (our_session.title, our_session.ends_at) == ("Vragenuur Voorstad", None)


def test_another_organisation_reaches_none_of_our_live_sessions(
    client, other_officer, our_session, theirs, user_factory
):
    stranger = user_factory(display_name="Onbekende jongere")
    client.force_login(other_officer)
    for path in ("edit", "delete", "inspect", "history", "usage", "copy"):
        url = f"/admin/live_sessions/{path}/{our_session.pk}/"
        assert client.get(url).status_code == 404, path
    assert our_session.title not in client.get("/admin/live_sessions/").content.decode()

    add = client.get("/admin/live_sessions/new/")
    form = add.context["form"]
    assert list(form.fields["consultation"].queryset) == [theirs]
    assert stranger not in form.fields["moderators"].queryset
    assert other_officer in form.fields["moderators"].queryset

    refused = client.post(
        "/admin/live_sessions/new/",
        _session_data(our_session, title="Kaping"),
    )
    assert refused.status_code == 200
    assert "consultation" in refused.context["form"].errors
    assert not LiveSession.objects.filter(title="Kaping").exists()

    client.post(
        f"/admin/live_sessions/edit/{our_session.pk}/",
        _session_data(our_session, title="Overgenomen"),
    )
    client.post(f"/admin/live_sessions/delete/{our_session.pk}/")
    our_session.refresh_from_db()
    assert our_session.title == "Vragenuur Voorstad"


def test_the_admin_url_of_another_live_session_is_not_found_for_a_moderator_either(
    client, user_factory, membership_factory, other_organisation, our_session
):
    # A moderator of another organisation has no admin at all.
    moderator = user_factory()
    membership_factory(
        user=moderator, organisation=other_organisation, role=Role.MODERATOR
    )
    client.force_login(moderator)
    response = client.get(f"/admin/live_sessions/edit/{our_session.pk}/")
    assert response.status_code != 200


# The demo -----------------------------------------------------------------------


def test_the_demo_policy_officer_works_in_the_admin(demo_site, settings, client):
    from django.core.management import call_command

    from wagtail.models import GroupPagePermission

    from inspraak.accounts.models import User

    officer = User.objects.get(email="beleid@voorstad.test")
    # The seed gives it, before any sign-in.
    assert officer.groups.filter(name=ORGANISERS_GROUP).exists()
    rights = GroupPagePermission.objects.count()
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    settings.DEBUG = False
    assert GroupPagePermission.objects.count() == rights
    assert officer.groups.filter(name=ORGANISERS_GROUP).count() == 1

    client.force_login(officer)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/", follow=True).status_code == 200
    consultations = ConsultationPage.objects.filter(
        locale__language_code="nl"
    ).select_related("organisation")
    index = consultations.first().get_parent()
    explorer = client.get(f"/admin/pages/{index.pk}/").content.decode()
    for page in consultations:
        shown = page.title in explorer
        assert shown == (page.organisation.slug == "gemeente-voorstad"), page.title
    assert client.get("/admin/snippets/participation/feedbackitem/").status_code == 200
    sessions = client.get("/admin/live_sessions/").content.decode()
    for session in LiveSession.objects.select_related("consultation__organisation"):
        voorstad = session.consultation.organisation.slug == "gemeente-voorstad"
        assert (session.title in sessions) == voorstad, session.title
