"""Public-site views for signed-in staff and council members: answering advice, the
council's follow-up and requests for advice. Who may do what is asked of
councils.permissions; the work is done in the flows of councils/services/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inspraak.organisations.permissions import has_role, organisations_for
from inspraak.pages.translation import localized_url, originals

from . import permissions
from .forms import (
    AdviceRequestForm,
    AnswerForm,
    AnswerPointFormSet,
    DecideRequestForm,
    FollowUpForm,
    answer_consistency_error,
)
from .models import AdviceAnswer, AdviceDispatch, AdvicePage, AdviceRequest, CouncilPage
from .services import answers
from .services import requests as advice_requests
from .services.errors import AdviceStateError

# A state that does not allow the step (not sent, already answered): the page says
# why instead of showing the form.
CONFLICT = 409


def _advice(advice_id: int) -> AdvicePage:
    return get_object_or_404(
        AdvicePage.objects.select_related("addressee"), pk=advice_id
    )


def _answer_unavailable(advice: AdvicePage) -> str | None:
    if not AdviceDispatch.objects.filter(advice=advice).exists():
        return _("This advice has not been sent yet. You can answer once it is sent.")
    if AdviceAnswer.objects.filter(advice=advice).exists():
        return _("This advice has already been answered. An answer cannot be changed.")
    return None


@login_required
def answer(request, advice_id: int):
    """The addressee's staff record the answer, per point, with reasons where they
    deviate."""
    advice = _advice(advice_id)
    if not permissions.can_answer(request.user, advice):
        raise PermissionDenied
    council = advice.council
    context = {"advice": advice, "council": council}
    unavailable = _answer_unavailable(advice)
    if unavailable:
        context["unavailable"] = unavailable
        return render(request, "councils/answer_form.html", context, status=CONFLICT)

    posted = request.method == "POST"
    form = AnswerForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        council=council,
    )
    formset = AnswerPointFormSet(request.POST if posted else None, prefix="points")
    if posted and form.is_valid() and formset.is_valid():
        points = formset.points()
        problem = answer_consistency_error(form.cleaned_data["verdict"], points)
        if problem:
            form.add_error("verdict", problem)
        else:
            try:
                answers.record_answer(
                    advice,
                    request.user,
                    verdict=form.cleaned_data["verdict"],
                    summary=form.cleaned_data["summary"],
                    reasons=form.cleaned_data["reasons"],
                    points=points,
                    document_file=form.cleaned_data["document"],
                )
            except AdviceStateError:
                context["unavailable"] = _answer_unavailable(advice) or _(
                    "The answer could not be saved. Please try again."
                )
                return render(
                    request, "councils/answer_form.html", context, status=CONFLICT
                )
            messages.success(
                request,
                _("Thank you. The answer is saved and the council has been told."),
            )
            return redirect(localized_url(advice, request))
    context.update(
        form=form,
        formset=formset,
        # A browser never keeps a chosen file after an error: say so.
        choose_file_again=posted and bool(request.FILES.get("document")),
    )
    return render(request, "councils/answer_form.html", context)


@login_required
def follow_up(request, advice_id: int):
    """The council's one reaction to the answer."""
    advice = _advice(advice_id)
    if not permissions.can_follow_up(request.user, advice):
        raise PermissionDenied
    context = {"advice": advice}
    existing = getattr(advice, "follow_up", None)
    answer = getattr(advice, "answer", None)
    if existing is not None:
        context.update(
            existing=existing,
            unavailable=_(
                "The council has already reacted to this answer. It can react only "
                "once."
            ),
        )
        return render(request, "councils/follow_up_form.html", context, status=CONFLICT)
    if answer is None:
        context["unavailable"] = _(
            "There is no answer to this advice yet. The council can react once the "
            "organisation has answered."
        )
        return render(request, "councils/follow_up_form.html", context, status=CONFLICT)

    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answers.record_follow_up(
                advice, request.user, text=form.cleaned_data["text"]
            )
        except AdviceStateError:
            context["unavailable"] = _(
                "The council has already reacted to this answer. It can react only "
                "once."
            )
            return render(
                request, "councils/follow_up_form.html", context, status=CONFLICT
            )
        messages.success(request, _("The council's reaction is saved."))
        return redirect(localized_url(advice, request))
    context.update(form=form, answer=answer)
    return render(request, "councils/follow_up_form.html", context)


@login_required
def ask_advice(request, council_id: int):
    """Staff of an organisation ask the council for advice."""
    council = get_object_or_404(CouncilPage, pk=council_id)
    organisations = organisations_for(request.user).filter(is_active=True)
    allowed = [
        o.pk for o in organisations if permissions.can_ask_advice(request.user, o)
    ]
    if not allowed:
        raise PermissionDenied
    form = AdviceRequestForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations.filter(pk__in=allowed),
        initial={"organisation": council.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        advice_request = advice_requests.ask_advice(
            council,
            form.cleaned_data["organisation"],
            request.user,
            question=form.cleaned_data["question"],
            desired_on=form.cleaned_data["desired_on"],
        )
        messages.success(
            request,
            _("Your request has been sent. The council will accept or decline it."),
        )
        return redirect("councils:request", request_id=advice_request.pk)
    return render(
        request, "councils/request_form.html", {"council": council, "form": form}
    )


def _can_see_request(user, advice_request: AdviceRequest) -> bool:
    return permissions.is_member(user, advice_request.council) or has_role(
        user, advice_request.organisation_id
    )


@login_required
def request_detail(request, request_id: int):
    """A request for advice: its status, the advice that answers it and, for the
    chair or secretary while it is open, the decision."""
    advice_request = get_object_or_404(
        AdviceRequest.objects.select_related("council", "organisation"),
        pk=request_id,
    )
    council = advice_request.council
    if not _can_see_request(request.user, advice_request):
        raise PermissionDenied
    may_decide = (
        permissions.can_adopt(request.user, council)
        and advice_request.status == AdviceRequest.Status.OPEN
    )
    form = None
    if request.method == "POST":
        if not permissions.can_adopt(request.user, council):
            raise PermissionDenied
        if not may_decide:
            messages.info(
                request, _("The council has already decided on this request.")
            )
            return redirect(request.path)
        form = DecideRequestForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == DecideRequestForm.ACCEPT
            try:
                advice_requests.decide_request(
                    advice_request,
                    request.user,
                    accept=accept,
                    reason=form.cleaned_data["reason"],
                )
            except AdviceStateError:
                messages.info(
                    request, _("The council has already decided on this request.")
                )
                return redirect(request.path)
            messages.success(
                request,
                _("The request is accepted.")
                if accept
                else _("The request is declined."),
            )
            return redirect(request.path)
    elif may_decide:
        form = DecideRequestForm()
    return render(
        request,
        "councils/request_decide.html",
        {
            "advice_request": advice_request,
            "council": council,
            "form": form,
            # AdvicePageQuerySet is not a PageQuerySet, so no .live() here.
            "advice_list": originals(
                AdvicePage.objects.filter(live=True, request=advice_request)
            ),
        },
    )
