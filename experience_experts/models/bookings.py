"""Bookings and what follows from them: hours (work logs), reminders sent and the
expert's rating."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assignments import Assignment, Session
from .common import MAX_TRAVEL_COSTS, PayMode, person_link


def invoice_number(booking_pk: int, booked_at: datetime.datetime) -> str:
    """A booking's invoice number (ED-2025-00042), also for exports that read the
    two columns without the booking."""
    return f"ED-{booked_at:%Y}-{booking_pk:05d}"


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Booking.Status.CONFIRMED)

    def for_expert(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(expert=user)


class Booking(models.Model):
    """An expert booked for an assignment. A financial record: kept 7 years after
    the account is deleted (fiscal bewaarplicht), without the link to the person."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for the expert")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined by the expert")
        CANCELLED = "cancelled", _("Cancelled")

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("assignment"),
    )
    expert = person_link(_("experience expert"), related_name="expert_bookings")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING
    )
    # What was agreed, copied at booking so later changes do not rewrite history.
    pay_mode = models.CharField(_("paid as"), max_length=20, choices=PayMode.choices)
    fee_type = models.CharField(
        _("fee"), max_length=10, choices=Assignment.FeeType.choices
    )
    fee_amount = models.DecimalField(
        _("amount in euros"), max_digits=8, decimal_places=2
    )
    booked_by = person_link(_("booked by"))
    booked_at = models.DateTimeField(_("booked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    retain_until = models.DateField(
        _("kept until"),
        null=True,
        blank=True,
        help_text=_("Set when the person deleted their account: 7 years, by law."),
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-booked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "expert"], name="one_booking_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.expert or _('former member')} · {self.assignment}"

    @property
    def is_hourly(self) -> bool:
        return self.fee_type == Assignment.FeeType.HOURLY

    @property
    def invoice_number(self) -> str:
        return invoice_number(self.pk, self.booked_at)


class WorkLog(models.Model):
    """Hours and travel for one session (urenregistratie). Approved logs are the
    payments; they are financial records kept for 7 years."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    booking = models.ForeignKey(
        Booking,
        on_delete=models.PROTECT,
        related_name="work_logs",
        verbose_name=_("booking"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        related_name="work_logs",
        verbose_name=_("session"),
    )
    expert = person_link(_("experience expert"), related_name="expert_work_logs")
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(24)],
    )
    travel_costs = models.DecimalField(
        _("travel costs in euros"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[
            MinValueValidator(Decimal("0")),
            MaxValueValidator(MAX_TRAVEL_COSTS),
        ],
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    amount = models.DecimalField(
        _("fee in euros"), max_digits=9, decimal_places=2, default=Decimal("0")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    return_reason = models.TextField(_("why it was returned"), blank=True)
    decided_by = person_link(_("approved or returned by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["session__date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "session"], name="one_log_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.hours} h"


class SessionReminder(models.Model):
    """A reminder sent the day before a session: sent once (send_session_reminders)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "session"], name="one_reminder_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session} · {self.sent_at:%Y-%m-%d %H:%M}"


class Rating(models.Model):
    """The expert's rating of an assignment (shown to the organisation)."""

    booking = models.OneToOneField(
        Booking,
        on_delete=models.CASCADE,
        related_name="rating",
        verbose_name=_("booking"),
    )
    expert = person_link(_("experience expert"))
    stars = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated at"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.booking} · {self.stars}"
