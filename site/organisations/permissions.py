"""The one place that decides which organisations a person acts for.

Every app scopes its private querysets through `scope` (or builds on
`organisation_ids_for`), so "a handler of municipality A never sees a case of
municipality B" is decided here and tested here.

Rules:
- only current memberships count (within their dates, active person and organisation);
- a role in a region gives access to the region's own records, not to those of
  its member municipalities (each municipality keeps its own data);
- superusers see everything; anonymous users see nothing.
"""

from collections.abc import Iterable

from django.db.models import Model, QuerySet

from .models import Membership, Organisation, Role


def _roles(roles: Role | Iterable[Role] | None) -> list[str] | None:
    if roles is None:
        return None
    if isinstance(roles, str):
        return [roles]
    return list(roles)


def organisation_ids_for(user, roles: Role | Iterable[Role] | None = None) -> set[int]:
    """Ids of the organisations in which `user` now holds one of `roles` (any role
    when None). Cached on the user object for the length of a request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    wanted = _roles(roles)
    cache = user.__dict__.setdefault("_inspraak_org_cache", {})
    key = tuple(sorted(wanted)) if wanted is not None else None
    if key not in cache:
        memberships = Membership.objects.current().filter(user=user)
        if wanted is not None:
            memberships = memberships.filter(role__in=wanted)
        cache[key] = set(memberships.values_list("organisation_id", flat=True))
    return cache[key]


def organisations_for(user, roles: Role | Iterable[Role] | None = None) -> QuerySet:
    """The organisations `user` acts for (all of them for a superuser)."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, roles))


def has_role(user, organisation: Organisation | int, *roles: Role) -> bool:
    """Does `user` hold one of `roles` (any role when none given) in `organisation`?"""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in organisation_ids_for(user, roles or None)


def scope(
    queryset: QuerySet,
    user,
    roles: Role | Iterable[Role] | None = None,
    field: str = "organisation",
) -> QuerySet:
    """Limit `queryset` to rows whose `field` (a foreign key to Organisation, or a
    lookup path to one) is an organisation `user` holds one of `roles` in."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return queryset
    ids = organisation_ids_for(user, roles)
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{field}__in": ids})


def can_see(
    user,
    obj: Model,
    roles: Role | Iterable[Role] | None = None,
    field: str = "organisation",
) -> bool:
    """Object-level form of `scope`, for detail views."""
    return scope(
        type(obj)._default_manager.filter(pk=obj.pk), user, roles, field
    ).exists()
