"""Consultation pages in the admin: Wagtail's page policy and testers, narrowed to
the organisers of the consultation's organisation (`scope_pages`, `may_manage_page`)."""

from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from inspraak.organisations.permissions import organisation_ids_for

from ..models.consultations import ConsultationPage
from ..permissions import ORGANISER_ROLES, organises
from .group import organisers_group_id


def _is_superuser(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def consultations_hidden_from(user) -> QuerySet:
    """The consultation pages `user` may not manage in the admin."""
    if _is_superuser(user):
        return ConsultationPage.objects.none()
    return ConsultationPage.objects.exclude(
        organisation_id__in=organisation_ids_for(user, ORGANISER_ROLES)
    )


def scope_pages(pages: QuerySet, user) -> QuerySet:
    """`pages` without the consultations of organisations `user` does not organise
    for: the one scoping function for every admin path that lists pages."""
    if _is_superuser(user):
        return pages
    return pages.exclude(pk__in=consultations_hidden_from(user).values("pk"))


class OrganisedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with consultations limited to their organisers."""

    def instances_user_has_any_permission_for(self, user, actions):
        return scope_pages(
            super().instances_user_has_any_permission_for(user, actions), user
        )

    def explorable_instances(self, user):
        return scope_pages(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and may_manage_page(user, instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, {action}, instance)


def may_manage_page(user, page) -> bool:
    """False for a consultation of an organisation `user` does not organise for."""
    if _is_superuser(user) or not issubclass(page.specific_class, ConsultationPage):
        return True
    specific = page if isinstance(page, ConsultationPage) else page.specific_deferred
    return organises(user, specific.organisation_id)


def register_page_policy() -> None:
    """Put the organised page policy in Wagtail's registry, on top of whatever page
    policy another app registered (councils narrows advice the same way): the
    registry holds one policy for Page, so the two are combined, not replaced.
    Called when the admin's hooks load, after every AppConfig.ready."""
    current = policy_registry.get_by_type(Page)
    if isinstance(current, OrganisedPagePermissionPolicy):
        return
    base = type(current)
    if not issubclass(base, PagePermissionPolicy):
        raise ImproperlyConfigured(
            f"The page permission policy {base.__name__} is not a PagePermissionPolicy."
        )
    combined = (
        OrganisedPagePermissionPolicy
        if base is PagePermissionPolicy
        else type(
            f"Organised{base.__name__}", (OrganisedPagePermissionPolicy, base), {}
        )
    )
    policy_registry.register(Page, combined(Page))


class ConsultationPermissionTester(PagePermissionTester):
    """Every question Wagtail asks about a consultation ("may this person edit,
    publish, delete, copy, move, lock it, see its revisions?") is answered no for
    people who do not organise for its organisation."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.organises = user.is_active and may_manage_page(user, page)


def _for_organisers_only(name):
    wagtail_answer = getattr(PagePermissionTester, name)

    @wraps(wagtail_answer)
    def answer(self, *args, **kwargs):
        return self.organises and wagtail_answer(self, *args, **kwargs)

    return answer


# Every can_* of Wagtail's tester, so a question a later Wagtail adds is covered too.
for _name in dir(PagePermissionTester):
    if _name.startswith("can_"):
        setattr(ConsultationPermissionTester, _name, _for_organisers_only(_name))


class ConsultationIndexPermissionTester(PagePermissionTester):
    """The organisers' group may add consultations under the overview (for an
    organisation they organise for) and publish them; the overview page itself
    stays with people who have rights on it through another group."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.for_subpages = PagePermissionTester(user, page)
        if user.is_active and not user.is_superuser:
            organisers = organisers_group_id(user)
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(perm.page.path) and perm.group_id != organisers
            }

    def can_add_subpage(self):
        if not self.for_subpages.can_add_subpage():
            return False
        return (
            self.user.is_superuser
            or "add" in self.permissions
            # A group that lags behind an ended membership adds nothing.
            or bool(organisation_ids_for(self.user, ORGANISER_ROLES))
        )

    def can_publish_subpage(self):
        return self.for_subpages.can_publish_subpage()
