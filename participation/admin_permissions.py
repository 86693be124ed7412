"""Wagtail's own permissions, narrowed to the organiser's organisation.

The group ORGANISERS_GROUP opens the admin for policy officers and administrators
of an organisation (inspraak.organisations.groups keeps people in it by their
roles): admin access, adding, editing, publishing, locking and unlocking pages
under each consultation overview, and the model permissions of "you said, we did"
and live sessions. What those rights reach is narrowed here, in one place, by the
consultation's organising organisation (permissions.organised):

- pages: `scope_pages` is applied by `OrganisedPagePermissionPolicy` (explorer, page
  listings and search, the admin API, reports, history) and by the choosers'
  hook; `ConsultationPermissionTester` answers every action on a consultation
  (edit, publish, delete, copy, move, revert, lock, preview, revisions);
- rows that hang off a consultation: `OrganisedModelPolicy` (Wagtail's edit and
  delete actions and bulk actions ask it) and `OrganisedViewSetMixin` (listing,
  every view of one row, the chooser) use the same queryset.

Superusers keep everything. Other groups with page rights (Wagtail's "Editors")
reach consultations only for organisations where their members are organisers.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404

from wagtail.models import GroupPagePermission, Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)

from inspraak.organisations.permissions import organisation_ids_for

from .permissions import ORGANISER_ROLES, organised, organises

ORGANISERS_GROUP = "Raadplegingen: organisatoren"
# Before the group also held page and live-session rights it was only this.
_EARLIER_NAME = "Raadplegingen: terugkoppeling"

PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
MODEL_ACTIONS = ("add", "change", "delete", "view")
# The actions that make a row show up for someone at all.
SEE_ACTIONS = MODEL_ACTIONS


def _is_superuser(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


# Pages ------------------------------------------------------------------------


def consultations_hidden_from(user) -> QuerySet:
    """The consultation pages `user` may not manage in the admin."""
    from .models import ConsultationPage

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
    from .models import ConsultationPage

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


def _organisers_group_id(user) -> int | None:
    cache = user.__dict__.setdefault("_inspraak_org_cache", {})
    if "organisers_group" not in cache:
        cache["organisers_group"] = (
            Group.objects.filter(name=ORGANISERS_GROUP)
            .values_list("pk", flat=True)
            .first()
        )
    return cache["organisers_group"]


class ConsultationIndexPermissionTester(PagePermissionTester):
    """The organisers' group may add consultations under the overview (for an
    organisation they organise for) and publish them; the overview page itself
    stays with people who have rights on it through another group."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.for_subpages = PagePermissionTester(user, page)
        if user.is_active and not user.is_superuser:
            organisers = _organisers_group_id(user)
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


def setup_organisers_group(group: Group) -> None:
    """Admin access; add, edit, publish, lock and unlock under every consultation
    overview; the model rights of "you said, we did" and live sessions."""
    from .models import ConsultationIndexPage

    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="participation",
            codename__in=[f"{action}_feedbackitem" for action in MODEL_ACTIONS],
        ),
        *Permission.objects.filter(
            content_type__app_label="live",
            codename__in=[f"{action}_livesession" for action in MODEL_ACTIONS],
        ),
    )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=[f"{action}_page" for action in PAGE_ACTIONS],
    )
    for index in ConsultationIndexPage.objects.all():
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


def refresh_organisers_group() -> None:
    """Give an existing organisers' group its rights again (a new overview)."""
    group = Group.objects.filter(name=ORGANISERS_GROUP).first()
    if group is not None:
        setup_organisers_group(group)


def rename_earlier_group() -> None:
    """Databases seeded before this change hold the group under its earlier name."""
    if not Group.objects.filter(name=ORGANISERS_GROUP).exists():
        Group.objects.filter(name=_EARLIER_NAME).update(name=ORGANISERS_GROUP)


# Rows that hang off a consultation -----------------------------------------------


class OrganisedModelPolicy(ModelPermissionPolicy):
    """Model permissions (from the organisers' group) on the rows of consultations
    of the person's own organisations only."""

    def __init__(self, model, organisation_field: str):
        super().__init__(model)
        self.organisation_field = organisation_field

    def instances_user_has_any_permission_for(self, user, actions):
        return organised(
            super().instances_user_has_any_permission_for(user, actions),
            user,
            self.organisation_field,
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.pk is None:
            return self.user_has_any_permission(user, actions)
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


def visible_rows(model, user) -> QuerySet:
    """The rows of `model` `user` may see in the admin at all."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, SEE_ACTIONS
    )


def only_visible_rows(view, model):
    """Wrap a viewset's view: a row outside the person's scope is not found, on
    every URL that names one (edit, delete, inspect, history, usage, copy,
    chosen)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and (
            not visible_rows(model, request.user).filter(pk=unquote(str(pk))).exists()
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class OrganisedViewSetMixin:
    """For a ModelViewSet or SnippetViewSet: every view that names a row checks it
    is in scope; the listing shows only rows in scope."""

    def construct_view(self, view_class, **kwargs):
        return only_visible_rows(
            super().construct_view(view_class, **kwargs), self.model
        )

    def get_queryset(self, request):
        return visible_rows(self.model, request.user)


class _VisibleChooseMixin:
    def get_object_list(self):
        return visible_rows(self.model_class, self.request.user)


class _VisibleChooseView(_VisibleChooseMixin, ChooseView):
    pass


class _VisibleChooseResultsView(_VisibleChooseMixin, ChooseResultsView):
    pass


class _VisibleChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_rows(self.model_class, self.request.user).filter(pk__in=pks)


class OrganisedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser of a scoped model: lists, finds and returns rows in
    scope only."""

    choose_view_class = _VisibleChooseView
    choose_results_view_class = _VisibleChooseResultsView
    chosen_multiple_view_class = _VisibleChosenMultipleView

    def construct_view(self, view_class, **kwargs):
        return only_visible_rows(
            super().construct_view(view_class, **kwargs), self.model
        )


# Bulk actions ---------------------------------------------------------------------


class OutOfScopeUnlistedMixin:
    """Wagtail's bulk-action screens list the chosen rows a person may not act on,
    by title; rows outside the person's scope are not acted on (the testers and
    policies refuse them) and are left out of that list too."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        user = self.request.user
        no_access = context.get("items_with_no_access", [])
        if no_access and isinstance(no_access[0], Page):
            kept = [page for page in no_access if may_manage_page(user, page)]
        elif no_access:
            in_scope = set(
                visible_rows(self.model, user)
                .filter(pk__in=[row.pk for row in no_access])
                .values_list("pk", flat=True)
            )
            kept = [row for row in no_access if row.pk in in_scope]
        else:
            kept = no_access
        return objects, {**context, "items_with_no_access": kept}


def page_bulk_actions() -> list[type]:
    """Wagtail's page bulk actions with consultations out of scope unlisted."""
    from wagtail.admin.views.pages.bulk_actions import (
        DeleteBulkAction,
        MoveBulkAction,
        PublishBulkAction,
        UnpublishBulkAction,
    )

    return [
        type(action.__name__, (OutOfScopeUnlistedMixin, action), {})
        for action in (
            DeleteBulkAction,
            MoveBulkAction,
            PublishBulkAction,
            UnpublishBulkAction,
        )
    ]
