"""The admin side of councils: who may write advice and who may publish it.

Wagtail's page permissions come from groups and do not know councils. So the groups
give the right to edit pages in the councils tree, and these hooks narrow it down:
advice only by the council's current members, the council page only by its chair or
secretary, and publishing advice directly only by the chair or secretary (that is
adoption; everybody else submits it to the workflow). Superusers may do all of it.
The rules themselves are in workflow.py (may_change, may_adopt)."""

from django.db.models import Q

from wagtail import hooks
from wagtail.admin.auth import permission_denied

from .models import AdvicePage, CouncilMember, CouncilPage
from .permissions import can_write
from .workflow import council_of, may_adopt, may_change


def _refused(request):
    return permission_denied(request)


@hooks.register("before_create_page")
def only_members_draft_advice(request, parent_page, page_class):
    if issubclass(page_class, AdvicePage) and not _is_member(
        request.user, council_of(parent_page)
    ):
        return _refused(request)
    return None


def _is_member(user, council: CouncilPage | None) -> bool:
    """A member who may write (an account under 16 needs a parent's consent)."""
    return user.is_superuser or (council is not None and can_write(user, council))


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_unpublish_page")
def only_members_change_advice(request, page):
    if not may_change(request.user, page):
        return _refused(request)
    return None


@hooks.register("before_move_page")
def only_members_move_advice(request, page, destination):
    if not may_change(request.user, page):
        return _refused(request)
    council = council_of(destination)
    if council is not None and not _is_member(request.user, council):
        return _refused(request)
    return None


@hooks.register("before_publish_page")
def only_adopters_publish_advice(request, page):
    """Publishing advice sends it: without the workflow only the chair or secretary
    (or a superuser) may do that."""
    if issubclass(page.specific_class, AdvicePage) and not (
        request.user.is_superuser or may_adopt(request.user, page)
    ):
        return _refused(request)
    return None


@hooks.register("before_bulk_action")
def only_members_act_on_advice(request, action_type, objects, action_class_instance):
    if action_type != "page":
        return None
    for page in objects:
        if not may_change(request.user, page):
            return _refused(request)
        if (
            getattr(action_class_instance, "action_type", "") == "publish"
            and issubclass(page.specific_class, AdvicePage)
            and not (request.user.is_superuser or may_adopt(request.user, page))
        ):
            return _refused(request)
    return None


@hooks.register("construct_explorer_page_queryset")
def hide_other_councils_advice(parent_page, pages, request):
    """A council's advice, drafts included, shows in the page explorer only to its
    members."""
    user = request.user
    if user.is_superuser:
        return pages
    own_councils = CouncilPage.objects.filter(
        pk__in=CouncilMember.objects.current().filter(user=user).values("council_id")
    ).values_list("path", flat=True)
    in_own_council = Q()
    for path in own_councils:
        in_own_council |= Q(path__startswith=path)
    others_advice = (
        AdvicePage.objects.exclude(in_own_council)
        if own_councils
        else AdvicePage.objects.all()
    )
    return pages.exclude(pk__in=others_advice.values("pk"))
