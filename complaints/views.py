"""The public side of complaints and objections: the guided questions, filing (with
an account or as a guest), and the person's own case page. Handlers work in
handling.py. Two-step verification for the people who see cases of others is
required for all of these by complaints.access, not here."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import deadlines, services
from .forms import (
    CaseForm,
    LateReasonForm,
    MessageForm,
    PeriodCheckForm,
    QuestionForm,
    RepairForm,
)
from .models import Case, CaseAccessLog, CaseAttachment
from .permissions import can_view, case_from_link_token, is_filer, is_handler
from .route import (
    QUESTIONS,
    QUESTIONS_BY_SLUG,
    Route,
    clean_answers,
    first_unanswered,
    next_question,
    previous_question,
    route,
)

ANSWERS_KEY = "complaints.answers"
FILED_KEY = "complaints.filed"  # references filed in this session (for `filed`)


def _answers(request) -> dict[str, str]:
    return clean_answers(request.session.get(ANSWERS_KEY) or {})


def _question_url(question) -> str:
    return reverse("complaints:question", args=[question.slug])


# The guided questions ---------------------------------------------------------


def start(request):
    """What this is, and the first question."""
    question = QUESTIONS[0]
    form = QuestionForm(
        question=question, initial={"answer": _answers(request).get(question.key)}
    )
    return render(
        request,
        "complaints/start.html",
        {"form": form, "question": question, "action": _question_url(question)},
    )


def question(request, step):
    """One question per screen. Back keeps what was chosen; Next asks for an answer.
    Whoever says someone is unsafe goes straight to help, and nothing is kept."""
    question = QUESTIONS_BY_SLUG.get(step)
    if question is None:
        raise Http404
    answers = _answers(request)
    going_back = "back" in request.POST
    if request.method == "POST":
        form = QuestionForm(request.POST, question=question, required=not going_back)
        if form.is_valid() or going_back:
            value = form.cleaned_data.get("answer") if form.is_valid() else ""
            if question.key == "safety" and value == "yes" and not going_back:
                request.session.pop(ANSWERS_KEY, None)
                return redirect(reverse("complaints:result") + "?route=safety")
            if value:
                answers[question.key] = value
            request.session[ANSWERS_KEY] = answers
            if going_back:
                previous = previous_question(question)
                return redirect(
                    _question_url(previous) if previous else "complaints:start"
                )
            following = next_question(question)
            return redirect(
                _question_url(following) if following else "complaints:result"
            )
    else:
        missing = first_unanswered(answers)
        if missing is not None and QUESTIONS.index(missing) < QUESTIONS.index(question):
            return redirect(_question_url(missing))
        form = QuestionForm(
            question=question, initial={"answer": answers.get(question.key)}
        )
    return render(
        request,
        "complaints/question.html",
        {
            "form": form,
            "question": question,
            "number": QUESTIONS.index(question) + 1,
            "total": len(QUESTIONS),
            "action": _question_url(question),
        },
    )


def result(request):
    """Where the answers lead, what happens next and how long it may take."""
    if request.GET.get("route") == Route.SAFETY:
        chosen = Route.SAFETY
    else:
        answers = _answers(request)
        missing = first_unanswered(answers)
        if missing is not None:
            return redirect(_question_url(missing))
        chosen = route(answers)
    context = {
        "route": chosen,
        "last_question_url": _question_url(QUESTIONS[-1]),
        "weeks": {
            "objection_period": deadlines.OBJECTION_PERIOD_WEEKS,
            "objection_decision": deadlines.OBJECTION_DECISION_WEEKS,
            "objection_committee": deadlines.OBJECTION_DECISION_WEEKS_COMMITTEE,
            "complaint_decision": deadlines.COMPLAINT_DECISION_WEEKS,
            "complaint_committee": deadlines.COMPLAINT_DECISION_WEEKS_COMMITTEE,
            "provider": deadlines.PROVIDER_DEFAULT_WEEKS,
        },
    }
    if chosen == Route.OBJECTION:
        check = PeriodCheckForm(request.GET if "received_on" in request.GET else None)
        context["check"] = check
        if check.is_valid():
            period_end = check.period_end()
            context["period_end"] = period_end
            context["received_on"] = check.cleaned_data["received_on"]
            context["late"] = timezone.localdate() > period_end
    return render(request, "complaints/result.html", context)


# Filing -----------------------------------------------------------------------


def file_case(request, kind):
    """The form for one kind of case; with an account or as a guest."""
    if kind not in Case.Kind.values:
        raise Http404
    if request.method == "POST":
        form = CaseForm(request.POST, request.FILES, kind=kind, user=request.user)
        if form.is_valid():
            case = services.file_case(
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
        form = CaseForm(kind=kind, user=request.user, initial=initial)
    return render(
        request,
        "complaints/file.html",
        {"form": form, "kind": kind, "kind_label": Case.Kind(kind).label},
    )


@never_cache
def filed(request, reference):
    """The confirmation right after filing, only in the session that filed it."""
    case = get_object_or_404(Case, reference=reference)
    if reference not in request.session.get(FILED_KEY, []) and not is_filer(
        request.user, case
    ):
        raise Http404
    services.log_access(
        case,
        request.user,
        CaseAccessLog.Action.VIEW,
        actor="filer" if case.filed_by_id else "guest",
        detail="confirmation page",
    )
    return render(
        request,
        "complaints/filed.html",
        {"case": case, "missing": _missing_labels(case)},
    )


@never_cache
def verify(request, token):
    """The link in the guest's e-mail: confirms the address, then opens the case."""
    case = case_from_link_token(token)
    if case is None:
        raise Http404
    if services.verify_guest(case):
        messages.success(request, _("Thank you. Your e-mail address is confirmed."))
    return redirect("complaints:guest_case", token=token)


# The person's case page -------------------------------------------------------


def _missing_labels(case: Case) -> list[str]:
    return [
        str(Case._meta.get_field(part).verbose_name)
        for part in case.missing_parts
        if part in {field.name for field in Case._meta.get_fields()}
    ]


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
    services.verify_guest(case)
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
                services.add_message(
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
                services.repair(case, data, user=user, files=files)
                messages.success(
                    request, _("Thank you. We have added it to your case.")
                )
                return redirect(request.path)
        elif which == "late" and late_form is not None:
            late_form = LateReasonForm(request.POST, prefix="late")
            if late_form.is_valid():
                services.give_late_reason(
                    case, late_form.cleaned_data["late_reason"], user=user
                )
                messages.success(request, _("Thank you. We have added your reason."))
                return redirect(request.path)
    services.log_access(case, user, CaseAccessLog.Action.VIEW, actor=actor)
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
            "missing": _missing_labels(case),
            "message_form": message_form,
            "repair_form": repair_form,
            "late_form": late_form,
        },
    )


# Attachments ------------------------------------------------------------------


def _serve(request, case: Case, attachment_id: int, actor: str):
    attachment = get_object_or_404(CaseAttachment, pk=attachment_id, case=case)
    services.log_access(
        case,
        request.user,
        CaseAccessLog.Action.DOWNLOAD,
        actor=actor,
        detail=f"attachment {attachment.pk}",
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(request, reference, attachment_id):
    """A file of a case, for the signed-in filer or a handler of the organisation;
    anyone else gets "not found"."""
    case = get_object_or_404(Case, reference=reference)
    if not can_view(request.user, case):
        raise Http404
    actor = "handler" if is_handler(request.user, case) else "filer"
    return _serve(request, case, attachment_id, actor)


def guest_attachment(request, token, attachment_id):
    """A file of a case, through the guest's signed link."""
    case = case_from_link_token(token)
    if case is None or not can_view(request.user, case, guest_token_valid=True):
        raise Http404
    return _serve(request, case, attachment_id, "guest")


def _download(request, case: Case, actor: str):
    archive = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    services.write_case_archive(case, archive, user=request.user, actor=actor)
    archive.seek(0)
    response = FileResponse(
        archive, as_attachment=True, filename=f"{case.reference}.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def case_download(request, reference):
    """Everything held on the case, for the signed-in filer (AVG art. 15)."""
    case = get_object_or_404(Case, reference=reference)
    if not is_filer(request.user, case):
        raise Http404
    return _download(request, case, "filer")


@never_cache
def guest_case_download(request, token):
    """The same, through the guest's signed link."""
    case = case_from_link_token(token)
    if case is None:
        raise Http404
    return _download(request, case, "guest")
