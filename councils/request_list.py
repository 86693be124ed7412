"""The public list of a council's open requests for advice, newest first, twenty a
page (the council page shows only the newest few)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models.councils import CouncilMember, CouncilPage
from .permissions import council_role
from .tracker import open_requests

PER_PAGE = 20


def open_request_list(request, council_id: int):
    """Public like the council page; members also get the link to each request."""
    council = get_object_or_404(CouncilPage.objects.live().public(), pk=council_id)
    page_obj = Paginator(open_requests(council), PER_PAGE).get_page(
        request.GET.get("page")
    )
    role = council_role(request.user, council)
    return render(
        request,
        "councils/open_requests.html",
        {
            "council": council,
            "page_obj": page_obj,
            "open_requests": page_obj.object_list,
            "is_member": request.user.is_superuser or role is not None,
            "may_decide_requests": role in CouncilMember.ADOPTING_ROLES,
        },
    )
