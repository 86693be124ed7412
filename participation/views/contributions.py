"""Public-site views of consultations: the forms people send from a consultation
page (they all work without JavaScript) and the e-mail unsubscribe link. Work is
done in services.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspraak.accounts.decorators import posting_allowed
from inspraak.pages.translation import localize, localized_url, originals

from .. import services
from ..forms import ContributionForm, ReportForm, SubscribeForm
from ..models import ConsultationPage, Contribution
from ..page_context import worded_questions
from ..participants import client_ip, participant_key, remember_participant

UNPROCESSABLE = 422
TOO_MANY = 429
CONFLICT = 409


def _consultation(consultation_id: int) -> ConsultationPage:
    """The record: contributions never go to a translation of it."""
    return get_object_or_404(
        originals(ConsultationPage.objects.live().public()).select_related(
            "organisation"
        ),
        pk=consultation_id,
    )


def _shown(request, page: ConsultationPage) -> ConsultationPage:
    """The page the reader came from: its translation in the reader's language."""
    return localize([page], request)[0].shown


def contribution_or_404(contribution_id: int) -> Contribution:
    """A contribution on a live consultation (moderation.py looks them up too)."""
    return get_object_or_404(
        Contribution.objects.select_related("consultation__organisation"),
        pk=contribution_id,
        consultation__live=True,
    )


def _render_page(request, page, status: int, **overrides):
    """The consultation page again (in the reader's language), with a form that
    keeps what was typed."""
    shown = _shown(request, page)
    context = shown.get_context(request)
    context.update(overrides)
    response = TemplateResponse(
        request, shown.get_template(request), context, status=status
    )
    return remember_participant(request, response)


def _back(request, page, anchor: str = ""):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = localized_url(page, request)
    if anchor and "#" not in target:
        target += f"#{anchor}"
    return remember_participant(request, HttpResponseRedirect(target))


@require_POST
@posting_allowed
def contribute(request, consultation_id: int):
    page = _consultation(consultation_id)
    form = ContributionForm(
        request.POST,
        consultation=page,
        user=request.user,
        worded=worded_questions(page, _shown(request, page)),
    )
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
        request,
        redirect(f"{localized_url(page, request)}#contribution-{contribution.pk}"),
    )


@require_POST
def support(request, contribution_id: int):
    contribution = contribution_or_404(contribution_id)
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
    contribution = contribution_or_404(contribution_id)
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
