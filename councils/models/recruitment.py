"""Recruitment: a council opens a vacancy, young people apply without an account,
and the chair, secretary or coach invites, accepts or declines (services in
councils/recruitment.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .councils import CouncilMember, CouncilPage
from .fields import recorded_by

AGE_VALIDATORS = [MinValueValidator(10), MaxValueValidator(99)]


class VacancyQuerySet(models.QuerySet):
    def open(self, on=None):
        """Vacancies people can apply to on `on` (today)."""
        day = on or timezone.localdate()
        return self.filter(is_open=True).filter(
            models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=day)
        )


class Vacancy(models.Model):
    """'Word lid van de jongerenraad': whom the council looks for, what it asks and
    what it offers."""

    council = models.ForeignKey(
        CouncilPage,
        on_delete=models.CASCADE,
        related_name="vacancies",
        verbose_name=_("council"),
    )
    title = models.CharField(_("title"), max_length=120)
    looking_for = models.TextField(_("whom we look for"), max_length=1000)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=AGE_VALIDATORS
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=AGE_VALIDATORS
    )
    area = models.CharField(_("area"), max_length=120, blank=True)
    asks = models.TextField(_("what we ask of you"), max_length=1000)
    offers = models.TextField(_("what you get"), max_length=1000)
    allowance_per_meeting = models.DecimalField(
        _("allowance per meeting (euro)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Paid within the volunteer-allowance limits that the experience-experts "
            "part of Inspraak keeps per year."
        ),
    )
    term_months = models.PositiveSmallIntegerField(
        _("term in months"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
        help_text=_("How long a new member's term runs."),
    )
    closes_on = models.DateField(_("apply until"), null=True, blank=True)
    is_open = models.BooleanField(_("open for applications"), default=True)
    created_by = recorded_by(_("opened by"))
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Application(models.Model):
    """A young person's application to a vacancy. Deleted a set period after the
    decision (recruitment.APPLICATION_KEPT_DAYS)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        INVITED = "invited", _("Invited for a talk")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    OPEN = (Status.NEW, Status.INVITED)

    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("vacancy"),
    )
    first_name = models.CharField(_("first name"), max_length=60)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail address"))
    date_of_birth = models.DateField(_("date of birth"))
    parent_email = models.EmailField(
        _("e-mail address of a parent or guardian"), blank=True
    )
    motivation = models.TextField(_("why you want to join"), max_length=1000)
    show_publicly = models.BooleanField(
        _("show my first name on the council page"), default=False
    )
    language = models.CharField(max_length=8, default="nl", editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    talk_at = models.DateTimeField(_("talk planned at"), null=True, blank=True)
    message = models.TextField(_("message to the applicant"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = recorded_by(_("decided by"))
    # On acceptance: the account made (or found) for the applicant, and the membership.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_applications",
        verbose_name=_("account"),
    )
    member = models.ForeignKey(
        CouncilMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("membership"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["decided_at"], name="councils_appl_decided")]

    def __str__(self):
        return f"{self.first_name} – {self.vacancy}"
