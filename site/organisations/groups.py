"""Wagtail groups that follow organisation roles.

Wagtail's permissions (admin access, page rights in the tree, model rights for
snippets) are given to groups. A domain app registers the group a role brings
(`register_role_group`), with a function that gives the group its permissions;
`sync_role_groups(user)` then puts a person in exactly the registered groups their
current roles call for. Membership.save and delete call it, and so does signing in,
so a membership that starts or ends on a date takes effect at the next sign-in.

The groups only open the admin screens. Which rows a person sees there is still
decided per organisation by `inspraak.organisations.permissions` (current
memberships), so a group that lags behind shows an empty admin, never another
organisation's data.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction


@dataclass(frozen=True)
class RoleGroup:
    name: str
    roles: frozenset[str]
    # Gives the group its permissions; must be safe to run again.
    setup: Callable[[Group], None]


_registry: dict[str, RoleGroup] = {}


def register_role_group(
    name: str, roles: Iterable[str], setup: Callable[[Group], None]
) -> None:
    """Members with one of `roles` belong to the group `name`; `setup(group)` gives
    it its permissions. Apps call this from AppConfig.ready()."""
    _registry[name] = RoleGroup(name=name, roles=frozenset(roles), setup=setup)


def role_groups() -> list[RoleGroup]:
    return list(_registry.values())


def ensure_role_group(name: str) -> Group:
    """The group `name` with the permissions its app gives it (created if missing)."""
    role_group = _registry[name]
    group, _created = Group.objects.get_or_create(name=name)
    role_group.setup(group)
    return group


@transaction.atomic
def sync_role_groups(user) -> None:
    """Put `user` in the registered groups of their current roles and take them out
    of the others. Groups nobody registered (made by hand) are left alone."""
    from .models import Membership

    if user is None or user.pk is None:
        return
    roles = set(
        Membership.objects.current()
        .filter(user_id=user.pk)
        .values_list("role", flat=True)
    )
    for role_group in _registry.values():
        if role_group.roles & roles:
            user.groups.add(ensure_role_group(role_group.name))
        else:
            user.groups.remove(*Group.objects.filter(name=role_group.name))
    # Wagtail caches page permissions on the user object for the request.
    for cache in ("_page_permission_cache", "_explorable_root_page_cache"):
        user.__dict__.pop(cache, None)
    user.__dict__.pop("_inspraak_org_cache", None)
    user.__dict__.pop("_perm_cache", None)
    user.__dict__.pop("_group_perm_cache", None)


def follow_roles_on_sign_in(sender, user, **kwargs) -> None:
    """Django's user_logged_in receiver: a membership may have started or ended by
    date since it was last changed."""
    sync_role_groups(user)
