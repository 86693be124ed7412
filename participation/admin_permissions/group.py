"""The organisers' group: the Wagtail rights a policy officer's or administrator's
role brings (inspraak.organisations.groups keeps people in it)."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from ..models.consultations import ConsultationIndexPage

ORGANISERS_GROUP = "Raadplegingen: organisatoren"
# Before the group also held page and live-session rights it was only this.
_EARLIER_NAME = "Raadplegingen: terugkoppeling"

PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
MODEL_ACTIONS = ("add", "change", "delete", "view")


def setup_organisers_group(group: Group) -> None:
    """Admin access; add, edit, publish, lock and unlock under every consultation
    overview; the model rights of "you said, we did" and live sessions."""
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


def organisers_group_id(user) -> int | None:
    cache = user.__dict__.setdefault("_inspraak_org_cache", {})
    if "organisers_group" not in cache:
        cache["organisers_group"] = (
            Group.objects.filter(name=ORGANISERS_GROUP)
            .values_list("pk", flat=True)
            .first()
        )
    return cache["organisers_group"]
