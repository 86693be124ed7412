"""Assignments with their sessions, applications and invitations, and what the
organisation did with the input."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.organisations.models import Organisation

from .common import MAX_FEE, Theme, WorkKind, labels, person_link
from .procurement import Criterion, ProcurementRound


class AssignmentQuerySet(models.QuerySet):
    def open(self, on: datetime.date | None = None):
        day = on or timezone.localdate()
        return self.filter(state=Assignment.State.OPEN, application_deadline__gte=day)

    def of_organisations(self, ids):
        return self.filter(organisation_id__in=ids)


class Assignment(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        FILLED = "filled", _("Filled")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class FeeType(models.TextChoices):
        HOURLY = "hourly", _("Per hour")
        FIXED = "fixed", _("Fixed amount per session")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="expert_assignments",
        verbose_name=_("organisation"),
    )
    procurement_round = models.ForeignKey(
        ProcurementRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("procurement round"),
    )
    criteria = models.ManyToManyField(
        Criterion, blank=True, related_name="assignments", verbose_name=_("criteria")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("what is the work?"), help_text=_("Plain language, so everyone understands.")
    )
    themes = models.JSONField(_("themes"), default=list)
    work_kinds = models.JSONField(_("kinds of work"), default=list)
    experts_needed = models.PositiveSmallIntegerField(
        _("number of experts"), default=1, validators=[MinValueValidator(1)]
    )
    fee_type = models.CharField(
        _("fee"), max_length=10, choices=FeeType.choices, default=FeeType.HOURLY
    )
    fee_amount = models.DecimalField(
        _("amount in euros"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_FEE)],
    )
    travel_reimbursed = models.BooleanField(
        _("travel costs are paid"),
        default=True,
        help_text=_("Actual costs, for example a public-transport ticket."),
    )
    application_deadline = models.DateField(_("apply before"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    created_by = person_link(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["application_deadline", "pk"]

    def __str__(self):
        return self.title

    def get_themes_display(self) -> list[str]:
        return labels(Theme, self.themes)

    def get_work_kinds_display(self) -> list[str]:
        return labels(WorkKind, self.work_kinds)

    @property
    def is_hourly(self) -> bool:
        return self.fee_type == self.FeeType.HOURLY


def local_moment(
    day: datetime.date, time: datetime.time, zone: datetime.tzinfo | None = None
) -> datetime.datetime:
    """A session's date and wall-clock time as an aware moment in the site's time
    zone (or `zone`, when a caller converts many at once)."""
    return datetime.datetime.combine(
        day, time, tzinfo=zone or timezone.get_current_timezone()
    )


class Session(models.Model):
    """One meeting of an assignment: a date, times and a place or online."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("assignment"),
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start"))
    ends_at = models.TimeField(_("end"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Address, or empty.")
    )
    online = models.BooleanField(_("online"), default=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]
        # An assignment's sessions in order, a page or a window at a time.
        indexes = [
            models.Index(
                fields=["assignment", "date", "starts_at"], name="session_in_order"
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def start(self) -> datetime.datetime:
        return local_moment(self.date, self.starts_at)

    @property
    def end(self) -> datetime.datetime:
        return local_moment(self.date, self.ends_at)

    @property
    def hours(self) -> Decimal:
        minutes = (self.end - self.start).total_seconds() / 60
        return (Decimal(int(minutes)) / 60).quantize(Decimal("0.01"))

    def overlaps(self, other: "Session") -> bool:
        return (
            self.date == other.date
            and self.starts_at < other.ends_at
            and other.starts_at < self.ends_at
        )

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end is before the start.")})


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Applied")
        BOOKED = "booked", _("Booked")
        NOT_CHOSEN = "not_chosen", _("Not chosen")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("assignment"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_applications",
        verbose_name=_("experience expert"),
    )
    motivation = models.TextField(_("why you?"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "expert"], name="one_application_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.expert} → {self.assignment}"


class Invitation(models.Model):
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("assignment"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_invitations",
        verbose_name=_("experience expert"),
    )
    invited_by = person_link(_("invited by"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "expert"], name="one_invitation_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.expert} ← {self.assignment}"


class AssignmentOutcome(models.Model):
    """What the organisation did with the experts' input (shown to the experts)."""

    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name=_("assignment"),
    )
    text = models.TextField(_("what we did with your input"), max_length=5000)
    written_by = person_link(_("written by"))
    written_at = models.DateTimeField(_("written at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome of an assignment")
        verbose_name_plural = _("outcomes of assignments")

    def __str__(self):
        return str(self.assignment)
