"""The person's own case page: for the signed-in filer, or for a guest through the
signed link from their e-mail. Messages, repair and the late reason are posted
here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..flows.filing import verify_guest
from ..flows.messages import add_message
from ..flows.records import log_access
from ..flows.repair import give_late_reason, missing_labels, repair
from ..forms.own_case import LateReasonForm, MessageForm, RepairForm
from ..models import Case, CaseAccessLog
from ..permissions import case_from_link_token, is_filer


@never_cache
@login_required
def case(request, reference):
    """The signed-in filer's own case. Anyone else gets "not found", handlers
    included (they use their own pages)."""
    case = get_object_or_404(Case, reference=reference)
    if not is_filer(request.user, case):
        raise Http404
    return _case_page(request, case, token=None)


@never_cache
def guest_case(request, token):
    """A guest's case, opened with the signed link from their e-mail (which also
    proves the address)."""
    case = case_from_link_token(token)
    if case is None:
        raise Http404
    verify_guest(case)
    response = _case_page(request, case, token=token)
    # The token is the key: keep it out of the Referer sent to other sites.
    # ("no-referrer" would also make the browser send "Origin: null" with this
    # page's own forms, which Django's CSRF check rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


def _case_page(request, case: Case, *, token: str | None):
    actor = "guest" if token else "filer"
    user = request.user
    message_form = MessageForm(prefix="message")
    repair_form = (
        RepairForm(case=case, prefix="repair")
        if case.status == Case.Status.REPAIR_REQUESTED
        else None
    )
    late_form = (
        LateReasonForm(prefix="late") if case.is_late and not case.late_reason else None
    )
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "message" and not case.is_open:
            messages.error(
                request,
                _("This case is closed. For something new, file a new complaint."),
            )
            return redirect(request.path)
        if which == "message":
            message_form = MessageForm(request.POST, request.FILES, prefix="message")
            if message_form.is_valid():
                add_message(
                    case,
                    message_form.cleaned_data["text"],
                    user=user,
                    files=message_form.cleaned_data["attachments"],
                )
                messages.success(request, _("Your message has been sent."))
                return redirect(request.path)
        elif which == "repair" and repair_form is not None:
            repair_form = RepairForm(
                request.POST, request.FILES, case=case, prefix="repair"
            )
            if repair_form.is_valid():
                data = dict(repair_form.cleaned_data)
                files = data.pop("attachments")
                repair(case, data, user=user, files=files)
                messages.success(
                    request, _("Thank you. We have added it to your case.")
                )
                return redirect(request.path)
        elif which == "late" and late_form is not None:
            late_form = LateReasonForm(request.POST, prefix="late")
            if late_form.is_valid():
                give_late_reason(case, late_form.cleaned_data["late_reason"], user=user)
                messages.success(request, _("Thank you. We have added your reason."))
                return redirect(request.path)
    log_access(case, user, CaseAccessLog.Action.VIEW, actor=actor)
    return render(
        request,
        "complaints/case.html",
        {
            "case": case,
            "token": token,
            "events": case.events.all(),
            "case_messages": case.messages.all(),
            "attachments": case.attachments.all(),
            "deadline": case.decision_deadline(),
            "period_end": case.objection_period_end(),
            "missing": missing_labels(case),
            "message_form": message_form,
            "repair_form": repair_form,
            "late_form": late_form,
        },
    )
