"""A council's advice, drafts included, shows in the Wagtail admin only to its
members: not in the admin API, the page chooser, the explorer or the page search,
not even to editors who may edit every page of the site."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, Site

import pytest

from councils.models import AdvicePage, CouncilIndexPage, CouncilMember

pytestmark = pytest.mark.django_db

TITLE = "Geheim concept over wachttijden"
API = "/admin/api/main/pages/"


@pytest.fixture
def council_index(db):
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))


@pytest.fixture
def draft(council, organisation):
    advice = council.add_child(
        instance=AdvicePage(
            title=TITLE,
            slug="geheim-concept",
            addressee=organisation,
            summary="Nog niet vastgesteld.",
            body=[],
            live=False,
        )
    )
    advice.save_revision()
    return advice


@pytest.fixture
def site_editor(user_factory):
    """An editor who may edit every page of the site (rights on the root)."""
    group = Group.objects.create(name="Websiteredactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    user = user_factory()
    user.groups.add(group)
    return user


@pytest.fixture(params=["member_of_other_council", "site_editor"])
def stranger(request, organisation, make_council, make_member, site_editor):
    if request.param == "site_editor":
        return site_editor
    other = make_council(organisation, slug="ouderraad")
    return make_member(other, CouncilMember.Role.CHAIR)


def admin_urls(council, draft) -> list[str]:
    """Every admin URL that lists pages under the council or shows the draft."""
    index = council.get_parent()
    return [
        f"{API}?child_of={council.pk}",
        f"{API}?child_of={council.pk}&for_explorer=1",
        f"{API}?descendant_of={index.pk}",
        f"{API}?search=wachttijden",
        f"{API}?type=councils.AdvicePage",
        f"{API}?has_children=false&limit=100",
        reverse("wagtailadmin_choose_page_child", args=[council.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=wachttijden",
        reverse("wagtailadmin_explore", args=[council.pk]),
        reverse("wagtailadmin_explore", args=[council.pk]) + "?q=wachttijden",
        reverse("wagtailadmin_pages:search") + "?q=wachttijden",
        reverse("wagtailadmin_pages:search_results") + "?q=wachttijden",
    ]


def direct_urls(draft) -> list[str]:
    """URLs that name the draft itself."""
    return [
        f"{API}{draft.pk}/",
        f"{API}?child_of={draft.pk}",
        f"{API}?child_of={draft.pk}&for_explorer=1",
        reverse("wagtailadmin_choose_page_child", args=[draft.pk]),
        reverse("wagtailadmin_explore", args=[draft.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, draft.pk]),
        reverse(
            "wagtailadmin_pages:move_confirm", args=[draft.pk, draft.get_parent().pk]
        ),
    ]


def test_strangers_see_no_title_of_another_councils_advice(
    stranger, council, draft, client
):
    client.force_login(stranger)

    for url in admin_urls(council, draft) + direct_urls(draft):
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 403, 404), url
        assert TITLE not in response.content.decode(), url


def test_the_api_detail_of_another_councils_advice_is_not_found(
    stranger, draft, client
):
    client.force_login(stranger)

    assert client.get(f"{API}{draft.pk}/").status_code == 404


def test_members_see_their_councils_draft(council, draft, member, client):
    client.force_login(member)

    for url in (
        f"{API}?child_of={council.pk}",
        f"{API}{draft.pk}/",
        reverse("wagtailadmin_choose_page_child", args=[council.pk]),
        reverse("wagtailadmin_explore", args=[council.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert TITLE in response.content.decode(), url


def test_members_do_not_explore_other_councils(
    council, draft, organisation, make_council, make_member, client
):
    """A member's rights are on their own council: another council's pages are
    not theirs to list at all."""
    other = make_council(organisation, slug="ouderraad")
    member_elsewhere = make_member(other)
    client.force_login(member_elsewhere)

    data = client.get(f"{API}?child_of={council.pk}").json()

    assert "items" not in data or not any(
        item["id"] == draft.pk for item in data["items"]
    )


# Every admin URL, filled in with the draft ------------------------------------

# Wagtail 8 screens that show a page's title by id without a hook to scope them are
# served scoped by inspraak.pages.admin_views (the chooser's "chosen" answer, the page
# types report) or narrowed in participation's bulk actions: none is left out here.
KNOWN_WAGTAIL_LEAKS: set[str] = set()


def _admin_routes(patterns, prefix=""):
    from django.urls import URLResolver

    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _admin_routes(pattern.url_patterns, route)
        elif route.startswith("admin/") and "failwhale" not in route:
            yield route


def _fill(route: str, draft) -> str | None:
    import re

    revision = draft.revisions.first()
    url = route.replace("<int:revision_id>", str(revision.pk))
    url = re.sub(r"<(int|str|path):(\w*pk|\w*_id)>", str(draft.pk), url)
    url = url.replace("<str:app_label>", "wagtailcore")
    url = url.replace("<str:model_name>", "page").replace("<str:action>", "publish")
    if any(c in url for c in "<(^$"):
        return None  # a pattern with other parameters: not about pages
    return "/" + url


def test_no_admin_url_shows_another_councils_draft(
    council, draft, organisation, make_council, make_member, client
):
    from django.urls import get_resolver

    other = make_council(organisation, slug="ouderraad")
    client.force_login(make_member(other, CouncilMember.Role.CHAIR))
    leaks = []

    for route in _admin_routes(get_resolver().url_patterns):
        url = _fill(route, draft)
        if url is None or route in KNOWN_WAGTAIL_LEAKS:
            continue
        for query in ("", f"?id={draft.pk}", "?q=wachttijden"):
            response = client.get(url + query)
            if TITLE in response.content.decode(errors="ignore"):
                leaks.append(url + query)

    assert leaks == []
