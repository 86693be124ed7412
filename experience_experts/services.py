"""The workflows of experience experts: profile, apply, invite, book, declare,
confirm, log hours, approve, statements, invoices, exports, calendar and reminders.

Views call these functions and stay thin. Each refusal raises `Refused` with a
sentence the person can act on. Permission checks are the caller's job
(permissions.py); these functions check the rules of the work itself."""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspraak.core import csv
from inspraak.notifications.services import absolute_url, notify
from inspraak.organisations.models import Organisation

from . import matching
from .allowance import Payment, Verdict, age_on, allowance_verdict
from .models import (
    AllowanceLimits,
    Application,
    Assignment,
    AssignmentOutcome,
    Booking,
    ConflictDeclaration,
    Criterion,
    DeclaredRelation,
    ExpertProfile,
    Invitation,
    PayMode,
    ProcurementRound,
    Rating,
    Session,
    SessionReminder,
    WorkLog,
)

CENT = Decimal("0.01")
VAT_RATE = Decimal("21")

BOOKING_KIND = "expert_work"
REMINDER_KIND = "expert_work"
INVITATION_KIND = "assignment_invitation"


class Refused(Exception):
    """A step the rules do not allow; the message says why, in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Profile ------------------------------------------------------------------------


def save_profile(user, profile: ExpertProfile, *, consent: bool) -> ExpertProfile:
    """Create or update the profile. Creating needs explicit consent for keeping the
    lived experience (health data, AVG art. 9(2)(a))."""
    if profile.pk is None:
        if not consent:
            raise Refused(
                _(
                    "We can only keep your profile if you agree that we store your "
                    "lived experience."
                )
            )
        profile.user = user
        profile.consent_given_at = timezone.now()
    profile.save()
    return profile


def delete_profile(profile: ExpertProfile) -> None:
    """The expert deletes their profile (health data). Applications still open are
    withdrawn with it; bookings and hours stay (bookkeeping)."""
    with transaction.atomic():
        Application.objects.filter(
            expert_id=profile.user_id, status=Application.Status.SUBMITTED
        ).delete()
        Invitation.objects.filter(expert_id=profile.user_id).delete()
        profile.delete()


def regenerate_calendar_token(profile: ExpertProfile) -> str:
    from .models import new_token

    profile.calendar_token = new_token()
    profile.save(update_fields=["calendar_token"])
    return profile.calendar_token


# Matching -----------------------------------------------------------------------


def region_ids(organisation_ids: Iterable[int]) -> set[int]:
    """The organisations plus the member municipalities of the regions among them,
    plus the regions the municipalities among them belong to."""
    ids = set(organisation_ids)
    if not ids:
        return ids
    through = Organisation.member_municipalities.through
    pairs = through.objects.filter(
        Q(from_organisation_id__in=ids) | Q(to_organisation_id__in=ids)
    ).values_list("from_organisation_id", "to_organisation_id")
    for region, municipality in pairs:
        ids.update((region, municipality))
    return ids


def fit_for(profile: ExpertProfile, assignment: Assignment, regions: set[int]):
    return matching.fit(
        expert_themes=profile.themes,
        expert_work_kinds=profile.work_kinds,
        expert_region_ids=regions,
        expert_days=profile.available_days,
        assignment_themes=assignment.themes,
        assignment_work_kinds=assignment.work_kinds,
        organisation_id=assignment.organisation_id,
        session_dates=[session.date for session in assignment.sessions.all()],
    )


def matching_assignments(profile: ExpertProfile) -> list[Assignment]:
    """Open assignments, best fit first; each gets `.fit`. Few assignments are open
    at a time, so the score is computed in Python over all of them."""
    regions = region_ids(profile.regions.values_list("pk", flat=True))
    assignments = list(
        Assignment.objects.open()
        .select_related("organisation", "procurement_round")
        .prefetch_related("sessions")
    )
    for assignment in assignments:
        assignment.fit = fit_for(profile, assignment, regions)
    return matching.ranked(assignments, lambda a: a.fit)


def candidates(assignment: Assignment) -> list[ExpertProfile]:
    """Experts who let organisations find them, best fit first (`.fit` on each)."""
    profiles = list(
        ExpertProfile.objects.active()
        .filter(findable=True)
        .select_related("user")
        .prefetch_related("regions")
        .order_by("user__display_name", "pk")
    )
    through = Organisation.member_municipalities.through
    pairs = list(
        through.objects.values_list("from_organisation_id", "to_organisation_id")
    )
    assignment_sessions = list(assignment.sessions.all())
    for profile in profiles:
        own = {region.pk for region in profile.regions.all()}
        regions = set(own)
        for region, municipality in pairs:
            if region in own or municipality in own:
                regions.update((region, municipality))
        profile.fit = matching.fit(
            expert_themes=profile.themes,
            expert_work_kinds=profile.work_kinds,
            expert_region_ids=regions,
            expert_days=profile.available_days,
            assignment_themes=assignment.themes,
            assignment_work_kinds=assignment.work_kinds,
            organisation_id=assignment.organisation_id,
            session_dates=[session.date for session in assignment_sessions],
        )
    return matching.ranked(profiles, lambda p: p.fit)


def ranked_applications(assignment: Assignment) -> list[Application]:
    """The applications with the applicant's profile and `.fit`, best fit first."""
    applications = list(
        assignment.applications.select_related("expert", "expert__expert_profile")
        .prefetch_related("expert__expert_profile__regions")
        .order_by("created_at")
    )
    sessions = list(assignment.sessions.all())
    pairs = list(
        Organisation.member_municipalities.through.objects.values_list(
            "from_organisation_id", "to_organisation_id"
        )
    )
    for application in applications:
        profile = getattr(application.expert, "expert_profile", None)
        application.profile = profile
        if profile is None:
            application.fit = matching.Fit(frozenset(), frozenset(), False, False)
            continue
        own = {region.pk for region in profile.regions.all()}
        regions = set(own)
        for region, municipality in pairs:
            if region in own or municipality in own:
                regions.update((region, municipality))
        application.fit = matching.fit(
            expert_themes=profile.themes,
            expert_work_kinds=profile.work_kinds,
            expert_region_ids=regions,
            expert_days=profile.available_days,
            assignment_themes=assignment.themes,
            assignment_work_kinds=assignment.work_kinds,
            organisation_id=assignment.organisation_id,
            session_dates=[session.date for session in sessions],
        )
    return matching.ranked(applications, lambda a: a.fit)


# Assignments --------------------------------------------------------------------

# The states an assignment may move to from each state.
TRANSITIONS = {
    Assignment.State.DRAFT: {Assignment.State.OPEN, Assignment.State.CANCELLED},
    Assignment.State.OPEN: {
        Assignment.State.FILLED,
        Assignment.State.IN_PROGRESS,
        Assignment.State.CANCELLED,
    },
    Assignment.State.FILLED: {
        Assignment.State.OPEN,
        Assignment.State.IN_PROGRESS,
        Assignment.State.CANCELLED,
    },
    Assignment.State.IN_PROGRESS: {
        Assignment.State.COMPLETED,
        Assignment.State.CANCELLED,
    },
    Assignment.State.COMPLETED: set(),
    Assignment.State.CANCELLED: set(),
}


def check_criteria(assignment: Assignment, criteria: Iterable[Criterion]) -> None:
    """Only published criteria of the assignment's own round may be attached
    (Aanbestedingswet: only published criteria may be scored)."""
    for criterion in criteria:
        if assignment.procurement_round_id is None or (
            criterion.procurement_round_id != assignment.procurement_round_id
        ):
            raise Refused(_("A criterion must belong to the assignment's round."))
        if not criterion.is_published():
            raise Refused(
                _(
                    "“%(title)s” is not published yet. Only published criteria may be "
                    "used."
                )
                % {"title": criterion.title}
            )


def check_round(assignment: Assignment) -> None:
    procurement_round = assignment.procurement_round
    if (
        procurement_round is not None
        and procurement_round.organisation_id != assignment.organisation_id
    ):
        raise Refused(_("Choose a procurement round of your own organisation."))


def set_state(assignment: Assignment, state: str) -> Assignment:
    if state not in TRANSITIONS[Assignment.State(assignment.state)]:
        raise Refused(_("This step is not possible for this assignment now."))
    if state == Assignment.State.OPEN and not assignment.sessions.exists():
        raise Refused(_("Add at least one session before you publish."))
    assignment.state = state
    assignment.save(update_fields=["state"])
    if state == Assignment.State.CANCELLED:
        for booking in assignment.bookings.filter(
            status__in=(Booking.Status.AWAITING, Booking.Status.CONFIRMED)
        ).select_related("expert"):
            booking.status = Booking.Status.CANCELLED
            booking.save(update_fields=["status"])
            _tell_expert(
                booking,
                gettext_lazy("Assignment cancelled: %(title)s"),
                gettext_lazy("The organisation cancelled the assignment “%(title)s”."),
            )
    return assignment


# Applying and inviting ----------------------------------------------------------


def apply(user, assignment: Assignment, motivation: str) -> Application:
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        raise Refused(_("Make your expert profile first."))
    if not Assignment.objects.open().filter(pk=assignment.pk).exists():
        raise Refused(_("You can no longer apply for this assignment."))
    if not motivation.strip():
        raise Refused(_("Write in a few sentences why you want to do this."))
    try:
        with transaction.atomic():
            return Application.objects.create(
                assignment=assignment, expert=user, motivation=motivation.strip()
            )
    except IntegrityError:
        raise Refused(_("You already applied for this assignment.")) from None


def withdraw(application: Application) -> None:
    if application.status != Application.Status.SUBMITTED:
        raise Refused(_("This application can no longer be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])


def invite(by, assignment: Assignment, profile: ExpertProfile, message: str = ""):
    """Invite a findable expert to apply; they get an e-mail."""
    if assignment.state != Assignment.State.OPEN:
        raise Refused(_("Only an open assignment can be shared with experts."))
    if not (profile.findable and profile.is_active):
        raise Refused(_("This expert does not want to be invited."))
    invitation, created = Invitation.objects.get_or_create(
        assignment=assignment,
        expert=profile.user,
        defaults={"invited_by": by, "message": message.strip()},
    )
    if not created:
        raise Refused(_("You already invited this expert."))
    user = profile.user
    with translation.override(user.preferred_language):
        notify(
            user,
            INVITATION_KIND,
            subject=_("Invitation: %(title)s") % {"title": assignment.title},
            body=_(
                "%(organisation)s invites you to apply for the paid assignment "
                "“%(title)s”. Apply before %(deadline)s.\n\n%(message)s"
            )
            % {
                "organisation": assignment.organisation.name,
                "title": assignment.title,
                "deadline": assignment.application_deadline.strftime("%d-%m-%Y"),
                "message": invitation.message,
            },
            url=absolute_url(
                reverse("experience_experts:assignment", args=[assignment.pk])
            ),
        )
    return invitation


# Booking ------------------------------------------------------------------------


def overlapping_sessions(user, assignment: Assignment) -> list[Session]:
    """Sessions of the expert's other confirmed bookings that overlap a session of
    `assignment`."""
    own = list(assignment.sessions.all())
    if not own:
        return []
    dates = {session.date for session in own}
    others = (
        Session.objects.filter(
            date__in=dates,
            assignment__bookings__expert=user,
            assignment__bookings__status=Booking.Status.CONFIRMED,
        )
        .exclude(assignment=assignment)
        .select_related("assignment")
    )
    return [other for other in others if any(s.overlaps(other) for s in own)]


def _refuse_overlap(user, assignment: Assignment) -> None:
    clashes = overlapping_sessions(user, assignment)
    if clashes:
        clash = clashes[0]
        raise Refused(
            _(
                "A session overlaps with “%(title)s” on %(date)s. An expert cannot be "
                "in two places at once."
            )
            % {"title": clash.assignment.title, "date": clash.date.strftime("%d-%m-%Y")}
        )


def book(by, application: Application) -> Booking:
    """Book an applicant. The expert then confirms (and, for a procurement round,
    signs the declaration first)."""
    assignment = application.assignment
    user = application.expert
    if assignment.state not in (Assignment.State.OPEN, Assignment.State.FILLED):
        raise Refused(_("You can only book experts for an open assignment."))
    if application.status != Application.Status.SUBMITTED:
        raise Refused(_("This application cannot be booked."))
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        raise Refused(_("This expert no longer has a profile."))
    active = assignment.bookings.filter(
        status__in=(Booking.Status.AWAITING, Booking.Status.CONFIRMED)
    ).count()
    if active >= assignment.experts_needed:
        raise Refused(_("You already booked as many experts as you need."))
    _refuse_overlap(user, assignment)
    with transaction.atomic():
        booking, created = Booking.objects.get_or_create(
            assignment=assignment,
            expert=user,
            defaults={
                "booked_by": by,
                "pay_mode": profile.pay_mode,
                "fee_type": assignment.fee_type,
                "fee_amount": assignment.fee_amount,
            },
        )
        if not created:
            if booking.status in (Booking.Status.AWAITING, Booking.Status.CONFIRMED):
                raise Refused(_("This expert is already booked."))
            booking.status = Booking.Status.AWAITING
            booking.booked_by = by
            booking.booked_at = timezone.now()
            booking.pay_mode = profile.pay_mode
            booking.fee_type = assignment.fee_type
            booking.fee_amount = assignment.fee_amount
            booking.save()
        application.status = Application.Status.BOOKED
        application.save(update_fields=["status"])
    _tell_expert(
        booking,
        gettext_lazy("You are booked: %(title)s"),
        gettext_lazy(
            "%(organisation)s booked you for “%(title)s”. Please confirm the booking."
        ),
    )
    return booking


def declaration_for(user, procurement_round: ProcurementRound):
    return ConflictDeclaration.objects.filter(
        procurement_round=procurement_round, expert=user
    ).first()


def confirmation_blocker(booking: Booking) -> str | None:
    """Why the expert cannot confirm yet, or None."""
    procurement_round = booking.assignment.procurement_round
    if procurement_round is None:
        return None
    declaration = declaration_for(booking.expert, procurement_round)
    if declaration is None:
        return _(
            "First sign the conflict-of-interest and confidentiality declaration for "
            "this procurement round."
        )
    if declaration.decision == ConflictDeclaration.Decision.PENDING:
        return _(
            "You declared a tie with a bidding provider. The organisation first "
            "decides whether you can take part."
        )
    if declaration.decision == ConflictDeclaration.Decision.EXCLUDED:
        return _(
            "Because of the tie you declared, the organisation decided that you "
            "cannot take part in this round."
        )
    return None


def confirm(user, booking: Booking) -> Booking:
    if booking.expert_id != user.pk:
        raise Refused(_("This is not your booking."))
    if booking.status != Booking.Status.AWAITING:
        raise Refused(_("This booking cannot be confirmed."))
    blocker = confirmation_blocker(booking)
    if blocker:
        raise Refused(blocker)
    assignment = booking.assignment
    with transaction.atomic():
        # Lock the expert's bookings: two confirmations at once cannot both pass.
        list(Booking.objects.select_for_update().filter(expert=user))
        _refuse_overlap(user, assignment)
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.save(update_fields=["status", "confirmed_at"])
        confirmed = assignment.bookings.filter(status=Booking.Status.CONFIRMED).count()
        if (
            assignment.state == Assignment.State.OPEN
            and confirmed >= assignment.experts_needed
        ):
            assignment.state = Assignment.State.FILLED
            assignment.save(update_fields=["state"])
    return booking


def decline(user, booking: Booking) -> Booking:
    if booking.expert_id != user.pk or booking.status != Booking.Status.AWAITING:
        raise Refused(_("This booking cannot be declined."))
    booking.status = Booking.Status.DECLINED
    booking.save(update_fields=["status"])
    return booking


def cancel_booking(booking: Booking) -> Booking:
    if booking.status not in (Booking.Status.AWAITING, Booking.Status.CONFIRMED):
        raise Refused(_("This booking cannot be cancelled."))
    if booking.work_logs.exists():
        raise Refused(_("Hours were logged for this booking; it cannot be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    _tell_expert(
        booking,
        gettext_lazy("Booking cancelled: %(title)s"),
        gettext_lazy("%(organisation)s cancelled your booking for “%(title)s”."),
    )
    return booking


def _tell_expert(booking: Booking, subject: str, body: str) -> None:
    user = booking.expert
    if user is None:
        return
    values = {
        "title": booking.assignment.title,
        "organisation": booking.assignment.organisation.name,
    }
    with translation.override(user.preferred_language):
        notify(
            user,
            BOOKING_KIND,
            subject=str(subject) % values,
            body=str(body) % values,
            url=absolute_url(reverse("experience_experts:booking", args=[booking.pk])),
        )


# Declarations (Aanbestedingswet 1.10b and 2.57) ---------------------------------


@dataclass(frozen=True)
class Relation:
    provider: Organisation
    kind: str
    explanation: str = ""


def sign_declaration(
    user,
    procurement_round: ProcurementRound,
    *,
    confidentiality: bool,
    no_other_interests: bool,
    signed_name: str,
    relations: Sequence[Relation] = (),
) -> ConflictDeclaration:
    """The expert declares ties to bidders (1.10b) and promises confidentiality
    (2.57) for one round. A declared tie waits for the organisation's decision."""
    if not confidentiality:
        raise Refused(
            _("You can only take part if you keep the bidders' information secret.")
        )
    if not signed_name.strip():
        raise Refused(_("Sign with your name."))
    bidder_ids = {bidder.pk for bidder in procurement_round.bidders.all()}
    for relation in relations:
        if relation.provider.pk not in bidder_ids:
            raise Refused(_("You can only declare ties with the bidding providers."))
    if declaration_for(user, procurement_round) is not None:
        raise Refused(_("You already signed the declaration for this round."))
    decision = (
        ConflictDeclaration.Decision.PENDING
        if relations or not no_other_interests
        else ConflictDeclaration.Decision.NOT_NEEDED
    )
    with transaction.atomic():
        declaration = ConflictDeclaration.objects.create(
            procurement_round=procurement_round,
            expert=user,
            confidentiality=True,
            no_other_interests=no_other_interests,
            signed_name=signed_name.strip(),
            decision=decision,
        )
        DeclaredRelation.objects.bulk_create(
            DeclaredRelation(
                declaration=declaration,
                provider=relation.provider,
                kind=relation.kind,
                explanation=relation.explanation.strip(),
            )
            for relation in relations
        )
    return declaration


def decide_declaration(
    by, declaration: ConflictDeclaration, *, allowed: bool, reason: str
) -> ConflictDeclaration:
    if declaration.decision == ConflictDeclaration.Decision.NOT_NEEDED:
        raise Refused(_("Nothing was declared, so there is nothing to decide."))
    if not reason.strip():
        raise Refused(_("Write down why you decided this."))
    declaration.decision = (
        ConflictDeclaration.Decision.ALLOWED
        if allowed
        else ConflictDeclaration.Decision.EXCLUDED
    )
    declaration.decision_reason = reason.strip()
    declaration.decided_by = by
    declaration.decided_at = timezone.now()
    declaration.save(
        update_fields=["decision", "decision_reason", "decided_by", "decided_at"]
    )
    return declaration


# Hours --------------------------------------------------------------------------


def fee_for(booking: Booking, hours: Decimal) -> Decimal:
    """Hourly: hours × rate. Fixed: the agreed amount per session."""
    if booking.is_hourly:
        return (hours * booking.fee_amount).quantize(CENT)
    return booking.fee_amount


def log_hours(
    user,
    booking: Booking,
    session: Session,
    *,
    hours: Decimal,
    travel_costs: Decimal = Decimal("0"),
    note: str = "",
    today: datetime.date | None = None,
) -> WorkLog:
    """After a session the expert logs hours and travel. A returned log can be
    corrected and sent again; an approved one stays as it is."""
    today = today or timezone.localdate()
    if booking.expert_id != user.pk:
        raise Refused(_("This is not your booking."))
    if booking.status != Booking.Status.CONFIRMED:
        raise Refused(_("You can log hours once the booking is confirmed."))
    if session.assignment_id != booking.assignment_id:
        raise Refused(_("This session is not part of the assignment."))
    if session.date > today:
        raise Refused(_("You can log hours after the session."))
    if hours <= 0 or hours > 24:
        raise Refused(_("Fill in the hours you worked."))
    if travel_costs < 0:
        raise Refused(_("Travel costs cannot be negative."))
    if travel_costs and not booking.assignment.travel_reimbursed:
        raise Refused(_("Travel costs are not paid for this assignment."))
    existing = WorkLog.objects.filter(booking=booking, session=session).first()
    if existing is not None and existing.status != WorkLog.Status.RETURNED:
        raise Refused(_("You already logged hours for this session."))
    log = existing or WorkLog(booking=booking, session=session, expert=user)
    log.hours = hours
    log.travel_costs = travel_costs
    log.note = note.strip()
    log.amount = fee_for(booking, hours)
    log.status = WorkLog.Status.SUBMITTED
    log.save()
    return log


def approve_hours(by, log: WorkLog, *, paid_on: datetime.date | None = None) -> WorkLog:
    if log.status != WorkLog.Status.SUBMITTED:
        raise Refused(_("Only hours waiting for approval can be approved."))
    log.status = WorkLog.Status.APPROVED
    log.return_reason = ""
    log.decided_by = by
    log.decided_at = timezone.now()
    log.paid_on = paid_on or timezone.localdate()
    log.save()
    return log


def return_hours(by, log: WorkLog, reason: str) -> WorkLog:
    if log.status != WorkLog.Status.SUBMITTED:
        raise Refused(_("Only hours waiting for approval can be returned."))
    if not reason.strip():
        raise Refused(_("Say why you return the hours, so the expert can fix them."))
    log.status = WorkLog.Status.RETURNED
    log.return_reason = reason.strip()
    log.decided_by = by
    log.decided_at = timezone.now()
    log.save()
    _tell_expert(
        log.booking,
        gettext_lazy("Hours returned: %(title)s"),
        gettext_lazy(
            "%(organisation)s returned your hours for “%(title)s”. Please look at the "
            "reason and send them again."
        ),
    )
    return log


# Statements ---------------------------------------------------------------------


LIMIT_LABELS = {
    "hourly_21_plus": gettext_lazy("per hour (21 or older)"),
    "hourly_under_21": gettext_lazy("per hour (under 21)"),
    "monthly": gettext_lazy("per month"),
    "yearly": gettext_lazy("per year"),
}


@dataclass
class YearVerdict:
    """The allowance verdict for one calendar year, or why there is none."""

    year: int
    limits: AllowanceLimits | None
    verdict: Verdict | None
    payments: int = 0
    missing_date_of_birth: bool = False

    @property
    def limits_missing(self) -> bool:
        return self.limits is None

    def exceeded_rows(self) -> list[dict]:
        """The exceeded limits with a readable name, for the statement."""
        if self.verdict is None:
            return []
        return [
            {
                "label": LIMIT_LABELS[item.limit],
                "month": item.month,
                "value": item.value,
                "maximum": item.maximum,
                "hourly": item.limit in ("hourly_21_plus", "hourly_under_21"),
            }
            for item in self.verdict.exceeded
        ]


def allowance_payments(user, year: int) -> list[Payment]:
    """Every approved volunteer allowance paid to `user` in `year`, by any
    organisation on the platform (the limits count the total, DOMAIN.md). Travel
    costs paid against receipts are not part of the allowance."""
    profile = ExpertProfile.objects.filter(user=user).first()
    born = profile.date_of_birth if profile else None
    logs = WorkLog.objects.filter(
        booking__expert=user,
        booking__pay_mode=PayMode.VOLUNTEER,
        status=WorkLog.Status.APPROVED,
        paid_on__year=year,
    ).select_related("booking")
    return [
        Payment(
            paid_on=log.paid_on,
            amount=log.amount,
            hours=log.hours if log.booking.is_hourly else None,
            age=age_on(born, log.paid_on) if born else 99,
        )
        for log in logs
    ]


def year_verdict(user, year: int) -> YearVerdict:
    limits = AllowanceLimits.objects.filter(year=year).first()
    payments = allowance_payments(user, year)
    missing_birth = not ExpertProfile.objects.filter(user=user).exists()
    if limits is None:
        return YearVerdict(year, None, None, len(payments), missing_birth)
    return YearVerdict(
        year, limits, allowance_verdict(limits, payments), len(payments), missing_birth
    )


@dataclass
class Statement:
    """What was paid (vergoedingsoverzicht) for a booking or for a year."""

    logs: list[WorkLog]
    fees: Decimal = Decimal("0")
    travel: Decimal = Decimal("0")
    pending: Decimal = Decimal("0")
    verdicts: list[YearVerdict] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.fees + self.travel


def _statement(logs: list[WorkLog]) -> Statement:
    statement = Statement(logs=logs)
    for log in logs:
        if log.status == WorkLog.Status.APPROVED:
            statement.fees += log.amount
            statement.travel += log.travel_costs
        elif log.status == WorkLog.Status.SUBMITTED:
            statement.pending += log.amount + log.travel_costs
    return statement


def booking_statement(booking: Booking) -> Statement:
    logs = list(booking.work_logs.select_related("session").order_by("session__date"))
    statement = _statement(logs)
    if booking.pay_mode == PayMode.VOLUNTEER and booking.expert_id:
        years = sorted({log.paid_on.year for log in logs if log.paid_on}) or [
            timezone.localdate().year
        ]
        statement.verdicts = [year_verdict(booking.expert, year) for year in years]
    return statement


def year_statement(user, year: int) -> Statement:
    logs = list(
        WorkLog.objects.filter(
            booking__expert=user,
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .select_related("session", "booking__assignment__organisation")
        .order_by("paid_on", "pk")
    )
    statement = _statement(logs)
    if any(log.booking.pay_mode == PayMode.VOLUNTEER for log in logs) or not logs:
        statement.verdicts = [year_verdict(user, year)]
    return statement


# Invoices and exports -----------------------------------------------------------


def invoice_data(booking: Booking, *, issued_on: datetime.date | None = None):
    from .invoice import InvoiceData, InvoiceLine

    profile = ExpertProfile.objects.get(user=booking.expert)
    organisation = booking.assignment.organisation
    logs = booking.work_logs.filter(status=WorkLog.Status.APPROVED).select_related(
        "session"
    )
    lines = []
    travel = Decimal("0")
    for log in logs:
        description = f"{booking.assignment.title} — {log.session.date:%d-%m-%Y}"
        if booking.is_hourly:
            lines.append(InvoiceLine(description, log.hours, booking.fee_amount))
        else:
            lines.append(InvoiceLine(description, Decimal("1"), booking.fee_amount))
        travel += log.travel_costs
    if not lines:
        raise Refused(_("There are no approved hours to invoice yet."))
    return InvoiceData(
        number=booking.invoice_number,
        issued_on=issued_on or timezone.localdate(),
        expert_name=profile.invoice_name or profile.name,
        expert_address=profile.invoice_address,
        kvk_number=profile.kvk_number,
        vat_number=profile.vat_number,
        vat_liable=profile.vat_liable,
        organisation_name=organisation.name,
        organisation_address=organisation.email,
        lines=lines,
        travel=travel,
        vat_rate=VAT_RATE,
    )


def invoice_pdf(booking: Booking) -> bytes:
    from .invoice import render_invoice_pdf

    if booking.pay_mode != PayMode.FREELANCER:
        raise Refused(_("Only freelancers get an invoice."))
    return render_invoice_pdf(invoice_data(booking))


FINANCE_COLUMNS = (
    "booking",
    "assignment",
    "expert",
    "paid_as",
    "kvk_number",
    "session_date",
    "hours",
    "fee",
    "travel_costs",
    "total",
    "paid_on",
    "approved_by",
)


def finance_csv(organisation_ids: Iterable[int], year: int) -> str:
    """Approved hours of the organisations' bookings paid in `year`, one row per
    session, for the finance department."""
    logs = (
        WorkLog.objects.filter(
            booking__assignment__organisation_id__in=list(organisation_ids),
            status=WorkLog.Status.APPROVED,
            paid_on__year=year,
        )
        .select_related(
            "session",
            "decided_by",
            "booking__assignment",
            "booking__expert__expert_profile",
        )
        .order_by("paid_on", "pk")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(FINANCE_COLUMNS)
    for log in logs:
        booking = log.booking
        expert = booking.expert
        profile = getattr(expert, "expert_profile", None) if expert else None
        writer.writerow(
            [
                booking.invoice_number,
                booking.assignment.title,
                (expert.display_name or expert.email) if expert else _("former member"),
                booking.get_pay_mode_display(),
                profile.kvk_number if profile else "",
                log.session.date.isoformat(),
                log.hours,
                log.amount,
                log.travel_costs,
                log.amount + log.travel_costs,
                log.paid_on.isoformat(),
                (log.decided_by.display_name or log.decided_by.email)
                if log.decided_by
                else "",
            ]
        )
    return out.getvalue()


# Calendar and reminders ---------------------------------------------------------


def confirmed_sessions(user) -> list[tuple[Booking, Session]]:
    bookings = (
        Booking.objects.confirmed()
        .filter(expert=user)
        .select_related("assignment__organisation")
        .prefetch_related(Prefetch("assignment__sessions"))
    )
    return [
        (booking, session)
        for booking in bookings
        for session in booking.assignment.sessions.all()
    ]


def calendar_feed(profile: ExpertProfile) -> str:
    from .ical import CalendarEvent, build_calendar

    events = []
    for booking, session in confirmed_sessions(profile.user):
        place = _("Online") if session.online else session.place
        events.append(
            CalendarEvent(
                uid=f"session-{session.pk}-booking-{booking.pk}@inspraak",
                start=session.start,
                end=session.end,
                summary=booking.assignment.title,
                location=place,
                description=booking.assignment.organisation.name,
                url=absolute_url(
                    reverse("experience_experts:booking", args=[booking.pk])
                ),
            )
        )
    return build_calendar(_("Inspraak: my assignments"), events)


def send_session_reminders(today: datetime.date | None = None) -> int:
    """E-mail each booked expert the day before a session, once (run daily; a
    second run sends nothing twice)."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    pairs = (
        Booking.objects.confirmed()
        .filter(assignment__sessions__date=tomorrow, expert__isnull=False)
        .values_list("pk", "assignment__sessions__pk")
    )
    sent = 0
    for booking_id, session_id in pairs:
        try:
            with transaction.atomic():
                SessionReminder.objects.create(
                    booking_id=booking_id, session_id=session_id
                )
        except IntegrityError:
            continue  # already reminded
        booking = Booking.objects.select_related(
            "expert", "assignment__organisation"
        ).get(pk=booking_id)
        session = Session.objects.get(pk=session_id)
        user = booking.expert
        with translation.override(user.preferred_language):
            place = _("online") if session.online else session.place
            notify(
                user,
                REMINDER_KIND,
                subject=_("Tomorrow: %(title)s") % {"title": booking.assignment.title},
                body=_(
                    "Tomorrow from %(start)s to %(end)s you work on “%(title)s” for "
                    "%(organisation)s. Place: %(place)s."
                )
                % {
                    "start": session.starts_at.strftime("%H:%M"),
                    "end": session.ends_at.strftime("%H:%M"),
                    "title": booking.assignment.title,
                    "organisation": booking.assignment.organisation.name,
                    "place": place or "-",
                },
                url=absolute_url(
                    reverse("experience_experts:booking", args=[booking.pk])
                ),
            )
        sent += 1
    return sent


# Feedback -----------------------------------------------------------------------


def record_outcome(by, assignment: Assignment, text: str) -> AssignmentOutcome:
    if assignment.state not in (
        Assignment.State.IN_PROGRESS,
        Assignment.State.COMPLETED,
    ):
        raise Refused(_("Write what you did with the input once the work has started."))
    if not text.strip():
        raise Refused(_("Write what you did with the experts' input."))
    outcome, _created = AssignmentOutcome.objects.update_or_create(
        assignment=assignment, defaults={"text": text.strip(), "written_by": by}
    )
    return outcome


def rate(user, booking: Booking, stars: int, comment: str = "") -> Rating:
    if booking.expert_id != user.pk or booking.status != Booking.Status.CONFIRMED:
        raise Refused(_("You can only rate assignments you worked on."))
    if booking.assignment.state != Assignment.State.COMPLETED:
        raise Refused(_("You can rate the assignment once it is completed."))
    if not 1 <= stars <= 5:
        raise Refused(_("Choose 1 to 5 stars."))
    rating, _created = Rating.objects.update_or_create(
        booking=booking,
        defaults={"expert": user, "stars": stars, "comment": comment.strip()},
    )
    return rating


def purge_retained(today: datetime.date | None = None) -> int:
    """Delete bookkeeping records whose 7 years have passed (after an account was
    deleted). Returns the number of bookings removed."""
    today = today or timezone.localdate()
    expired = Booking.objects.filter(retain_until__lt=today, expert__isnull=True)
    ids = list(expired.values_list("pk", flat=True))
    with transaction.atomic():
        WorkLog.objects.filter(booking_id__in=ids).delete()
        Rating.objects.filter(booking_id__in=ids).delete()
        SessionReminder.objects.filter(booking_id__in=ids).delete()
        Booking.objects.filter(pk__in=ids).delete()
    return len(ids)
