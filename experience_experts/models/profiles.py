"""The expert's profile and the yearly volunteer-allowance limits."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from inspraak.core.bounds import DATE_OF_BIRTH_VALIDATORS, FIRST_YEAR, LAST_YEAR
from inspraak.core.dates import age_on
from inspraak.organisations.models import Organisation

from .common import (
    ORGANISER_KINDS,
    PayMode,
    Theme,
    Weekday,
    WorkKind,
    labels,
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ExpertProfileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class ExpertProfile(models.Model):
    """An experience expert. Lived experience is health data (AVG art. 9): the
    profile exists only with explicit consent and is shown only to the expert and
    the organisations the expert applied to or is booked by (permissions.py)."""

    # What the expert tells about themselves: the profile form edits these and
    # "my data" exports them.
    OWN_FIELDS = (
        "about",
        "themes",
        "work_kinds",
        "regions",
        "available_days",
        "availability_note",
        "training",
        "languages",
        "date_of_birth",
        "pay_mode",
        "kvk_number",
        "vat_liable",
        "vat_number",
        "invoice_name",
        "invoice_address",
    )

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
        return age_on(self.date_of_birth, day)

    def get_themes_display(self) -> list[str]:
        return labels(Theme, self.themes)

    def get_work_kinds_display(self) -> list[str]:
        return labels(WorkKind, self.work_kinds)

    def get_available_days_display(self) -> list[str]:
        return labels(Weekday, self.available_days)

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
    (docs/domain.md). A year without a row has no known limits: statements say so."""

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
