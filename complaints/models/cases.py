"""The case: one objection or complaint, its kind, status and clock, and the
reference counter."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case as Conditional
from django.db.models import Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import case_deadlines


class CaseStatus(models.TextChoices):
    """Case.Status: here, so that the index in Case.Meta can name the open ones."""

    AWAITING_VERIFICATION = (
        "awaiting_verification",
        _("Waiting for the e-mail address to be confirmed"),
    )
    RECEIVED = "received", _("Received")
    REPAIR_REQUESTED = "repair_requested", _("Something is missing")
    ACKNOWLEDGED = "acknowledged", _("Receipt confirmed")
    IN_PROGRESS = "in_progress", _("Being handled")
    HEARING_PLANNED = "hearing_planned", _("Hearing planned")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")
    FORWARDED = "forwarded", _("Forwarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Not handled, with reasons")


OPEN_STATUSES = (
    CaseStatus.RECEIVED,
    CaseStatus.REPAIR_REQUESTED,
    CaseStatus.ACKNOWLEDGED,
    CaseStatus.IN_PROGRESS,
    CaseStatus.HEARING_PLANNED,
)


def open_first():
    """0 for an open case, 1 for the rest: the queue's first sort key, and part of
    its index (the same expression, or the database does not use the index)."""
    return Conditional(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1))


class CaseQuerySet(models.QuerySet):
    def for_handler(self, user):
        """Cases of the organisations where `user` currently handles cases (a
        superuser too needs that role: case files hold health data)."""
        from inspraak.organisations.models import Role
        from inspraak.organisations.permissions import organisation_ids_for

        # A guest's case reaches the organisation once the address is confirmed.
        return self.filter(
            organisation_id__in=organisation_ids_for(user, Role.CASE_HANDLER)
        ).exclude(status=Case.Status.AWAITING_VERIFICATION)

    def for_person(self, user):
        """Cases the signed-in person filed (or is the recorded representative of)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(filed_by=user)

    def in_queue_order(self):
        """Open cases first, then by the stored deadline (nearest first)."""
        return self.order_by(
            open_first(), F("deadline").asc(nulls_last=True), "reference"
        )

    def overdue(self, today: date):
        """Decided after the stored deadline, or still open past it."""
        return self.filter(case_deadlines.overdue_filter(today))

    def deadline_counts(self, today: date, days: int) -> dict[str, int]:
        """Open cases past their deadline (`late`) and due within `days` days
        (`due_soon`), in one query (on the queue's index: open_first, deadline)."""
        return (
            self.alias(open_rank=open_first())
            .filter(open_rank=0, deadline__lte=today + timedelta(days=days))
            .order_by()
            .aggregate(
                late=Count("pk", filter=Q(deadline__lt=today)),
                due_soon=Count("pk", filter=Q(deadline__gte=today)),
            )
        )


class Case(models.Model):
    """One objection or complaint, from filing to its written outcome."""

    class Kind(models.TextChoices):
        OBJECTION = "objection", _("Objection against a decision")
        MUNICIPAL_COMPLAINT = "municipal_complaint", _("Complaint about a municipality")
        PROVIDER_COMPLAINT = (
            "provider_complaint",
            _("Complaint about a youth-care provider"),
        )

    # Reference prefixes: BZ for bezwaar (objection), KL for klacht (complaint).
    PREFIXES = {
        Kind.OBJECTION: "BZ",
        Kind.MUNICIPAL_COMPLAINT: "KL",
        Kind.PROVIDER_COMPLAINT: "KL",
    }

    Status = CaseStatus
    OPEN_STATUSES = OPEN_STATUSES

    class FiledAs(models.TextChoices):
        SELF = "self", _("For myself")
        PARENT = "parent", _("As parent, for my child")
        GUARDIAN = "guardian", _("As guardian")
        CONFIDENTIAL_ADVISER = "confidential_adviser", _("As confidential adviser")

    class Outcome(models.TextChoices):
        WELL_FOUNDED = "well_founded", _("Well-founded")
        PARTLY = "partly", _("Partly well-founded")
        UNFOUNDED = "unfounded", _("Unfounded")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("organisation it is about"),
    )

    # Who filed it: an account, or a guest with a verified e-mail address.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("filed by"),
    )
    guest_email = models.EmailField(_("e-mail address (guest)"), blank=True)
    guest_verified_at = models.DateTimeField(
        _("guest address confirmed at"), null=True, blank=True
    )
    # Part of the signed link that lets a guest follow the case; a new nonce kills
    # old links.
    access_nonce = models.CharField(max_length=32, editable=False)
    filed_as = models.CharField(
        _("filed as"), max_length=30, choices=FiledAs.choices, default=FiledAs.SELF
    )
    name = models.CharField(_("name"), max_length=200)
    # The name came from DigiD (through the municipality's broker) at filing; the
    # BSN that proved it was not stored (inspraak.signin).
    identified_with_digid = models.BooleanField(
        _("identified with DigiD"), default=False
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("The young person this is about, when someone else files it."),
    )

    # What it is about.
    decision_description = models.TextField(_("the decision"), blank=True)
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=100, blank=True
    )
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_made_known_on = models.DateField(
        _("decision received on"),
        null=True,
        blank=True,
        help_text=_("The day the decision was sent or handed over (Awb 6:8)."),
    )
    conduct_description = models.TextField(_("what happened"), blank=True)
    conduct_date = models.DateField(_("when it happened"), null=True, blank=True)
    grounds = models.TextField(_("why you disagree / your complaint"), blank=True)
    wish = models.TextField(_("what you would like to happen"), blank=True)

    # The clock.
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    is_late = models.BooleanField(
        _("filed after the objection period"),
        default=False,
        help_text=_("Accepted and flagged; the objector is asked why (Awb 6:11)."),
    )
    late_reason = models.TextField(_("reason for filing late"), blank=True)
    missing_parts = models.JSONField(_("missing parts"), default=list, blank=True)
    repair_requested_on = models.DateField(null=True, blank=True)
    repair_due_on = models.DateField(_("repair by"), null=True, blank=True)
    repaired_on = models.DateField(null=True, blank=True)
    committee = models.BooleanField(
        _("advisory committee"),
        default=False,
        help_text=_("An advisory or complaints committee advises (longer period)."),
    )
    postponed_weeks = models.PositiveSmallIntegerField(
        _("postponed by weeks"), default=0
    )
    postponement_notice = models.TextField(
        _("written notice of postponement"), blank=True
    )
    acknowledged_on = models.DateField(_("receipt confirmed on"), null=True, blank=True)
    hearing_at = models.DateTimeField(_("hearing"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_cases",
        verbose_name=_("handler"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_text = models.TextField(_("written, reasoned outcome"), blank=True)
    closing_reason = models.TextField(
        _("reason (declined, forwarded or withdrawn)"), blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)
    # Stored from case_deadlines.decision_deadline by refresh_deadline (see save),
    # so that lists sort, filter and count in the database.
    deadline = models.DateField(
        _("decision deadline"), null=True, blank=True, editable=False, db_index=True
    )
    # Set while the person adds what is missing (Awb 7:10 lid 2).
    clock_stopped_since = models.DateField(
        _("clock stopped since"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-pk"]
        indexes = [
            # The handler's queue walks this in order; with the columns carried
            # along, its filters, pages and counts read the index alone.
            models.Index(
                F("organisation"),
                open_first(),
                F("deadline"),  # ascending, nulls last: as in_queue_order
                F("reference"),
                F("status"),
                F("id"),
                F("decided_on"),
                F("kind"),
                name="case_queue_order",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        """Store the deadline again whenever something it depends on is written: every
        flow saves the case, so none can leave a stale deadline. (QuerySet.update
        passes by here: use it only for fields the deadline does not read.)"""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or case_deadlines.DEADLINE_INPUTS.intersection(
            update_fields
        ):
            case_deadlines.refresh_deadline(self)
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    *case_deadlines.STORED_FIELDS,
                }
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    # Deadlines: complaints.case_deadlines holds the one rule per question.

    def objection_period_end(self) -> date | None:
        return case_deadlines.objection_period_end(self)

    def suspended_days(self, today: date | None = None) -> int:
        return case_deadlines.suspended_days(self, today)

    def decision_deadline(self, today: date | None = None) -> date:
        return case_deadlines.decision_deadline(self, today)

    def decision_rule(self) -> str:
        return case_deadlines.decision_rule(self)

    def decision_explained(self) -> str:
        return case_deadlines.decision_explained(self)

    def is_overdue(self, today: date | None = None) -> bool:
        return case_deadlines.is_overdue(self, today)


class ReferenceCounter(models.Model):
    """The last number used per prefix and year, for references like BZ-2026-000123."""

    prefix = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_counter")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


def next_reference(kind: str, year: int) -> str:
    """The next free reference for a kind of case in a year (call inside a
    transaction; the counter row is locked while it is raised)."""
    prefix = Case.PREFIXES[kind]
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
            prefix=prefix, year=year
        )
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"
