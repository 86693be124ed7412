"""Wagtail's bulk actions on consultation pages and scoped rows."""

from wagtail.models import Page

from inspraak.pages.admin_views import explorable_pages

from .pages import may_manage_page
from .rows import visible_rows


class OutOfScopeUnlistedMixin:
    """Wagtail's bulk-action screens list the chosen rows a person may not act on,
    by title; rows outside the person's scope are not acted on (the testers and
    policies refuse them) and are left out of that list too."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        user = self.request.user
        no_access = context.get("items_with_no_access", [])
        if no_access and isinstance(no_access[0], Page):
            # The page policy's scope (every app's narrowing, e.g. other councils'
            # advice) and the consultation's organisers.
            explorable = set(
                explorable_pages(user)
                .filter(pk__in=[page.pk for page in no_access])
                .values_list("pk", flat=True)
            )
            kept = [
                page
                for page in no_access
                if page.pk in explorable and may_manage_page(user, page)
            ]
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
    """Wagtail's page bulk actions with pages out of scope unlisted."""
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
