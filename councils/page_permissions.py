"""Wagtail page permissions per council, kept in step with its memberships.

Each council has two Wagtail groups with rights on the council page and its advice:
its members may add and edit advice, its chair and secretary may also publish it
(publishing advice is adopting it). `sync_council_permissions` is the one function
that puts people in these groups and takes them out; `CouncilMember.save` and
`delete` call it, and `manage.py sync_council_permissions` (daily) catches terms that
start or end by date. What groups cannot say (the council page itself only by its
chair or secretary; an account under 16 waits for consent) stays in
`CouncilPagePermissionTester` (below).

The admin lists pages from Wagtail's page permission policy (`explorable_instances`:
the explorer, the page search and listing, the admin API); the policy registered
here leaves other councils' advice out of it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PagePermissionTester,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from inspraak.pages.translation import originals

from .models.advice import AdvicePage
from .models.councils import CouncilMember, CouncilPage
from .models.yearly import CouncilYearReportPage
from .permissions import (
    can_adopt,
    can_write,
    may_adopt,
    may_change,
    without_other_councils_advice,
)

# Group names: stable (from the council's id, not its title) and readable in the
# admin's group list. The migration 0003 builds the same names.
GROUP_PREFIX = "Adviesraad"
MEMBERS_GROUP = "{prefix} {pk}: leden"
ADOPTERS_GROUP = "{prefix} {pk}: voorzitter en secretaris"

MEMBER_PAGE_PERMISSIONS = ("add_page", "change_page")
ADOPTER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Members attach documents to advice and pick them in the editor.
MEMBER_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


def members_group_name(council_pk: int) -> str:
    return MEMBERS_GROUP.format(prefix=GROUP_PREFIX, pk=council_pk)


def adopters_group_name(council_pk: int) -> str:
    return ADOPTERS_GROUP.format(prefix=GROUP_PREFIX, pk=council_pk)


@transaction.atomic
def sync_council_permissions(council: CouncilPage) -> tuple[Group, Group]:
    """Give the council's current members its members' group and its current chair
    and secretary also its adopters' group; take both from everybody else. The
    groups' rights are reset to exactly what they should be. Returns both groups."""
    members_group = _group(
        members_group_name(council.pk), council, MEMBER_PAGE_PERMISSIONS
    )
    adopters_group = _group(
        adopters_group_name(council.pk), council, ADOPTER_PAGE_PERMISSIONS
    )
    current = CouncilMember.objects.current().filter(council_id=council.pk)
    _set_users(members_group, current.values_list("user_id", flat=True))
    _set_users(
        adopters_group,
        current.filter(role__in=CouncilMember.ADOPTING_ROLES).values_list(
            "user_id", flat=True
        ),
    )
    return members_group, adopters_group


def sync_all_council_permissions() -> int:
    """Sync every council (the daily run) and remove the groups of councils that
    no longer exist. Returns the number of councils synced."""
    # The records: a translation has no members (CouncilPage.exclude_fields_in_copy).
    councils = list(originals(CouncilPage.objects.all()))
    for council in councils:
        sync_council_permissions(council)
    # A deleted council takes its page permissions with it (cascade); its groups
    # are left with nothing to give.
    Group.objects.filter(
        name__startswith=f"{GROUP_PREFIX} ", page_permissions__isnull=True
    ).delete()
    return len(councils)


def _group(name: str, council: CouncilPage, page_codenames) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    wanted = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=page_codenames
    )
    GroupPagePermission.objects.filter(group=group).exclude(
        page_id=council.pk, permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=council.pk, permission=permission
        )
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs",
        codename__in=MEMBER_DOCUMENT_PERMISSIONS,
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def _set_users(group: Group, user_ids) -> None:
    wanted = set(user_ids)
    present = set(group.user_set.values_list("pk", flat=True))
    if present - wanted:
        group.user_set.remove(*(present - wanted))
    if wanted - present:
        group.user_set.add(*(wanted - present))


class CouncilPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with other councils' advice (drafts included) left out
    of what a person may explore in the admin."""

    def explorable_instances(self, user):
        return without_other_councils_advice(super().explorable_instances(user), user)


def register_page_permission_policy() -> None:
    """Register the policy for Page (Wagtail keeps its own for AbstractPage), so every
    page model and every `policy_registry.get_by_type(Page)` uses it. Called from
    CouncilsConfig.ready. The registry holds one policy for Page: if another app
    registered one already, the two are combined (both call super())."""
    current = type(policy_registry.get_by_type(Page))
    if issubclass(current, CouncilPagePermissionPolicy):
        return
    policy = (
        CouncilPagePermissionPolicy
        if current is PagePermissionPolicy
        else type(
            f"Council{current.__name__}", (CouncilPagePermissionPolicy, current), {}
        )
    )
    register_permission_policy(Page, policy(Page))


class CouncilPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed where groups cannot say the rule.

    The rights themselves come from each council's Wagtail groups (page_permissions.py:
    members add and edit, the chair and secretary also publish). Every admin path asks
    this tester (create, edit, revisions, copy, move, bulk actions, the admin API's
    actions), so the narrowing holds on all of them: advice only by the council's
    current members who may post (an account under 16 waits for consent); the
    council page itself only by its chair or secretary; and publishing advice (which
    is adopting it) or the council's yearly account only by the chair or secretary,
    even for someone whose other groups may publish anywhere. The yearly account is
    never submitted to the adoption workflow. The rules are councils.permissions.may_change and
    may_adopt."""

    def _may_change(self) -> bool:
        return may_change(self.user, self.page)

    def _is_advice(self) -> bool:
        return issubclass(self.page.specific_class, AdvicePage)

    def _is_year_report(self) -> bool:
        return issubclass(self.page.specific_class, CouncilYearReportPage)

    def _is_council(self) -> bool:
        return issubclass(self.page.specific_class, CouncilPage)

    def can_edit(self):
        return super().can_edit() and self._may_change()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._may_change()

    def can_unpublish(self):
        return super().can_unpublish() and self._may_change()

    def can_move(self):
        return super().can_move() and self._may_change()

    def can_publish(self):
        if not (super().can_publish() and self._may_change()):
            return False
        if self._is_advice() or self._is_year_report():
            # Publishing advice sends it: that is adoption by the chair or secretary.
            # The yearly account speaks for the council: the chair or secretary too.
            return self.user.is_superuser or may_adopt(self.user, self.page)
        return True

    def can_submit_for_moderation(self):
        """The yearly account has no adoption workflow: members save drafts, the
        chair or secretary publish."""
        if self._is_year_report():
            return False
        return super().can_submit_for_moderation()

    def can_publish_subpage(self):
        """Creating advice and publishing it at once, publishing a copy or making
        an alias under a council: adoption again."""
        if not super().can_publish_subpage():
            return False
        if self._is_council():
            return self.user.is_superuser or can_adopt(self.user, self.page.specific)
        return True

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        if self._is_council():
            return can_write(self.user, self.page.specific)
        return True

    def can_move_to(self, destination):
        """Wagtail reads the destination's raw group rights here; moving advice into
        a council also needs that council's membership, and moving live advice
        there publishes it, so it needs that council's chair or secretary."""
        if not super().can_move_to(destination):
            return False
        if self.user.is_superuser or not issubclass(
            destination.specific_class, CouncilPage
        ):
            return True
        destination_perms = destination.specific.permissions_for_user(self.user)
        if not destination_perms.can_add_subpage():
            return False
        publishes = self.page.live or self.page.get_descendants().live().exists()
        return not publishes or destination_perms.can_publish_subpage()
