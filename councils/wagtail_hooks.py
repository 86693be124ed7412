"""The admin side of councils.

Who may write and publish advice is Wagtail's own page permissions: each council's
groups, narrowed by CouncilPagePermissionTester where groups cannot say the rule
(both in page_permissions.py). Every admin path asks those, so no hook here
refuses single screens. What is left is visibility: a council's advice, drafts
included, is listed in the admin only to its members, through the one function
permissions.without_other_councils_advice:
- Wagtail's page permission policy (page_permissions.CouncilPagePermissionPolicy),
  whose `explorable_instances` every page listing of the admin starts from (the
  explorer, the page search and listing, the admin API at /admin/api/main/pages/
  with child_of, descendant_of and the detail view);
- the page chooser (browse and search), which lists pages without that policy;
- the explorer and the chooser opened *at* such an advice by its id.

One hook asks the page permissions where Wagtail 8 itself does not: the move
confirmation screen (GET /admin/pages/<id>/move/<destination>/confirm/) shows the
page and its destination before any check; only the move itself checks.
"""

from django.http import Http404

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .permissions import hidden_from, without_other_councils_advice


@hooks.register("construct_explorer_page_queryset")
def hide_other_councils_advice(parent_page, pages, request):
    """The explorer lists the children of `parent_page` (and the admin API's
    for_explorer filter does the same); opened at another council's advice it
    shows nothing at all."""
    if hidden_from(request.user, parent_page):
        raise Http404
    return without_other_councils_advice(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_councils_advice_in_chooser(pages, request):
    parent_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
        "parent_page_id"
    )
    if parent_id is not None:
        parent = Page.objects.filter(pk=parent_id).first()
        if parent is not None and hidden_from(request.user, parent):
            raise Http404
    return without_other_councils_advice(pages, request.user)


@hooks.register("before_move_page")
def only_who_may_move_there_sees_the_move(request, page, destination):
    """The same question MovePageAction asks when the move is made."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None
