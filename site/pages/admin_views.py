"""Two Wagtail admin screens that name pages without asking the page permission
policy. Both are served here instead, narrowed to the pages the person may explore
(`explorable_instances` of the registered page policy, which the apps narrow: a
council's drafts stay with its members, a consultation with its organisers)."""

from django.db.models import QuerySet
from django.urls import reverse

from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from inspraak.core.bounds import parse_ids


def explorable_pages(user) -> QuerySet:
    """The pages `user` may see in the admin, by the one registered page policy."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


class ScopedChosenMultipleView(ChosenMultipleView):
    """The chooser's "chosen" answer for several ids: only ids the person may
    explore (Wagtail's own view returns the title and address of any id)."""

    def get(self, request):
        ids = parse_ids(request.GET.getlist("id"))
        pages = explorable_pages(request.user).filter(pk__in=ids).specific()
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """The page-types report names the last edited page of each type: leave that
    name out where the person may not explore the page."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page for item in page_types if item.last_edited_page]
        allowed = set(
            explorable_pages(self.request.user)
            .filter(pk__in=[page.pk for page in shown])
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in allowed:
                item.last_edited_page = None
        return page_types
