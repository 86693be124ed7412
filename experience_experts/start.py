"""The experience experts' sections of the start page (inspraak.core.start): for an
organisation's organisers (permissions.ORGANISER_ROLES) the bookings waiting for
confirmation, the applications to decide on and the hours to approve; for an expert
their bookings to come and their invitations and applications. Each costs a fixed
number of queries; rows are read as a few columns, never as whole objects."""

from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspraak.core.start import MAX_ITEMS, Item, Section

from .models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    Invitation,
    Session,
    WorkLog,
)
from .permissions import organiser_ids


def _first_session_from(today: date, assignment: str = "assignment") -> Subquery:
    """The date of the first session of the row's assignment on or after `today`."""
    return Subquery(
        Session.objects.filter(assignment=OuterRef(assignment), date__gte=today)
        .order_by("date")
        .values("date")[:1]
    )


def _name(name: str | None) -> str:
    return name or _("former member")


def _assignments_link() -> tuple[str, str]:
    return (
        reverse("experience_experts:my_assignments"),
        _("Your organisation's assignments"),
    )


# For an organisation ----------------------------------------------------------


def bookings_to_confirm(user, today: date) -> Section | None:
    """Bookings of the person's organisations that the expert has not confirmed
    yet; first those that wait for the organisation's decision on a tie the expert
    declared (services.bookings.confirmation_blocker), then by first session."""
    organisation_ids = organiser_ids(user)
    if not organisation_ids:
        return None
    bookings = Booking.objects.filter(
        assignment__organisation_id__in=organisation_ids,
        status=Booking.Status.AWAITING,
    )
    total = bookings.count()
    tie = ConflictDeclaration.objects.filter(
        expert=OuterRef("expert"),
        procurement_round=OuterRef("assignment__procurement_round"),
        decision=ConflictDeclaration.Decision.PENDING,
    )
    rows = (
        bookings.annotate(
            title=F("assignment__title"),
            expert_name=F("expert__display_name"),
            first_session=_first_session_from(today),
            tie=Subquery(tie.values("pk")[:1]),
        )
        .order_by(
            F("tie").asc(nulls_last=True),
            F("first_session").asc(nulls_last=True),
            "pk",
        )
        .only("pk")[:MAX_ITEMS]
    )
    items = [
        Item(
            text=f"{row.title} · {_name(row.expert_name)}",
            url=reverse("experience_experts:declaration", args=[row.tie])
            if row.tie
            else reverse("experience_experts:booking", args=[row.pk]),
            when=row.first_session,
            when_label=_("first session"),
            note=_("First decide on the tie the expert declared")
            if row.tie
            else _("Waiting for the expert to confirm"),
        )
        for row in rows
    ]
    see_all_url, see_all_label = _assignments_link()
    return Section(
        title=_("Bookings to confirm"),
        total=total,
        items=items,
        summary=ngettext(
            "%(count)d booking is not confirmed yet.",
            "%(count)d bookings are not confirmed yet.",
            total,
        )
        % {"count": total},
        empty_text=_(
            "Every booking is confirmed. When you book an expert, the booking "
            "waits here until the expert confirms it."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )


def applications_to_decide(user, today: date) -> Section | None:
    """Applications to the person's organisations' assignments that can still be
    booked, the oldest first."""
    organisation_ids = organiser_ids(user)
    if not organisation_ids:
        return None
    applications = Application.objects.filter(
        assignment__organisation_id__in=organisation_ids,
        assignment__state__in=(Assignment.State.OPEN, Assignment.State.FILLED),
        status=Application.Status.SUBMITTED,
    )
    total = applications.count()
    rows = (
        applications.annotate(
            title=F("assignment__title"),
            expert_name=F("expert__display_name"),
            deadline=F("assignment__application_deadline"),
        )
        .order_by("created_at", "pk")
        .only("pk", "assignment_id")[:MAX_ITEMS]
    )
    see_all_url, see_all_label = _assignments_link()
    return Section(
        title=_("Applications to decide on"),
        total=total,
        items=[
            Item(
                text=f"{row.title} · {_name(row.expert_name)}",
                url=reverse(
                    "experience_experts:applicant", args=[row.assignment_id, row.pk]
                ),
                when=row.deadline,
                when_label=_("applications close"),
            )
            for row in rows
        ],
        summary=ngettext(
            "%(count)d expert applied and waits for your decision.",
            "%(count)d experts applied and wait for your decision.",
            total,
        )
        % {"count": total},
        empty_text=_(
            "No application is waiting for your decision. Post an assignment, or "
            "invite experts who fit it."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )


def hours_to_approve(user, today: date) -> Section | None:
    """Hours that experts logged for the person's organisations and that wait for
    approval, the oldest session first."""
    organisation_ids = organiser_ids(user)
    if not organisation_ids:
        return None
    logs = WorkLog.objects.filter(
        booking__assignment__organisation_id__in=organisation_ids,
        status=WorkLog.Status.SUBMITTED,
    )
    total = logs.count()
    rows = (
        logs.annotate(
            title=F("booking__assignment__title"),
            expert_name=F("expert__display_name"),
            session_date=F("session__date"),
        )
        .order_by("session__date", "pk")
        .only("pk", "booking_id", "hours")[:MAX_ITEMS]
    )
    see_all_url, see_all_label = _assignments_link()
    return Section(
        title=_("Hours to approve"),
        total=total,
        items=[
            Item(
                text=f"{row.title} · {_name(row.expert_name)}",
                url=reverse("experience_experts:booking", args=[row.booking_id])
                + f"?uren={WorkLog.Status.SUBMITTED}",
                when=row.session_date,
                when_label=_("worked on"),
                note=ngettext(
                    "%(hours)s hour", "%(hours)s hours", 1 if row.hours == 1 else 2
                )
                % {"hours": floatformat(row.hours, -2)},
            )
            for row in rows
        ],
        summary=ngettext(
            "Hours of %(count)d session wait for your approval.",
            "Hours of %(count)d sessions wait for your approval.",
            total,
        )
        % {"count": total},
        empty_text=_(
            "No hours are waiting for your approval. When an expert logs hours, "
            "they appear here."
        ),
        see_all_url=see_all_url,
        see_all_label=see_all_label,
    )


# For an expert ----------------------------------------------------------------


def _is_expert(user) -> bool:
    return user.is_authenticated and ExpertProfile.objects.filter(user=user).exists()


def my_bookings(user, today: date) -> Section | None:
    """The expert's bookings to confirm and the confirmed ones with a session to
    come, those to confirm first, then by the next session."""
    if not _is_expert(user):
        return None
    upcoming = Session.objects.filter(
        assignment=OuterRef("assignment"), date__gte=today
    )
    awaiting = Q(status=Booking.Status.AWAITING)
    bookings = Booking.objects.for_expert(user).filter(
        awaiting | Q(Exists(upcoming), status=Booking.Status.CONFIRMED)
    )
    counts = bookings.aggregate(
        total=Count("pk"), awaiting=Count("pk", filter=awaiting)
    )
    rows = (
        bookings.annotate(
            title=F("assignment__title"),
            organisation=F("assignment__organisation__name"),
            next_session=_first_session_from(today),
            to_confirm=Case(When(awaiting, then=Value(0)), default=Value(1)),
        )
        .order_by("to_confirm", F("next_session").asc(nulls_last=True), "pk")
        .only("pk", "status")[:MAX_ITEMS]
    )
    summary = ngettext(
        "%(count)d booking is coming up.",
        "%(count)d bookings are coming up.",
        counts["total"],
    ) % {"count": counts["total"]}
    if counts["awaiting"]:
        summary += " " + ngettext(
            "Confirm %(count)d of them.",
            "Confirm %(count)d of them.",
            counts["awaiting"],
        ) % {"count": counts["awaiting"]}
    return Section(
        title=_("Your bookings"),
        total=counts["total"],
        items=[
            Item(
                text=f"{row.title} · {row.organisation}",
                url=reverse("experience_experts:booking", args=[row.pk]),
                when=row.next_session,
                when_label=_("next session"),
                note=_("Confirm this booking")
                if row.status == Booking.Status.AWAITING
                else row.get_status_display(),
            )
            for row in rows
        ],
        summary=summary,
        empty_text=_(
            "No bookings are coming up. When an organisation books you, you confirm "
            "the booking here."
        ),
        see_all_url=reverse("experience_experts:home"),
        see_all_label=_("All your work as an experience expert"),
    )


def invitations_and_applications(user, today: date) -> Section | None:
    """Invitations to open assignments the expert has not applied to, then the
    applications waiting for the organisation's decision."""
    if not _is_expert(user):
        return None
    applied = Application.objects.filter(assignment=OuterRef("assignment"), expert=user)
    invitations = Invitation.objects.filter(
        ~Exists(applied),
        expert=user,
        assignment__in=Assignment.objects.open(today),
    )
    applications = Application.objects.filter(
        expert=user, status=Application.Status.SUBMITTED
    )
    invitation_count = invitations.count()
    application_count = applications.count()
    columns = {
        "title": F("assignment__title"),
        "organisation": F("assignment__organisation__name"),
        "deadline": F("assignment__application_deadline"),
    }
    items = [
        Item(
            text=f"{row.title} · {row.organisation}",
            url=reverse("experience_experts:assignment", args=[row.assignment_id]),
            when=row.deadline,
            when_label=_("apply before"),
            note=_("You are invited to apply"),
        )
        for row in invitations.annotate(**columns)
        .order_by("deadline", "pk")
        .only("pk", "assignment_id")[:MAX_ITEMS]
    ]
    items += [
        Item(
            text=f"{row.title} · {row.organisation}",
            url=reverse("experience_experts:assignment", args=[row.assignment_id]),
            note=_("You applied; the organisation decides"),
        )
        for row in applications.annotate(**columns)
        .order_by("-created_at", "-pk")
        .only("pk", "assignment_id")[: MAX_ITEMS - len(items)]
    ]
    summary = []
    if invitation_count:
        summary.append(
            ngettext(
                "%(count)d invitation to apply is waiting for you.",
                "%(count)d invitations to apply are waiting for you.",
                invitation_count,
            )
            % {"count": invitation_count}
        )
    if application_count:
        summary.append(
            ngettext(
                "%(count)d application waits for the organisation's decision.",
                "%(count)d applications wait for the organisations' decision.",
                application_count,
            )
            % {"count": application_count}
        )
    return Section(
        title=_("Invitations and applications"),
        total=invitation_count + application_count,
        items=items,
        summary=" ".join(summary),
        empty_text=_(
            "No invitations or applications right now. Look at the open "
            "assignments: maybe one fits you."
        ),
        see_all_url=reverse("experience_experts:assignments"),
        see_all_label=_("Open assignments"),
    )
