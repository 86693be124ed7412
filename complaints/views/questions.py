"""The guided questions of "I have a complaint or disagree with something": one
question per screen, then where the answers lead (complaints.route)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import deadlines
from ..forms.questions import PeriodCheckForm, QuestionForm
from ..route import (
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


def _answers(request) -> dict[str, str]:
    return clean_answers(request.session.get(ANSWERS_KEY) or {})


def _question_url(question) -> str:
    return reverse("complaints:question", args=[question.slug])


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
