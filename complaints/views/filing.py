"""Filing a case, with an account or as a guest; the confirmation page; the
guest's link that confirms their address."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inspraak.signin.claims import digid_identification, digid_providers

from ..flows import filing as flow
from ..flows.filing import verify_guest
from ..flows.records import log_access
from ..flows.repair import missing_labels
from ..forms.filing import CaseForm
from ..forms.questions import PeriodCheckForm
from ..models import Case, CaseAccessLog
from ..permissions import case_from_link_token, is_filer
from .questions import ANSWERS_KEY

FILED_KEY = "complaints.filed"  # references filed in this session (for `filed`)


def file_case(request, kind):
    """The form for one kind of case; with an account or as a guest."""
    if kind not in Case.Kind.values:
        raise Http404
    identified = digid_identification(request)
    digid_name = (identified or {}).get("name", "")
    if request.method == "POST":
        form = CaseForm(
            request.POST,
            request.FILES,
            kind=kind,
            user=request.user,
            digid_name=digid_name,
        )
        if form.is_valid():
            case = flow.file_case(
                kind=kind,
                data=form.case_data(),
                user=request.user,
                guest_email=form.cleaned_data.get("guest_email", ""),
                files=form.cleaned_data["attachments"],
                missing_parts=form.missing_parts(),
            )
            request.session.pop(ANSWERS_KEY, None)
            request.session[FILED_KEY] = [
                *request.session.get(FILED_KEY, [])[-9:],
                case.reference,
            ]
            return redirect("complaints:filed", reference=case.reference)
    else:
        initial = {}
        received = PeriodCheckForm(request.GET)
        if kind == Case.Kind.OBJECTION and received.is_valid():
            initial["decision_made_known_on"] = received.cleaned_data["received_on"]
        form = CaseForm(
            kind=kind, user=request.user, initial=initial, digid_name=digid_name
        )
    return render(
        request,
        "complaints/file.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": Case.Kind(kind).label,
            "digid_identified": identified,
            "digid_providers": digid_providers() if not identified else [],
        },
    )


@never_cache
def filed(request, reference):
    """The confirmation right after filing, only in the session that filed it."""
    case = get_object_or_404(Case, reference=reference)
    if reference not in request.session.get(FILED_KEY, []) and not is_filer(
        request.user, case
    ):
        raise Http404
    log_access(
        case,
        request.user,
        CaseAccessLog.Action.VIEW,
        actor="filer" if case.filed_by_id else "guest",
        detail="confirmation page",
    )
    return render(
        request,
        "complaints/filed.html",
        {"case": case, "missing": missing_labels(case)},
    )


@never_cache
def verify(request, token):
    """The link in the guest's e-mail: confirms the address, then opens the case."""
    case = case_from_link_token(token)
    if case is None:
        raise Http404
    if verify_guest(case):
        messages.success(request, _("Thank you. Your e-mail address is confirmed."))
    return redirect("complaints:guest_case", token=token)
