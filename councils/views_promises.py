"""Views of the follow-up of promises: the council records promises, the addressee
reports progress, and signed-in people follow advice. Who may do what is asked of
councils.permissions; the work is done in councils/promises.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inspraak.pages.translation import localized_url

from . import permissions, promises
from .forms_promises import ProgressForm, PromiseForm
from .models import AdviceAnswer, AdvicePage, Promise

# A state that does not allow the step (no adopting answer, promise settled): the
# page says why instead of showing the form.
CONFLICT = 409


def _advice(advice_id: int) -> AdvicePage:
    return get_object_or_404(
        AdvicePage.objects.select_related("addressee"), pk=advice_id
    )


def _promise(promise_id: int) -> Promise:
    return get_object_or_404(
        Promise.objects.select_related("advice", "advice__addressee"), pk=promise_id
    )


def _no_promises_reason(advice: AdvicePage) -> str:
    if AdviceAnswer.objects.filter(advice=advice).exists():
        return _(
            "The organisation did not adopt this advice, so there are no promises "
            "to follow up."
        )
    return _(
        "There is no answer to this advice yet. You can record promises once the "
        "organisation adopts the advice fully or partly."
    )


def _settled_reason() -> str:
    return _("This promise is settled. It can no longer be changed or reported on.")


@login_required
def promises_page(request, advice_id: int):
    """The chair or secretary record what the answer promised, by when."""
    advice = _advice(advice_id)
    if not permissions.can_adopt(request.user, advice.council):
        raise PermissionDenied
    context = {"advice": advice, "promises": promises.advice_promises(advice)}
    answer = promises.adopting_answer(advice)
    if answer is None:
        context["unavailable"] = _no_promises_reason(advice)
        return render(request, "councils/promises.html", context, status=CONFLICT)
    posted = request.method == "POST"
    form = PromiseForm(request.POST if posted else None, answered_on=answer.answered_on)
    if posted and form.is_valid():
        try:
            promises.record_promise(advice, request.user, **form.cleaned_data)
        except promises.PromiseStateError:
            context["unavailable"] = _no_promises_reason(advice)
            return render(request, "councils/promises.html", context, status=CONFLICT)
        messages.success(
            request, _("The promise is saved. The organisation can now report on it.")
        )
        return redirect("councils:promises", advice_id=advice.pk)
    context.update(form=form, answer=answer)
    return render(request, "councils/promises.html", context)


@login_required
def promise_edit(request, promise_id: int):
    """The chair or secretary correct the text or date of an open promise."""
    promise = _promise(promise_id)
    advice = promise.advice
    if not permissions.can_adopt(request.user, advice.council):
        raise PermissionDenied
    context = {"advice": advice, "promise": promise}
    answer = promises.adopting_answer(advice)
    if answer is None or promise.state != Promise.State.OPEN:
        context["unavailable"] = (
            _no_promises_reason(advice) if answer is None else _settled_reason()
        )
        return render(request, "councils/promise_edit.html", context, status=CONFLICT)
    posted = request.method == "POST"
    form = PromiseForm(
        request.POST if posted else None,
        answered_on=answer.answered_on,
        initial={"text": promise.text, "visible_by": promise.visible_by},
    )
    if posted and form.is_valid():
        try:
            promises.change_promise(promise, **form.cleaned_data)
        except promises.PromiseStateError:
            context["unavailable"] = _settled_reason()
            return render(
                request, "councils/promise_edit.html", context, status=CONFLICT
            )
        messages.success(request, _("The promise is changed."))
        return redirect("councils:promises", advice_id=advice.pk)
    context["form"] = form
    return render(request, "councils/promise_edit.html", context)


@login_required
def promise_progress(request, promise_id: int):
    """The addressee's staff report progress on an open promise."""
    promise = _promise(promise_id)
    advice = promise.advice
    if not permissions.can_answer(request.user, advice):
        raise PermissionDenied
    context = {
        "advice": advice,
        "promise": promises.label_promise(promise),
        "reports": list(promise.progress.all()),
    }
    if promise.state != Promise.State.OPEN:
        context["unavailable"] = _settled_reason()
        return render(
            request, "councils/promise_progress.html", context, status=CONFLICT
        )
    form = ProgressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            promises.report_progress(promise, request.user, **form.cleaned_data)
        except promises.PromiseStateError:
            context["unavailable"] = _settled_reason()
            return render(
                request, "councils/promise_progress.html", context, status=CONFLICT
            )
        messages.success(
            request, _("Thank you. Your report is on the advice page now.")
        )
        return redirect(localized_url(advice, request))
    context["form"] = form
    return render(request, "councils/promise_progress.html", context)


@login_required
def follow_advice(request, advice_id: int):
    """Follow published advice, or stop following it (POST); a GET goes back to the
    advice (after signing in, the visitor lands there)."""
    advice = get_object_or_404(AdvicePage.objects.live().public(), pk=advice_id)
    if request.method != "POST":
        return redirect(localized_url(advice, request))
    if promises.toggle_follow(advice, request.user):
        messages.success(
            request,
            _(
                "You follow this advice now. We e-mail you when it is answered and "
                "when there is news on a promise."
            ),
        )
    else:
        messages.success(request, _("You no longer follow this advice."))
    return redirect(localized_url(advice, request))
