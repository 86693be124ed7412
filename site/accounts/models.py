"""The people who sign in to Inspraak. E-mail is the login; there is no username."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import DATE_OF_BIRTH_VALIDATORS
from inspraak.core.dates import age_on


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("The name others see, for example your first name or a nickname."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="nl",
    )
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        validators=DATE_OF_BIRTH_VALIDATORS,
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("May sign in to the admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self):
        return self.display_name or self.email

    # Wagtail and Django's admin call these.
    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        # allauth looks addresses up in lower case; store them so from every path.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Deleting an account from anywhere (the Wagtail or Django admin too) goes
        through the privacy registry: what must stay is anonymised, nothing personal
        is left behind, and the deletion is logged as a data request."""
        from inspraak.privacy.services import erase_account

        erase_account(self)
        return 1, {self._meta.label: 1}

    def age_on(self, day: date) -> int | None:
        """Age in whole years on `day`, or None when no date of birth is known."""
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, day)

    @property
    def can_post(self) -> bool:
        """Whether the person may post under this account (contributions, votes under
        their name). Under 16 this waits for a parent's consent (AVG art. 8)."""
        consent = getattr(self, "parental_consent", None)
        return consent is None or not consent.restricts


class ParentalConsentQuerySet(models.QuerySet):
    def restricting(self):
        return self.filter(status__in=ParentalConsent.RESTRICTING)


class ParentalConsent(models.Model):
    """A parent's or guardian's consent for the account of someone under 16 (AVG
    art. 8, UAVG art. 5): asked, given, refused or withdrawn, with dates."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the parent")
        GIVEN = "given", _("Consent given")
        REFUSED = "refused", _("Consent refused")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")
        NOT_NEEDED = "not_needed", _("No longer needed: 16 or older")

    RESTRICTING = (Status.PENDING, Status.REFUSED, Status.WITHDRAWN)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="parental_consent",
        verbose_name=_("young person"),
    )
    parent_email = models.EmailField(
        _("e-mail address of the parent or guardian"), blank=True
    )
    # Part of the signed link in the parent's e-mail; a new address gets a new
    # nonce, which makes the old link invalid.
    nonce = models.CharField(max_length=32, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    requested_at = models.DateTimeField(_("request sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    # The parent signed in with DigiD, which proved an adult (inspraak.signin);
    # nothing of DigiD is kept but this.
    given_with_digid = models.BooleanField(_("given with DigiD"), default=False)
    refused_at = models.DateTimeField(_("consent refused at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        _("consent withdrawn at"), null=True, blank=True
    )
    ended_at = models.DateTimeField(_("no longer needed since"), null=True, blank=True)

    objects = ParentalConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("parental consent")
        verbose_name_plural = _("parental consents")

    def __str__(self):
        return f"{self.user} – {self.get_status_display()}"

    @property
    def restricts(self) -> bool:
        return self.status in self.RESTRICTING
