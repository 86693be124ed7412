"""Page permissions per council (councils.page_permissions) for the councils that
exist, and the end of the one group "Raadsleden" that let every council member
publish anywhere in the councils tree.

Built with the historical models, as the migration framework wants; from now on
councils.page_permissions.sync_council_permissions keeps the groups in step."""

from django.db import migrations
from django.utils import timezone

OLD_GROUP = "Raadsleden"
PREFIX = "Adviesraad"
MEMBER_PAGE_PERMISSIONS = ("add_page", "change_page")
ADOPTER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
DOCUMENT_PERMISSIONS = ("add_document", "choose_document")
ADOPTING_ROLES = ("chair", "secretary")


def build_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    Collection = apps.get_model("wagtailcore", "Collection")
    CouncilPage = apps.get_model("councils", "CouncilPage")
    CouncilMember = apps.get_model("councils", "CouncilMember")

    today = timezone.localdate()
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    documents = Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
    )
    root_collection = Collection.objects.filter(depth=1).first()

    def group(name, council, codenames, user_ids):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(access_admin)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=council.pk, permission=permission
            )
        if root_collection is not None:
            for permission in documents:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        group.user_set.set(set(user_ids))

    for council in CouncilPage.objects.all():
        current = CouncilMember.objects.filter(
            council_id=council.pk, user__is_active=True
        ).exclude(starts_on__gt=today).exclude(ends_on__lt=today)
        group(
            f"{PREFIX} {council.pk}: leden",
            council,
            MEMBER_PAGE_PERMISSIONS,
            current.values_list("user_id", flat=True),
        )
        group(
            f"{PREFIX} {council.pk}: voorzitter en secretaris",
            council,
            ADOPTER_PAGE_PERMISSIONS,
            current.filter(role__in=ADOPTING_ROLES).values_list("user_id", flat=True),
        )
    # Its rights (add, edit and publish on the whole councils overview) now come
    # per council; nothing else used it.
    Group.objects.filter(name=OLD_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_adoption_task"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(build_groups, migrations.RunPython.noop)]
