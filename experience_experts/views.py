"""Pages for experience experts and the organisations that book them. Views check
permissions (permissions.py) and call services.py; they hold no rules of their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspraak.accounts.decorators import posting_allowed
from inspraak.core.bounds import query_year

from . import forms, permissions, services
from .models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    ProcurementRound,
    WorkLog,
)

PER_PAGE = 20


def _page(request, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _profile(user) -> ExpertProfile | None:
    if not user.is_authenticated:
        return None
    return ExpertProfile.objects.filter(user=user).first()


def _refused(request, error: services.Refused):
    messages.error(request, error.message)


# Start page ---------------------------------------------------------------------


@require_GET
def home(request):
    """What this is; for an expert their work, for an organisation its assignments."""
    user = request.user
    profile = _profile(user)
    context = {"profile": profile, "is_organiser": False}
    if profile is not None:
        context["bookings"] = (
            Booking.objects.for_expert(user)
            .exclude(status=Booking.Status.CANCELLED)
            .select_related("assignment__organisation")
            .order_by("-booked_at")[:10]
        )
        context["applications"] = (
            Application.objects.filter(expert=user, status=Application.Status.SUBMITTED)
            .select_related("assignment__organisation")
            .order_by("-created_at")[:10]
        )
        context["invitations"] = user.expert_invitations.filter(
            assignment__state=Assignment.State.OPEN
        ).select_related("assignment__organisation")[:10]
        context["declarations"] = (
            permissions.declarations_visible_to(user)
            .filter(expert=user)
            .select_related("procurement_round")
        )
    if permissions.is_organiser_anywhere(user):
        context["is_organiser"] = True
        context["assignments"] = (
            permissions.assignments_for_organiser(user)
            .select_related("organisation", "procurement_round")
            .order_by("-created_at")[:10]
        )
    context["year"] = timezone.localdate().year
    return render(request, "experience_experts/home.html", context)


# Profile ------------------------------------------------------------------------


@login_required
@posting_allowed
def profile_edit(request):
    profile = _profile(request.user)
    creating = profile is None
    form = forms.ProfileForm(
        request.POST or None, instance=profile or ExpertProfile(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.save_profile(
                    request.user,
                    form.save(commit=False),
                    consent=form.cleaned_data.get("consent", not creating),
                )
                form.instance = saved
                form.save_m2m()
        except services.Refused as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("experience_experts:home")
    return render(
        request,
        "experience_experts/profile_form.html",
        {"form": form, "creating": creating, "profile": profile},
    )


@login_required
def profile_delete(request):
    profile = _profile(request.user)
    if profile is None:
        raise Http404
    if request.method == "POST":
        services.delete_profile(profile)
        messages.success(request, _("Your expert profile is deleted."))
        return redirect("experience_experts:home")
    return render(
        request, "experience_experts/profile_delete.html", {"profile": profile}
    )


@login_required
@require_GET
def applicant(request, pk, application_pk):
    """An applicant's profile, for the organisation of the assignment only."""
    assignment = get_object_or_404(Assignment, pk=pk)
    application = get_object_or_404(
        permissions.applications_visible_to(request.user, assignment).select_related(
            "expert"
        ),
        pk=application_pk,
    )
    profile = ExpertProfile.objects.filter(user=application.expert).first()
    return render(
        request,
        "experience_experts/applicant.html",
        {"assignment": assignment, "application": application, "profile": profile},
    )


# Assignments --------------------------------------------------------------------


@require_GET
def assignments(request):
    """Open assignments; for an expert, best fit first."""
    profile = _profile(request.user)
    if profile is not None:
        items = services.matching_assignments(profile)
    else:
        items = list(
            Assignment.objects.open()
            .select_related("organisation", "procurement_round")
            .prefetch_related("sessions")
        )
    page_obj = _page(request, items)
    return render(
        request,
        "experience_experts/assignment_list.html",
        {"page_obj": page_obj, "assignments": page_obj.object_list, "profile": profile},
    )


@login_required
@require_GET
def my_assignments(request):
    """The organisation's assignments, every state."""
    if not permissions.is_organiser_anywhere(request.user):
        raise PermissionDenied
    items = (
        permissions.assignments_for_organiser(request.user)
        .select_related("organisation", "procurement_round")
        .order_by("-created_at")
    )
    state = request.GET.get("state", "")
    if state in Assignment.State.values:
        items = items.filter(state=state)
    page_obj = _page(request, items)
    return render(
        request,
        "experience_experts/organisation_assignments.html",
        {
            "page_obj": page_obj,
            "assignments": page_obj.object_list,
            "states": Assignment.State.choices,
            "state": state,
            "query_string": f"state={state}" if state else "",
            "year": timezone.localdate().year,
        },
    )


@require_GET
def assignment(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("organisation", "procurement_round"), pk=pk
    )
    user = request.user
    if not permissions.can_view_assignment(user, assignment):
        raise Http404
    organiser = user.is_authenticated and permissions.organises(
        user, assignment.organisation_id
    )
    context = {
        "assignment": assignment,
        "sessions": assignment.sessions.all(),
        "criteria": assignment.criteria.all(),
        "organiser": organiser,
        "outcome": getattr(assignment, "outcome", None),
    }
    profile = _profile(user)
    if profile is not None:
        context["profile"] = profile
        context["application"] = Application.objects.filter(
            assignment=assignment, expert=user
        ).first()
        context["booking"] = Booking.objects.filter(
            assignment=assignment, expert=user
        ).first()
        context["apply_form"] = forms.ApplyForm()
        regions = services.region_ids(profile.regions.values_list("pk", flat=True))
        context["fit"] = services.fit_for(profile, assignment, regions)
    if organiser:
        context["applications"] = services.ranked_applications(assignment)
        context["bookings"] = assignment.bookings.select_related("expert").order_by(
            "booked_at"
        )
        context["transitions"] = [
            (state, Assignment.State(state).label)
            for state in services.TRANSITIONS[Assignment.State(assignment.state)]
        ]
        context["outcome_form"] = forms.OutcomeForm(
            initial={"text": context["outcome"].text if context["outcome"] else ""}
        )
        context["ratings"] = [
            booking.rating
            for booking in context["bookings"]
            if hasattr(booking, "rating")
        ]
    return render(request, "experience_experts/assignment_detail.html", context)


def _organisations_for_form(user):
    from inspraak.organisations.permissions import organisations_for

    return organisations_for(user, permissions.ORGANISER_ROLES).filter(
        kind__in=("municipality", "region")
    )


@login_required
@posting_allowed
def assignment_edit(request, pk=None):
    user = request.user
    if pk is None:
        if not permissions.is_organiser_anywhere(user):
            raise PermissionDenied
        instance = Assignment(created_by=user)
    else:
        instance = get_object_or_404(Assignment, pk=pk)
        if not permissions.organises(user, instance.organisation_id):
            raise PermissionDenied
        if instance.state in (Assignment.State.COMPLETED, Assignment.State.CANCELLED):
            messages.error(request, _("A finished assignment cannot be changed."))
            return redirect("experience_experts:assignment", pk=pk)
    organisations = _organisations_for_form(user)
    form = forms.AssignmentForm(
        request.POST or None, instance=instance, organisations=organisations
    )
    sessions = forms.SessionFormSet(
        request.POST or None, instance=instance, prefix="sessions"
    )
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        with transaction.atomic():
            saved = form.save()
            sessions.instance = saved
            sessions.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("experience_experts:assignment", pk=saved.pk)
    return render(
        request,
        "experience_experts/assignment_form.html",
        {"form": form, "sessions": sessions, "assignment": instance if pk else None},
    )


def _organiser_assignment(request, pk) -> Assignment:
    assignment = get_object_or_404(Assignment, pk=pk)
    if not permissions.organises(request.user, assignment.organisation_id):
        raise PermissionDenied
    return assignment


@login_required
@require_POST
def assignment_state(request, pk):
    assignment = _organiser_assignment(request, pk)
    try:
        services.set_state(assignment, request.POST.get("state", ""))
    except (services.Refused, ValueError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(
            request,
            _("The assignment is now: %(state)s")
            % {"state": assignment.get_state_display()},
        )
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_POST
@posting_allowed
def apply(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    if not permissions.can_view_assignment(request.user, assignment):
        raise Http404  # a draft: do not reveal that it exists
    form = forms.ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write in a few sentences why you want to do this."))
        return redirect("experience_experts:assignment", pk=pk)
    try:
        services.apply(request.user, assignment, form.cleaned_data["motivation"])
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("You applied. The organisation will let you know."))
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, assignment_id=pk, expert=request.user)
    try:
        services.withdraw(application)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("experience_experts:assignment", pk=pk)


@login_required
@require_GET
def candidates(request, pk):
    assignment = _organiser_assignment(request, pk)
    items = services.candidates(assignment)
    invited = set(assignment.invitations.values_list("expert_id", flat=True))
    applied = set(assignment.applications.values_list("expert_id", flat=True))
    page_obj = _page(request, items)
    return render(
        request,
        "experience_experts/candidates.html",
        {
            "assignment": assignment,
            "page_obj": page_obj,
            "candidates": page_obj.object_list,
            "invited": invited,
            "applied": applied,
            "invite_form": forms.InviteForm(),
        },
    )


@login_required
@require_POST
@posting_allowed
def invite(request, pk, profile_pk):
    assignment = _organiser_assignment(request, pk)
    profile = get_object_or_404(
        ExpertProfile.objects.select_related("user"), pk=profile_pk
    )
    form = forms.InviteForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.invite(request.user, assignment, profile, message)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The expert is invited."))
    return redirect("experience_experts:candidates", pk=pk)


@login_required
@require_POST
def book(request, pk, application_pk):
    assignment = _organiser_assignment(request, pk)
    application = get_object_or_404(
        assignment.applications.select_related("expert"), pk=application_pk
    )
    try:
        booking = services.book(request.user, application)
    except services.Refused as error:
        _refused(request, error)
        return redirect("experience_experts:assignment", pk=pk)
    messages.success(request, _("The expert is booked and asked to confirm."))
    return redirect("experience_experts:booking", pk=booking.pk)


@login_required
@require_POST
@posting_allowed
def outcome(request, pk):
    assignment = _organiser_assignment(request, pk)
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.record_outcome(request.user, assignment, form.cleaned_data["text"])
        except services.Refused as error:
            _refused(request, error)
        else:
            messages.success(request, _("The experts can now read what you did."))
    return redirect("experience_experts:assignment", pk=pk)


# Bookings -----------------------------------------------------------------------


def _visible_booking(request, pk) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related(
            "assignment__organisation", "assignment__procurement_round", "expert"
        ),
        pk=pk,
    )
    if not permissions.can_view_booking(request.user, booking):
        raise Http404  # do not reveal that the booking exists
    return booking


def _own_booking(request, pk) -> Booking:
    booking = _visible_booking(request, pk)
    if not permissions.is_booked_expert(request.user, booking):
        raise PermissionDenied
    return booking


@login_required
@require_GET
def booking(request, pk):
    return _booking_page(request, _visible_booking(request, pk))


def _booking_page(request, booking, log_form=None):
    """The booking page; `log_form` is a refused hours form, shown as it was typed."""
    user = request.user
    is_expert = permissions.is_booked_expert(user, booking)
    organiser = permissions.organises(user, booking.assignment.organisation_id)
    assignment = booking.assignment
    logs = list(booking.work_logs.select_related("session").order_by("session__date"))
    logged = {log.session_id for log in logs if log.status != WorkLog.Status.RETURNED}
    today = timezone.localdate()
    loggable = assignment.sessions.filter(date__lte=today).exclude(pk__in=logged)
    context = {
        "booking": booking,
        "assignment": assignment,
        "sessions": assignment.sessions.all(),
        "logs": logs,
        "is_expert": is_expert,
        "organiser": organiser,
        "outcome": getattr(assignment, "outcome", None),
        "rating": getattr(booking, "rating", None),
        "return_form": forms.ReturnForm(),
    }
    procurement_round = assignment.procurement_round
    if procurement_round is not None and booking.expert_id:
        context["declaration"] = services.declaration_for(
            booking.expert, procurement_round
        )
    if is_expert:
        context["blocker"] = (
            services.confirmation_blocker(booking)
            if booking.status == Booking.Status.AWAITING
            else None
        )
        if log_form is not None:
            context["log_form"] = log_form
        elif booking.status == Booking.Status.CONFIRMED and loggable.exists():
            context["log_form"] = forms.WorkLogForm(sessions=loggable)
        if assignment.state == Assignment.State.COMPLETED:
            rating = context["rating"]
            context["rating_form"] = forms.RatingForm(
                initial={"stars": rating.stars, "comment": rating.comment}
                if rating
                else None
            )
    return render(request, "experience_experts/booking_detail.html", context)


@login_required
@require_POST
def booking_confirm(request, pk):
    booking = _own_booking(request, pk)
    try:
        services.confirm(request.user, booking)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("You confirmed the booking. See you there!"))
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
def booking_decline(request, pk):
    booking = _own_booking(request, pk)
    try:
        services.decline(request.user, booking)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("You declined the booking."))
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = _visible_booking(request, pk)
    if not permissions.organises(request.user, booking.assignment.organisation_id):
        raise PermissionDenied
    try:
        services.cancel_booking(booking)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect("experience_experts:booking", pk=pk)


@login_required
@require_POST
@posting_allowed
def log_hours(request, pk):
    booking = _own_booking(request, pk)
    form = forms.WorkLogForm(request.POST, sessions=booking.assignment.sessions.all())
    if not form.is_valid():
        messages.error(request, _("Check the hours and travel costs you filled in."))
        return _booking_page(request, booking, log_form=form)
    data = form.cleaned_data
    try:
        services.log_hours(
            request.user,
            booking,
            data["session"],
            hours=data["hours"],
            travel_costs=data.get("travel_costs") or 0,
            note=data.get("note", ""),
        )
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your hours are sent for approval."))
    return redirect("experience_experts:booking", pk=pk)


def _decidable_log(request, pk) -> WorkLog:
    log = get_object_or_404(
        WorkLog.objects.select_related("booking__assignment"), pk=pk
    )
    if not permissions.can_decide_on_hours(request.user, log):
        raise PermissionDenied
    return log


@login_required
@require_POST
def approve_hours(request, pk):
    log = _decidable_log(request, pk)
    try:
        services.approve_hours(request.user, log)
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The hours are approved."))
    return redirect("experience_experts:booking", pk=log.booking_id)


@login_required
@require_POST
@posting_allowed
def return_hours(request, pk):
    log = _decidable_log(request, pk)
    form = forms.ReturnForm(request.POST)
    try:
        services.return_hours(
            request.user, log, form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except services.Refused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The hours are returned to the expert."))
    return redirect("experience_experts:booking", pk=log.booking_id)


@login_required
@require_POST
@posting_allowed
def rate(request, pk):
    booking = _own_booking(request, pk)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate(
                request.user,
                booking,
                form.cleaned_data["stars"],
                form.cleaned_data["comment"],
            )
        except services.Refused as error:
            _refused(request, error)
        else:
            messages.success(request, _("Thank you for your rating."))
    return redirect("experience_experts:booking", pk=pk)


# Statements, invoices, exports --------------------------------------------------


@login_required
@require_GET
def booking_statement(request, pk):
    booking = _visible_booking(request, pk)
    statement = services.booking_statement(booking)
    return render(
        request,
        "experience_experts/statement.html",
        {
            "booking": booking,
            "statement": statement,
            "is_expert": permissions.is_booked_expert(request.user, booking),
        },
    )


@login_required
@require_GET
def year_statement(request, year):
    if _profile(request.user) is None:
        raise Http404
    statement = services.year_statement(request.user, year)
    return render(
        request,
        "experience_experts/statement.html",
        {"statement": statement, "year": year, "is_expert": True},
    )


@login_required
@require_GET
def invoice(request, pk):
    booking = _own_booking(request, pk)
    try:
        pdf = services.invoice_pdf(booking)
    except services.Refused as error:
        _refused(request, error)
        return redirect("experience_experts:booking", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="factuur-{booking.invoice_number}.pdf"'
    )
    return response


@login_required
@require_GET
def finance_export(request):
    ids = permissions.organiser_ids(request.user)
    if not ids:
        raise PermissionDenied
    year = query_year(request, default=timezone.localdate().year)
    response = HttpResponse(
        services.finance_csv(ids, year), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ervaringsdeskundigen-{year}.csv"'
    )
    return response


# Declarations -------------------------------------------------------------------


@login_required
@posting_allowed
def declaration_sign(request, round_pk):
    procurement_round = get_object_or_404(ProcurementRound, pk=round_pk)
    user = request.user
    # Only an expert booked for an assignment in this round signs here.
    bookings = Booking.objects.filter(
        expert=user, assignment__procurement_round=procurement_round
    )
    if not bookings.exists():
        raise Http404
    existing = services.declaration_for(user, procurement_round)
    if existing is not None:
        return redirect("experience_experts:declaration", pk=existing.pk)
    bidders = procurement_round.bidders.order_by("name")
    form = forms.DeclarationForm(request.POST or None, bidders=bidders)
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.sign_declaration(
                user,
                procurement_round,
                confidentiality=form.cleaned_data["confidentiality"],
                no_other_interests=form.cleaned_data["no_other_interests"],
                signed_name=form.cleaned_data["signed_name"],
                relations=form.relations(),
            )
        except services.Refused as error:
            _refused(request, error)
        else:
            messages.success(request, _("You signed the declaration."))
            booking = bookings.filter(status=Booking.Status.AWAITING).first()
            if booking is not None:
                return redirect("experience_experts:booking", pk=booking.pk)
            return redirect("experience_experts:declaration", pk=declaration.pk)
    return render(
        request,
        "experience_experts/declaration_form.html",
        {"form": form, "round": procurement_round, "bidders": bidders},
    )


@login_required
def declaration(request, pk):
    declaration = get_object_or_404(
        ConflictDeclaration.objects.select_related("procurement_round", "expert"),
        pk=pk,
    )
    user = request.user
    if not permissions.can_view_declaration(user, declaration):
        raise Http404
    can_decide = permissions.can_decide_declaration(user, declaration)
    form = None
    if can_decide and declaration.decision != ConflictDeclaration.Decision.NOT_NEEDED:
        form = forms.DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decide_declaration(
                    user,
                    declaration,
                    allowed=form.cleaned_data["allowed"],
                    reason=form.cleaned_data["reason"],
                )
            except services.Refused as error:
                _refused(request, error)
            else:
                messages.success(request, _("Your decision is recorded."))
                return redirect("experience_experts:declaration", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "experience_experts/declaration_detail.html",
        {
            "declaration": declaration,
            "relations": declaration.relations.select_related("provider"),
            "form": form,
            "can_decide": can_decide,
        },
    )


# Calendar -----------------------------------------------------------------------


@login_required
def calendar(request):
    profile = _profile(request.user)
    if profile is None:
        raise Http404
    if request.method == "POST":
        services.regenerate_calendar_token(profile)
        messages.success(
            request, _("You have a new calendar link. The old link no longer works.")
        )
        return redirect("experience_experts:calendar")
    feed_url = request.build_absolute_uri(
        reverse("experience_experts:calendar_feed", args=[profile.calendar_token])
    )
    return render(
        request,
        "experience_experts/calendar.html",
        {"profile": profile, "feed_url": feed_url},
    )


@require_GET
def calendar_feed(request, token):
    """The expert's confirmed sessions; the secret link is the only key."""
    profile = get_object_or_404(
        ExpertProfile.objects.select_related("user"),
        calendar_token=token,
        user__is_active=True,
    )
    response = HttpResponse(
        services.calendar_feed(profile), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
