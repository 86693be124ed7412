"""The organisation's side of consultations on the public site: the moderation
list, hiding, restoring and dismissing reports, and publishing "you said, we did".
Who may moderate is decided in permissions.py; the work is done in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspraak.core.bounds import query_int
from inspraak.pages.translation import localized_url, originals

from .. import services
from ..forms import HideForm
from ..models import ConsultationPage
from ..moderation_list import PER_PAGE, SHOWS, moderation_queue
from ..permissions import can_moderate, can_publish_feedback, moderated
from .contributions import UNPROCESSABLE, contribution_or_404


@login_required
def moderation(request):
    """Reported and hidden contributions of the consultations this person moderates."""
    consultations = moderated(
        originals(ConsultationPage.objects.all()), request.user
    ).order_by("-opens_at")
    if not consultations.exists():
        raise PermissionDenied
    show = request.GET.get("show")
    if show not in SHOWS:
        show = "reported"
    chosen = query_int(request, "consultation", min_value=1)
    queryset = moderation_queue(consultations, show, chosen)
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "participation/moderation.html",
        {
            "consultations": consultations,
            "chosen": "" if chosen is None else str(chosen),
            "show": show,
            "page_obj": page_obj,
            "contributions": page_obj.object_list,
            "hide_form": HideForm(),
            "query_string": params.urlencode(),
        },
    )


def _moderated_contribution(request, contribution_id):
    contribution = contribution_or_404(contribution_id)
    if not can_moderate(request.user, contribution.consultation):
        raise PermissionDenied
    return contribution


def _back_to_moderation(request):
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "/"
    return HttpResponseRedirect(target)


@login_required
def hide(request, contribution_id: int):
    contribution = _moderated_contribution(request, contribution_id)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hide(contribution, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The contribution is hidden."))
        return _back_to_moderation(request)
    return render(
        request,
        "participation/hide_form.html",
        {"form": form, "contribution": contribution},
        status=UNPROCESSABLE if request.method == "POST" else 200,
    )


def _moderate(request, contribution_id: int, action, message: str):
    """One moderation step from the list: check, act, say so, go back."""
    contribution = _moderated_contribution(request, contribution_id)
    action(contribution, by=request.user)
    messages.success(request, message)
    return _back_to_moderation(request)


@require_POST
@login_required
def restore(request, contribution_id: int):
    return _moderate(
        request,
        contribution_id,
        services.restore,
        _("The contribution is visible again."),
    )


@require_POST
@login_required
def dismiss(request, contribution_id: int):
    return _moderate(
        request,
        contribution_id,
        services.dismiss_reports,
        _("The reports are handled; the contribution stays."),
    )


@login_required
def publish_feedback(request, consultation_id: int):
    page = get_object_or_404(
        originals(ConsultationPage.objects.all()), pk=consultation_id
    )
    if not can_publish_feedback(request.user, page):
        raise PermissionDenied
    items = page.feedback_items.select_related("theme")
    if request.method == "POST":
        try:
            told = services.publish_feedback(
                page, by=request.user, base_url=request.build_absolute_uri("/")[:-1]
            )
        except services.ParticipationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The answer is published. %(count)s people are told.")
                % {"count": told},
            )
            return redirect(localized_url(page, request))
    return render(
        request,
        "participation/publish_feedback.html",
        {"consultation": page, "items": items},
    )
