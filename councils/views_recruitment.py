"""Recruitment on the public site: the vacancy page where anyone applies without an
account, and for the chair, secretary or coach the vacancies, the applications and
the steps on each (councils/recruitment.py does the work)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inspraak.core.dates import age_on
from inspraak.core.ratelimit import Limit, allow

from . import permissions, recruitment
from .forms_recruitment import (
    ACTION_FORMS,
    ApplyForm,
    DeclineForm,
    InviteForm,
    VacancyForm,
)
from .models.councils import CouncilPage
from .models.recruitment import Application, Vacancy

APPLICATIONS_PER_PAGE = 20
CONFLICT = 409
TOO_MANY = 429
# Applications sent from one address (a school shares one: IP_FACTOR times this)
# and with one e-mail address, per hour.
APPLY_LIMIT = Limit("council_apply", 5, 60 * 60)
# A field people never see; a form that fills it in is a robot's.
HONEYPOT = "website"
_APPLIED = "councils_applied_to"


def _public_council(council_id: int) -> CouncilPage:
    council = CouncilPage.objects.live().public().filter(pk=council_id).first()
    if council is None:
        raise Http404
    return council


def vacancy(request, vacancy_id: int):
    """The vacancy and its short form; after sending, a thank-you in its place."""
    item = get_object_or_404(Vacancy, pk=vacancy_id)
    council = _public_council(item.council_id)
    is_open = Vacancy.objects.open().filter(pk=item.pk).exists()
    context = {"vacancy": item, "council": council, "is_open": is_open}
    if request.session.get(_APPLIED) == item.pk and request.method == "GET":
        del request.session[_APPLIED]
        context["applied"] = True
        return render(request, "councils/vacancy.html", context)
    if not is_open:
        return render(request, "councils/vacancy.html", context)
    form = ApplyForm(request.POST if request.method == "POST" else None, vacancy=item)
    if request.method == "POST" and form.is_valid():
        if request.POST.get(HONEYPOT):
            # Looks sent to a robot; nothing is kept or mailed.
            request.session[_APPLIED] = item.pk
            return redirect("councils:vacancy", vacancy_id=item.pk)
        if not allow(
            APPLY_LIMIT,
            key=form.cleaned_data["email"].lower(),
            ip=request.META.get("REMOTE_ADDR", ""),
        ):
            context.update(form=form, too_many=True)
            return render(request, "councils/vacancy.html", context, status=TOO_MANY)
        recruitment.apply(item, form.data_for_flow(), get_language())
        request.session[_APPLIED] = item.pk
        return redirect("councils:vacancy", vacancy_id=item.pk)
    context.update(form=form, honeypot=HONEYPOT)
    return render(request, "councils/vacancy.html", context)


def _recruiting_council(request, council: CouncilPage) -> CouncilPage:
    if not permissions.can_recruit(request.user, council):
        raise PermissionDenied
    return council


@login_required
def vacancy_new(request, council_id: int):
    council = _recruiting_council(
        request, get_object_or_404(CouncilPage, pk=council_id)
    )
    return _vacancy_form(request, council, Vacancy(council=council))


@login_required
def vacancy_edit(request, vacancy_id: int):
    item = get_object_or_404(Vacancy.objects.select_related("council"), pk=vacancy_id)
    council = _recruiting_council(request, item.council)
    return _vacancy_form(request, council, item)


def _vacancy_form(request, council: CouncilPage, item: Vacancy):
    """Open a vacancy, change it or close it (untick "open for applications")."""
    form = VacancyForm(
        request.POST if request.method == "POST" else None, instance=item
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        if item.pk is None:
            item.created_by = request.user
        item.save()
        messages.success(
            request,
            _("The vacancy is open. Share the link: %(url)s")
            % {"url": request.build_absolute_uri(_vacancy_path(item))}
            if item.is_open
            else _("The vacancy is saved. It is closed: nobody can apply."),
        )
        return redirect("councils:applications", council_id=council.pk)
    return render(
        request,
        "councils/vacancy_form.html",
        {"council": council, "form": form, "vacancy": item},
    )


def _vacancy_path(item: Vacancy) -> str:
    return reverse("councils:vacancy", kwargs={"vacancy_id": item.pk})


@login_required
def applications(request, council_id: int):
    """The council's vacancies and, newest first with the open ones on top, its
    applications, a page at a time."""
    council = _recruiting_council(
        request, get_object_or_404(CouncilPage, pk=council_id)
    )
    rows = (
        Application.objects.filter(vacancy__council=council)
        .select_related("vacancy")
        .annotate(
            waiting=Case(
                When(status__in=Application.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-submitted_at", "-pk")
    )
    page = Paginator(rows, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "councils/applications.html",
        {
            "council": council,
            "vacancies": list(council.vacancies.all()[:50]),
            "page_obj": page,
            "applications": page.object_list,
            "kept_days": recruitment.APPLICATION_KEPT_DAYS,
        },
    )


@login_required
def application(request, application_id: int):
    """One application and the steps the reviewer can take on it."""
    item = get_object_or_404(
        Application.objects.select_related("vacancy__council", "decided_by", "member"),
        pk=application_id,
    )
    council = _recruiting_council(request, item.vacancy.council)
    steps = recruitment.possible_steps(item)
    forms = {
        "invite": InviteForm(
            prefix="invite", initial={"talk_at": item.talk_at, "message": item.message}
        ),
        "accept": ACTION_FORMS["accept"](prefix="accept"),
        "decline": DeclineForm(
            prefix="decline",
            initial={"message": recruitment.default_decline_message(item)},
        ),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTION_FORMS:
            messages.error(request, _("Choose what to do with the application."))
            status = 400
        elif action not in steps:
            messages.info(request, _("This application has been decided already."))
            status = CONFLICT
        else:
            form = ACTION_FORMS[action](request.POST, prefix=action)
            forms[action] = form
            if form.is_valid():
                try:
                    done = _take_step(request, item, action, form.cleaned_data)
                except recruitment.RecruitmentError:
                    messages.info(
                        request, _("This application has been decided already.")
                    )
                    return redirect(request.path)
                messages.success(request, done)
                return redirect(request.path)
    return render(
        request,
        "councils/application.html",
        {
            "council": council,
            "application": item,
            "vacancy": item.vacancy,
            "steps": steps,
            "forms": forms,
            "age": age_on(item.date_of_birth, timezone.localdate()),
            "under_16": recruitment.needs_parent(
                item.date_of_birth, timezone.localdate()
            ),
        },
        status=status,
    )


def _take_step(request, item: Application, action: str, data: dict) -> str:
    """Do the step; the message for the reviewer."""
    if action == "invite":
        recruitment.invite(
            item, request.user, talk_at=data["talk_at"], message=data["message"]
        )
        return _("The invitation is sent to %(email)s.") % {"email": item.email}
    if action == "decline":
        recruitment.decline(item, request.user, message=data["message"])
        return _("The application is declined. We sent your message.")
    accepted = recruitment.accept(item, request.user)
    if accepted.waits_for_parent:
        return _(
            "%(name)s is accepted. We asked the parent for consent: the membership "
            "starts when they give it."
        ) % {"name": item.first_name}
    return _("%(name)s is accepted and is now a member.") % {"name": item.first_name}
