"""Experience experts (ervaringsdeskundigen): profiles, procurement rounds,
assignments with their sessions, applications, invitations, bookings, conflict-of-
interest declarations, hours and the per-year volunteer-allowance limits.

Workflows that touch several of these live in services.py; who may see what in
permissions.py; the tax rule in allowance.py."""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from inspraak.core.bounds import DATE_OF_BIRTH_VALIDATORS, FIRST_YEAR, LAST_YEAR
from inspraak.organisations.models import Organisation

# Sense, within the columns: one session's travel in the Netherlands, and a fee
# that times 24 hours still fits WorkLog.amount.
MAX_TRAVEL_COSTS = Decimal("1000.00")
MAX_FEE = Decimal("50000.00")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Theme(models.TextChoices):
    """Themes of lived experience."""

    MENTAL_HEALTH = "mental_health", _("Youth mental health care")
    FOSTER_CARE = "foster_care", _("Foster care")
    RESIDENTIAL_CARE = "residential_care", _("Residential care")
    SECURE_CARE = "secure_care", _("Secure youth care")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    DISABILITY = "disability", _("Disability")
    ADDICTION = "addiction", _("Addiction")
    HOMELESSNESS = "homelessness", _("Homelessness")


class WorkKind(models.TextChoices):
    PROCUREMENT_PANEL = "procurement_panel", _("Procurement panel")
    POLICY_ADVICE = "policy_advice", _("Policy advice")
    TRAINING = "training", _("Training")
    RECRUITMENT_PANEL = "recruitment_panel", _("Recruitment panel")
    COUNCIL_SUPPORT = "council_support", _("Council support")


class Weekday(models.TextChoices):
    MONDAY = "0", _("Monday")
    TUESDAY = "1", _("Tuesday")
    WEDNESDAY = "2", _("Wednesday")
    THURSDAY = "3", _("Thursday")
    FRIDAY = "4", _("Friday")
    SATURDAY = "5", _("Saturday")
    SUNDAY = "6", _("Sunday")


class PayMode(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer allowance")
    FREELANCER = "freelancer", _("Freelancer (invoice)")


# Organisations that post assignments and book experts.
ORGANISER_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION)


class ExpertProfileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class ExpertProfile(models.Model):
    """An experience expert. Lived experience is health data (AVG art. 9): the
    profile exists only with explicit consent and is shown only to the expert and
    the organisations the expert applied to or is booked by (permissions.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("person"),
    )
    about = models.TextField(
        _("about you"),
        blank=True,
        help_text=_("A few sentences about your experience and what you can offer."),
    )
    themes = models.JSONField(_("themes of lived experience"), default=list)
    work_kinds = models.JSONField(_("kinds of work"), default=list)
    regions = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": ORGANISER_KINDS},
        verbose_name=_("regions where you work"),
    )
    available_days = models.JSONField(_("days you are available"), default=list)
    availability_note = models.CharField(
        _("more about when you are available"), max_length=300, blank=True
    )
    training = models.TextField(_("training completed"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"),
        validators=DATE_OF_BIRTH_VALIDATORS,
        help_text=_(
            "Needed for the tax-free allowance: the hourly limit is lower under 21."
        ),
    )
    pay_mode = models.CharField(
        _("how you are paid"),
        max_length=20,
        choices=PayMode.choices,
        default=PayMode.VOLUNTEER,
    )
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("A KvK number has 8 digits."))],
    )
    vat_liable = models.BooleanField(_("I charge VAT"), default=False)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    invoice_name = models.CharField(_("name on invoices"), max_length=200, blank=True)
    invoice_address = models.TextField(_("address on invoices"), blank=True)
    consent_given_at = models.DateTimeField(
        _("consent for health data given at"),
        help_text=_("Explicit consent (AVG art. 9) to keep the lived experience."),
    )
    calendar_token = models.CharField(
        _("calendar link code"), max_length=64, unique=True, default=new_token
    )
    is_active = models.BooleanField(_("open to assignments"), default=True)
    findable = models.BooleanField(
        _("organisations may find and invite me"),
        default=False,
        help_text=_(
            "They then see your name, kinds of work, regions and days, and whether "
            "your themes fit their assignment. Not your story."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExpertProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("experience expert")
        verbose_name_plural = _("experience experts")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.user.display_name or self.user.email

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def get_themes_display(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels.get(key, key)) for key in self.themes]

    def get_work_kinds_display(self) -> list[str]:
        labels = dict(WorkKind.choices)
        return [str(labels.get(key, key)) for key in self.work_kinds]

    def get_available_days_display(self) -> list[str]:
        labels = dict(Weekday.choices)
        return [str(labels.get(key, key)) for key in self.available_days]

    def clean(self):
        super().clean()
        if self.pay_mode == PayMode.FREELANCER and not self.kvk_number:
            raise ValidationError(
                {"kvk_number": _("A freelancer needs a KvK number for invoices.")}
            )
        if self.vat_liable and not self.vat_number:
            raise ValidationError(
                {"vat_number": _("Fill in your VAT number, or untick VAT.")}
            )


class AllowanceLimits(models.Model):
    """The Belastingdienst's volunteer-allowance limits for one calendar year
    (DOMAIN.md). A year without a row has no known limits: statements say so."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    hourly_21_plus = models.DecimalField(
        _("per hour, 21 or older"), max_digits=6, decimal_places=2
    )
    hourly_under_21 = models.DecimalField(
        _("per hour, under 21"), max_digits=6, decimal_places=2
    )
    monthly = models.DecimalField(_("per month"), max_digits=8, decimal_places=2)
    yearly = models.DecimalField(_("per year"), max_digits=8, decimal_places=2)

    panels = [
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("hourly_21_plus"), FieldPanel("hourly_under_21")]),
        FieldRowPanel([FieldPanel("monthly"), FieldPanel("yearly")]),
    ]

    class Meta:
        verbose_name = _("volunteer-allowance limits")
        verbose_name_plural = _("volunteer-allowance limits")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class ProcurementRound(ClusterableModel):
    """A procurement round (inkoopronde) of a municipality or region, with the
    providers that bid (Aanbestedingswet 1.10b: experts declare ties to them)."""

    class Procedure(models.TextChoices):
        TENDER = "tender", _("Tender (bids are ranked)")
        OPEN_HOUSE = "open_house", _("Open house (check against minimum requirements)")
        OTHER = "other", _("Other procedure")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="procurement_rounds",
        limit_choices_to={"kind__in": ORGANISER_KINDS},
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    reference = models.CharField(_("reference"), max_length=60)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices
    )
    lots = models.TextField(_("lots"), blank=True, help_text=_("One lot per line."))
    bidders = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="bids",
        limit_choices_to={"kind": Organisation.Kind.PROVIDER},
        verbose_name=_("bidding providers"),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    bids_due_on = models.DateField(_("bids due on"), null=True, blank=True)
    assessment_from = models.DateField(_("assessment from"), null=True, blank=True)
    assessment_until = models.DateField(_("assessment until"), null=True, blank=True)
    award_on = models.DateField(_("award planned on"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("name"),
                FieldPanel("reference"),
                FieldPanel("procedure"),
                FieldPanel("lots"),
            ],
            heading=_("Round"),
        ),
        FieldPanel("bidders"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("bids_due_on")]),
                FieldRowPanel(
                    [FieldPanel("assessment_from"), FieldPanel("assessment_until")]
                ),
                FieldPanel("award_on"),
            ],
            heading=_("Dates"),
        ),
        InlinePanel("criteria", heading=_("Criteria"), label=_("criterion")),
    ]

    class Meta:
        verbose_name = _("procurement round")
        verbose_name_plural = _("procurement rounds")
        ordering = ["-published_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="unique_round_reference"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    @property
    def is_open_house(self) -> bool:
        return self.procedure == self.Procedure.OPEN_HOUSE

    def lot_list(self) -> list[str]:
        return [line.strip() for line in self.lots.splitlines() if line.strip()]


class Criterion(models.Model):
    """An assessment criterion (or, in an open house, a minimum requirement).
    Only criteria published with the round may be scored (Aanbestedingswet)."""

    procurement_round = ParentalKey(
        ProcurementRound,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("procurement round"),
    )
    lot = models.CharField(_("lot"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_minimum_requirement = models.BooleanField(
        _("minimum requirement (met or not met)"), default=False
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Empty while the criterion is not published to bidders."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("lot"),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("is_minimum_requirement"), FieldPanel("published_on")]
        ),
    ]

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["lot", "title"]

    def __str__(self):
        return f"{self.lot}: {self.title}" if self.lot else self.title

    def is_published(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.published_on is not None and self.published_on <= day


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["application_deadline", "pk"]

    def __str__(self):
        return self.title

    def get_themes_display(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels.get(key, key)) for key in self.themes]

    def get_work_kinds_display(self) -> list[str]:
        labels = dict(WorkKind.choices)
        return [str(labels.get(key, key)) for key in self.work_kinds]

    @property
    def is_hourly(self) -> bool:
        return self.fee_type == self.FeeType.HOURLY


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

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.starts_at))

    @property
    def end(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.ends_at))

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
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
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
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_bookings",
        verbose_name=_("experience expert"),
    )
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
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
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
        return f"ED-{self.booked_at:%Y}-{self.pk:05d}"


class ConflictDeclaration(models.Model):
    """Conflict-of-interest and confidentiality declaration of one expert for one
    procurement round (Aanbestedingswet 1.10b and 2.57)."""

    class Decision(models.TextChoices):
        NOT_NEEDED = "not_needed", _("No relation declared")
        PENDING = "pending", _("Waiting for the organisation's decision")
        ALLOWED = "allowed", _("Allowed to take part")
        EXCLUDED = "excluded", _("Not allowed to take part")

    procurement_round = models.ForeignKey(
        ProcurementRound,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("procurement round"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conflict_declarations",
        verbose_name=_("experience expert"),
    )
    confidentiality = models.BooleanField(
        _("I keep the bidders' information confidential")
    )
    no_other_interests = models.BooleanField(
        _("I have no other interest in the outcome")
    )
    signed_name = models.CharField(_("signed with the name"), max_length=200)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=Decision.choices,
        default=Decision.NOT_NEEDED,
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement_round", "expert"],
                name="one_declaration_per_round",
            )
        ]

    def __str__(self):
        return f"{self.expert or _('former member')} · {self.procurement_round}"

    @property
    def blocks_booking(self) -> bool:
        return self.decision in (self.Decision.PENDING, self.Decision.EXCLUDED)


class DeclaredRelation(models.Model):
    """A tie between the expert and a bidding provider."""

    class Kind(models.TextChoices):
        CLIENT = "client", _("I am a client of this provider now")
        EMPLOYEE = "employee", _("I work for this provider now")
        FORMER = "former", _("I was a client or worked there before")
        FAMILY = "family", _("Family or a friend works there")
        BUSINESS = "business", _("A business tie")
        OTHER = "other", _("Another tie")

    # A current client or employee of a bidder is flagged (DOMAIN.md).
    FLAGGED = (Kind.CLIENT, Kind.EMPLOYEE)

    declaration = models.ForeignKey(
        ConflictDeclaration,
        on_delete=models.CASCADE,
        related_name="relations",
        verbose_name=_("declaration"),
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bidding provider"),
    )
    kind = models.CharField(_("kind of tie"), max_length=20, choices=Kind.choices)
    explanation = models.CharField(_("explanation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("declared relation")
        verbose_name_plural = _("declared relations")

    def __str__(self):
        return f"{self.provider}: {self.get_kind_display()}"

    @property
    def flagged(self) -> bool:
        return self.kind in self.FLAGGED


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
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_work_logs",
        verbose_name=_("experience expert"),
    )
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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or returned by"),
    )
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


class AssignmentOutcome(models.Model):
    """What the organisation did with the experts' input (shown to the experts)."""

    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name=_("assignment"),
    )
    text = models.TextField(_("what we did with your input"), max_length=5000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome of an assignment")
        verbose_name_plural = _("outcomes of assignments")

    def __str__(self):
        return str(self.assignment)


class Rating(models.Model):
    """The expert's rating of an assignment (shown to the organisation)."""

    booking = models.OneToOneField(
        Booking,
        on_delete=models.CASCADE,
        related_name="rating",
        verbose_name=_("booking"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("experience expert"),
    )
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
