"""The handler's pages: the queue per organisation, the case file and the steps on a
case. Only current complaint handlers of the case's organisation (two-step
verification is required for every case URL by complaints.access); every read and
change is written to the access log.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import organisation_ids_for

from ..case_deadlines import DUE_SOON_DAYS, decision_deadline, is_overdue
from ..flows.closing import decline_deadline
from ..flows.records import log_access
from ..forms import handling as forms
from ..models import Case, CaseAccessLog
from ..permissions import is_handler
from ..transitions import allowed_actions, perform

PER_PAGE = 20


def handler_required(view):
    """Signed in; a current complaint handler somewhere (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # Superusers too need the role: case files hold health data.
        if not organisation_ids_for(request.user, Role.CASE_HANDLER):
            raise PermissionDenied(_("Only complaint handlers can open this page."))
        return view(request, *args, **kwargs)

    return wrapped


# Deadlines shown in lists ---------------------------------------------------


def deadline_state(case: Case, deadline, late: bool, today) -> tuple[str, str]:
    """The deadline as words and a colour class; the words carry the meaning, the
    colour only repeats it."""
    if case.decided_on:
        if late:
            return "overdue", _("Decided late")
        return "answered", _("Decided on time")
    if not case.is_open:
        return "closed", case.get_status_display()
    if late:
        return "overdue", _("Late")
    if deadline is not None and (deadline - today).days <= DUE_SOON_DAYS:
        return "answered_late", _("Due within 7 days")
    return "awaiting", _("On time")


def mark_deadline(case: Case, deadline, today) -> Case:
    """Give the case .deadline, .late and .deadline_state for the template."""
    case.deadline = deadline
    # No deadline: inputs the law does not allow (case_deadlines.refresh_deadline).
    case.late = deadline is not None and is_overdue(case, today, deadline=deadline)
    case.deadline_class, case.deadline_label = deadline_state(
        case, deadline, case.late, today
    )
    return case


# The queue ------------------------------------------------------------------

# Long texts the queue never shows: not loaded for every row.
QUEUE_DEFERRED = (
    "address",
    "decision_description",
    "conduct_description",
    "grounds",
    "wish",
    "late_reason",
    "postponement_notice",
    "outcome_text",
    "closing_reason",
)


@require_GET
@handler_required
def queue(request):
    """The cases of every organisation where the person handles cases, sorted by
    deadline (open cases first), with filters; 20 a page, sorted, filtered and
    counted in the database."""
    today = timezone.localdate()
    form = forms.QueueFilterForm(request.GET or None)
    cases = Case.objects.for_handler(request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("kind"):
        cases = cases.filter(kind=filters["kind"])
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("state") == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif filters.get("state") == "closed":
        cases = cases.exclude(status__in=Case.OPEN_STATUSES)
    if filters.get("overdue"):
        cases = cases.overdue(today)
    cases = cases.in_queue_order()
    # Sort and count narrow rows, then load the page's 20 in full.
    page_obj = Paginator(cases.values_list("pk", flat=True), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = (
        cases.filter(pk__in=page_obj.object_list)
        .select_related("organisation", "handler")
        .defer(*QUEUE_DEFERRED)
    )
    # The stored deadline (case_deadlines.refresh_deadline keeps it current).
    page_obj.object_list = [mark_deadline(case, case.deadline, today) for case in rows]
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "complaints/handling_queue.html",
        {
            "form": form,
            "page_obj": page_obj,
            "cases": page_obj.object_list,
            "counts": Case.objects.for_handler(request.user).deadline_counts(
                today, DUE_SOON_DAYS
            ),
            "query_string": urlencode(query),
            "today": today,
            "filtered": bool(query),
        },
    )


# One case -------------------------------------------------------------------


def _case_for(request, reference: str) -> Case:
    """The case when the person handles cases for its organisation; 404 otherwise,
    so that a handler elsewhere does not learn that it exists."""
    case = get_object_or_404(
        Case.objects.select_related("organisation", "handler", "filed_by").exclude(
            status=Case.Status.AWAITING_VERIFICATION
        ),
        reference=reference,
    )
    if not is_handler(request.user, case):
        raise Http404
    return case


# The form of each step (complaints.transitions says when it is on offer and runs it).
ACTIONS = {
    "take": forms.ConfirmForm,
    "acknowledge": forms.ConfirmForm,
    "in_progress": forms.ConfirmForm,
    "committee": forms.ConfirmForm,
    "postpone": forms.PostponeForm,
    "hearing": forms.HearingForm,
    "decide": forms.DecideForm,
    "decline": forms.ReasonForm,
    "forward": forms.ReasonForm,
    "withdraw": forms.WithdrawForm,
    "close": forms.ConfirmForm,
    "message": forms.MessageForm,
}


def make_form(action: str, case: Case, data=None):
    form = ACTIONS[action](data)
    if action == "decide" and case.kind != Case.Kind.OBJECTION:
        del form.fields["jeugdwet"]  # only objections go to a court
    return form


def action_labels() -> dict[str, tuple[str, str]]:
    """Heading and button per step, in the order the case file shows them."""
    return {
        "take": (_("Handle this case yourself"), _("Take this case")),
        "acknowledge": (
            _("Confirm receipt in writing (Awb 9:6)"),
            _("Send the confirmation"),
        ),
        "in_progress": (_("Start handling"), _("Mark as being handled")),
        "message": (_("Send a message"), _("Send message")),
        "committee": (
            _("Advisory committee"),
            _("Note that a committee advises (longer period)"),
        ),
        "postpone": (_("Postpone the decision"), _("Postpone")),
        "hearing": (_("Plan the hearing (Awb 7:2, 9:10)"), _("Plan hearing")),
        "decide": (_("Decide (Awb 9:12)"), _("Send the outcome")),
        "decline": (_("Do not handle the complaint (Awb 9:8)"), _("Decline")),
        "forward": (_("Forward to another organisation"), _("Forward")),
        "withdraw": (_("The person withdraws the case"), _("Mark as withdrawn")),
        "close": (_("Close the case"), _("Close")),
    }


def _render_case(request, case: Case, bound: dict | None = None, status: int = 200):
    today = timezone.localdate()
    mark_deadline(case, decision_deadline(case, today), today)
    actions = allowed_actions(case, request.user)
    bound = bound or {}
    action_list = [
        {
            "name": name,
            "heading": heading,
            "button": button,
            "form": bound.get(name) or make_form(name, case),
        }
        for name, (heading, button) in action_labels().items()
        if name in actions
    ]
    return render(
        request,
        "complaints/handling_case.html",
        {
            "case": case,
            "rule": case.decision_rule(),
            "events": case.events.select_related("by"),
            "case_messages": case.messages.select_related("author"),
            "attachments": case.attachments.all(),
            "access_log": case.access_log.select_related("user")[:200],
            "actions": action_list,
            "decline_until": decline_deadline(case)
            if case.kind == Case.Kind.MUNICIPAL_COMPLAINT
            else None,
        },
        status=status,
    )


@require_GET
@handler_required
def handle(request, reference: str):
    """The case file for its handlers. Each opening is logged."""
    case = _case_for(request, reference)
    log_access(case, request.user, CaseAccessLog.Action.VIEW, actor="handler")
    return _render_case(request, case)


@require_POST
@handler_required
def handle_action(request, reference: str, action: str):
    """One step on the case, as a small POST form."""
    case = _case_for(request, reference)
    if action not in ACTIONS:
        raise Http404
    if action not in allowed_actions(case, request.user):
        messages.error(request, _("This step is not possible now."))
        return redirect("complaints:handle", reference=case.reference)
    form = make_form(action, case, request.POST)
    if not form.is_valid():
        return _render_case(request, case, bound={action: form}, status=400)
    try:
        done = perform(action, case, request.user, form.cleaned_data)
    except ValueError as error:
        messages.error(request, str(error))
        # The flows refuse before they write; reload what is stored.
        return redirect("complaints:handle", reference=case.reference)
    if done.warning:
        messages.warning(request, done.warning)
    messages.success(request, done.message)
    return redirect("complaints:handle", reference=case.reference)
