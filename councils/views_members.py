"""The members page of a council, for its own members: current members with the
end of their term, former members as history, and for the chair or secretary the
extension of a term (councils/terms.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, terms
from .forms_members import ExtendTermForm
from .models.councils import CouncilMember, CouncilPage
from .services.mail import formatted

PAST_PER_PAGE = 20
CONFLICT = 409
# The date the extension form suggests: a new term of this many months.
SUGGESTED_MONTHS = 24


def _suggested_end(member: CouncilMember, today):
    start = max(member.ends_on or today, today)
    return min(terms.add_months(start, SUGGESTED_MONTHS), terms.latest_extension(today))


def _render(request, council: CouncilPage, *, failed=None, status=200):
    """The page; `failed` is (member pk, bound form) after a refused extension."""
    today = timezone.localdate()
    may_extend = permissions.can_manage_terms(request.user, council)
    current = terms.members_of(council, today)
    for member in current:
        member.reminder_from = (
            terms.reminder_from(member.ends_on) if member.ends_on else None
        )
        member.ends_soon = bool(member.ends_on) and member.reminder_from <= today
        if may_extend:
            if failed and failed[0] == member.pk:
                member.extend_form = failed[1]
            else:
                member.extend_form = ExtendTermForm(
                    prefix=f"term-{member.pk}",
                    initial={"ends_on": _suggested_end(member, today)},
                )
    past = Paginator(terms.past_members(council, today), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "councils/members.html",
        {
            "council": council,
            "members": current,
            "past_page": past,
            "may_extend": may_extend,
            "may_recruit": permissions.can_recruit(request.user, council),
            "max_years": terms.MAX_EXTENSION_YEARS,
        },
        status=status,
    )


@login_required
def members(request, council_id: int):
    """Current and former members; only the council's own members see it."""
    council = get_object_or_404(CouncilPage, pk=council_id)
    if not permissions.is_member(request.user, council):
        raise PermissionDenied
    return _render(request, council)


@login_required
@require_POST
def extend_term(request, member_id: int):
    member = get_object_or_404(
        CouncilMember.objects.select_related("council", "user"), pk=member_id
    )
    council = member.council
    if not permissions.can_manage_terms(request.user, council):
        raise PermissionDenied
    if member.ends_on and member.ends_on < timezone.localdate():
        # Former members stay history; a new term is a new membership.
        messages.error(
            request, _("This term has ended already. It cannot be extended.")
        )
        return _render(request, council, status=CONFLICT)
    form = ExtendTermForm(request.POST, prefix=f"term-{member.pk}")
    if form.is_valid():
        try:
            terms.extend_term(member, form.cleaned_data["ends_on"])
        except terms.TermError as error:
            form.add_error("ends_on", str(error))
        else:
            messages.success(
                request,
                _("The term of %(name)s now runs until %(end)s.")
                % {
                    "name": member.user.display_name,
                    "end": formatted(member.ends_on),
                },
            )
            return redirect("councils:members", council_id=council.pk)
    return _render(request, council, failed=(member.pk, form), status=400)
