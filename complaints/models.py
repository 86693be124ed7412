"""Complaints and objections: the cases, their timeline, messages, attachments and
access log, and the extra Atw holidays an administrator keeps (Algemene
termijnenwet art. 3 lid 3) for complaints.deadlines."""

import os
from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from . import deadlines


@register_snippet
class AtwExtraDay(models.Model):
    """A day a Royal Decree adds to the Atw holidays for a given year (for example
    the Friday after Ascension). Published every few years, so kept as data."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(
        _("decree and reason"),
        max_length=200,
        help_text=_("For example the Royal Decree and its date."),
    )

    panels = [FieldPanel("day"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("extra holiday (Algemene termijnenwet)")
        verbose_name_plural = _("extra holidays (Algemene termijnenwet)")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} – {self.reason}"


def atw_extra_days(around: date | None = None) -> frozenset[date]:
    """The extra Atw days an administrator entered, for passing to the deadline
    functions (complaints.deadlines) as `extra_days`."""
    days = AtwExtraDay.objects.values_list("day", flat=True)
    if around is not None:
        days = days.filter(day__year__in=(around.year, around.year + 1))
    return frozenset(days)


# Cases ----------------------------------------------------------------------


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

    class Status(models.TextChoices):
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
        Status.RECEIVED,
        Status.REPAIR_REQUESTED,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.HEARING_PLANNED,
    )

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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    # Deadlines (complaints.deadlines holds the rules) ------------------------

    def objection_period_end(self) -> date | None:
        if self.kind != self.Kind.OBJECTION or not self.decision_made_known_on:
            return None
        return deadlines.objection_period_end(
            self.decision_made_known_on, atw_extra_days(self.decision_made_known_on)
        )

    def suspended_days(self, today: date | None = None) -> int:
        """Days the clock stood still while the person repaired an omission (Awb
        7:10 lid 2)."""
        if not self.repair_requested_on:
            return 0
        end = self.repaired_on or today or timezone.localdate()
        return max((end - self.repair_requested_on).days, 0)

    def decision_deadline(self, today: date | None = None) -> date:
        """The last day for the decision or outcome, by the rule for this kind."""
        if self.kind == self.Kind.OBJECTION:
            period_end = self.objection_period_end() or self.received_on
            # A late objection: the period runs from its receipt.
            start = max(period_end, self.received_on)
            return deadlines.objection_decision_deadline(
                start,
                committee=self.committee,
                postponed_weeks=self.postponed_weeks,
                suspended_days=self.suspended_days(today),
                extra_days=atw_extra_days(start),
            )
        if self.kind == self.Kind.MUNICIPAL_COMPLAINT:
            return deadlines.complaint_decision_deadline(
                self.received_on,
                committee=self.committee,
                postponed_weeks=self.postponed_weeks,
                extra_days=atw_extra_days(self.received_on),
            )
        return deadlines.provider_complaint_deadline(
            self.received_on,
            weeks=self.organisation.complaint_period_weeks,
            postponed_weeks=self.postponed_weeks,
        )

    def decision_rule(self) -> str:
        """The rule behind decision_deadline, for handlers to check."""
        if self.kind == self.Kind.OBJECTION:
            weeks = 12 if self.committee else 6
            text = _(
                "Awb 7:10: %(weeks)s weeks from the day after the objection period "
                "ended"
            ) % {"weeks": weeks}
        elif self.kind == self.Kind.MUNICIPAL_COMPLAINT:
            weeks = 10 if self.committee else 6
            text = _("Awb 9:11: %(weeks)s weeks after receipt") % {"weeks": weeks}
        else:
            text = _(
                "The provider's complaints procedure: %(weeks)s weeks after receipt "
                "(no period set by law)"
            ) % {"weeks": self.organisation.complaint_period_weeks}
        parts = [str(text)]
        if self.postponed_weeks:
            parts.append(
                str(_("postponed by %(weeks)s weeks") % {"weeks": self.postponed_weeks})
            )
        if self.kind == self.Kind.OBJECTION and self.suspended_days():
            parts.append(
                str(
                    _("plus %(days)s days while something missing was added")
                    % {"days": self.suspended_days()}
                )
            )
        if self.kind != self.Kind.PROVIDER_COMPLAINT:
            parts.append(str(_("moved past weekends and holidays (Atw)")))
        return "; ".join(parts)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.decided_on:
            return self.decided_on > self.decision_deadline(today)
        return self.is_open and today > self.decision_deadline(today)


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
    from django.db import transaction

    prefix = Case.PREFIXES[kind]
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
            prefix=prefix, year=year
        )
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


class CaseEvent(models.Model):
    """One step on the case's timeline (status change, acknowledgement, hearing...)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=30, choices=Case.Status.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")

    def __str__(self):
        return f"{self.case} {self.get_status_display()} {self.at:%Y-%m-%d}"


class CaseMessage(models.Model):
    """A message between the person and the handler, inside the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    from_handler = models.BooleanField(_("from the handler"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")

    def __str__(self):
        return f"{self.case} {self.sent_at:%Y-%m-%d %H:%M}"


@deconstructible(path="complaints.models.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no URL: they are served only by a
    view that checks who may see the case. The root is read at use, so tests and
    deployments can point it elsewhere."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def _attachment_path(instance, filename):
    return f"cases/{instance.case_id}/{filename}"


class CaseAttachment(models.Model):
    """A file with a case, stored outside the public media path (served by a view
    that checks access)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), upload_to=_attachment_path, storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    from_handler = models.BooleanField(default=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")

    def __str__(self):
        return self.original_name


class CaseAccessLog(models.Model):
    """Every read and change of a case. Append-only: nobody edits or deletes it
    (only anonymisation after the retention period removes the case itself)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        DOWNLOAD = "download", _("Downloaded a file")
        EXPORT = "export", _("Exported")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(
        _("who"), max_length=100, help_text=_("handler, filer, guest, system")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("case access log entry")

    def __str__(self):
        return f"{self.case} {self.action} {self.actor} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The case access log cannot be changed.")
        super().save(*args, **kwargs)


class CaseReminder(models.Model):
    """A deadline reminder that went out, so each is sent once per deadline (a
    postponement gives a new deadline and new reminders)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("7 days before the deadline")
        DUE = "due", _("On the deadline")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    deadline = models.DateField()
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "deadline"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.case} {self.kind} {self.deadline}"
