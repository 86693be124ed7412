"""Public-site views of consultations: the forms people send from a consultation
page (they all work without JavaScript), the e-mail unsubscribe link, and the
moderation page of the organisation. Work is done in services.py; who may
moderate is decided in permissions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspraak.accounts.decorators import posting_allowed
from inspraak.core.bounds import query_int

from . import services
from .forms import ContributionForm, HideForm, ReportForm, SubscribeForm
from .models import ConsultationPage, Contribution
from .participants import client_ip, participant_key, remember_participant
from .permissions import can_moderate, can_publish_feedback, moderated

UNPROCESSABLE = 422
TOO_MANY = 429
CONFLICT = 409


def _consultation(consultation_id: int) -> ConsultationPage:
    return get_object_or_404(
        ConsultationPage.objects.live().public().select_related("organisation"),
        pk=consultation_id,
    )


def _contribution(contribution_id: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("consultation__organisation"),
        pk=contribution_id,
        consultation__live=True,
    )


def _render_page(request, page, status: int, **overrides):
    """The consultation page again, with a form that keeps what was typed."""
    context = page.get_context(request)
    context.update(overrides)
    response = TemplateResponse(
        request, page.get_template(request), context, status=status
    )
    return remember_participant(request, response)


def _back(request, page, anchor: str = ""):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = page.url or "/"
    if anchor and "#" not in target:
        target += f"#{anchor}"
    return remember_participant(request, HttpResponseRedirect(target))


@require_POST
@posting_allowed
def contribute(request, consultation_id: int):
    page = _consultation(consultation_id)
    form = ContributionForm(request.POST, consultation=page, user=request.user)
    if not form.is_valid():
        return _render_page(request, page, UNPROCESSABLE, contribution_form=form)
    key = participant_key(request, create=True)
    try:
        contribution = services.contribute(
            page,
            text=form.cleaned_data["text"],
            nickname=form.cleaned_data["nickname"],
            question=form.chosen_question(),
            user=request.user,
            participant_key=key,
            ip=client_ip(request),
        )
    except services.RateLimited as error:
        form.add_error(None, str(error))
        return _render_page(request, page, TOO_MANY, contribution_form=form)
    except services.ParticipationError as error:
        form.add_error(None, str(error))
        return _render_page(request, page, CONFLICT, contribution_form=form)
    messages.success(request, _("Thank you! Your contribution is on the page."))
    return remember_participant(
        request, redirect(f"{page.url}#contribution-{contribution.pk}")
    )


@require_POST
def support(request, contribution_id: int):
    contribution = _contribution(contribution_id)
    page = contribution.consultation
    key = participant_key(request, create=True)
    try:
        counted = services.support(
            contribution,
            user=request.user,
            participant_key=key,
            ip=client_ip(request),
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        if counted:
            messages.success(request, _("You support this contribution."))
        else:
            messages.info(request, _("You already support this contribution."))
    return _back(request, page, f"contribution-{contribution.pk}")


def report(request, contribution_id: int):
    """A page of its own, so it works without JavaScript and can explain itself."""
    contribution = _contribution(contribution_id)
    page = contribution.consultation
    if contribution.is_hidden:
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report(
                    contribution,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                    participant_key=participant_key(request, create=True),
                    ip=client_ip(request),
                )
            except services.ParticipationError as error:
                form.add_error(None, str(error))
                status = TOO_MANY
            else:
                messages.success(
                    request,
                    _("Thank you. A moderator of the organisation will look at it."),
                )
                return _back(request, page, f"contribution-{contribution.pk}")
        else:
            status = UNPROCESSABLE
    response = render(
        request,
        "participation/report_form.html",
        {
            "form": form,
            "contribution": contribution,
            "consultation": page,
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=status,
    )
    return remember_participant(request, response)


@require_POST
def subscribe(request, consultation_id: int):
    page = _consultation(consultation_id)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _render_page(request, page, UNPROCESSABLE, subscribe_form=form)
    try:
        services.subscribe(
            page,
            form.cleaned_data["email"],
            consent=form.cleaned_data["consent"],
            participant_key=participant_key(request, create=True),
            ip=client_ip(request),
        )
    except services.ParticipationError as error:
        form.add_error(None, str(error))
        return _render_page(request, page, TOO_MANY, subscribe_form=form)
    messages.success(
        request,
        _("We will e-mail you once when the answer is published."),
    )
    return _back(request, page, "follow")


def unsubscribe(request, token: str):
    """GET asks (mail scanners follow links), POST deletes the address."""
    if request.method == "POST":
        services.unsubscribe(token)
        return render(request, "participation/unsubscribe.html", {"done": True})
    return render(request, "participation/unsubscribe.html", {"token": token})


# The organisation's side -------------------------------------------------


@login_required
def moderation(request):
    """Reported and hidden contributions of the consultations this person moderates."""
    consultations = moderated(ConsultationPage.objects.all(), request.user).order_by(
        "-opens_at"
    )
    if not consultations.exists():
        raise PermissionDenied
    show = request.GET.get("show", "reported")
    queryset = Contribution.objects.filter(consultation__in=consultations)
    chosen = query_int(request, "consultation", min_value=1)
    if chosen is not None:
        queryset = queryset.filter(consultation_id=chosen)
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    queryset = queryset.annotate(open_reports=open_reports)
    if show == "hidden":
        queryset = queryset.filter(hidden_at__isnull=False).order_by("-hidden_at")
    elif show == "all":
        queryset = queryset.order_by("-created_at")
    else:
        show = "reported"
        queryset = queryset.filter(open_reports__gt=0).order_by("-created_at")
    queryset = queryset.select_related(
        "consultation", "question", "hidden_by"
    ).prefetch_related("reports")
    page_obj = Paginator(queryset, 25).get_page(request.GET.get("page"))
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
    contribution = _contribution(contribution_id)
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


@require_POST
@login_required
def restore(request, contribution_id: int):
    contribution = _moderated_contribution(request, contribution_id)
    services.restore(contribution, by=request.user)
    messages.success(request, _("The contribution is visible again."))
    return _back_to_moderation(request)


@require_POST
@login_required
def dismiss(request, contribution_id: int):
    contribution = _moderated_contribution(request, contribution_id)
    services.dismiss_reports(contribution, by=request.user)
    messages.success(request, _("The reports are handled; the contribution stays."))
    return _back_to_moderation(request)


@login_required
def publish_feedback(request, consultation_id: int):
    page = get_object_or_404(ConsultationPage, pk=consultation_id)
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
            return redirect(page.url or "/")
    return render(
        request,
        "participation/publish_feedback.html",
        {"consultation": page, "items": items},
    )
