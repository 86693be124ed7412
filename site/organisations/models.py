"""Organisations (municipalities, regions, providers, independent bodies) and the
roles people hold in them. Who may see what is decided in permissions.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from .groups import sync_role_groups


class Organisation(index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Youth-care region")
        PROVIDER = "provider", _("Youth-care provider")
        INDEPENDENT = "independent", _("Independent body")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    member_municipalities = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="regions",
        limit_choices_to={"kind": Kind.MUNICIPALITY},
        verbose_name=_("member municipalities"),
        help_text=_(
            "Only for a youth-care region: the municipalities that procure together."
        ),
    )
    email = models.EmailField(_("general e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    complaint_period_weeks = models.PositiveSmallIntegerField(
        _("complaint period in weeks"),
        default=6,
        help_text=_(
            "Only for a youth-care provider: how long its complaints procedure takes. "
            "The law sets no period (Jeugdwet 4.2.1); 6 weeks is usual."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("is_active"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("member_municipalities"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("complaint_period_weeks"),
        InlinePanel(
            "memberships", heading=_("People and roles"), label=_("membership")
        ),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("kind")]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (
            self.kind != self.Kind.REGION
            and self.pk
            and self.member_municipalities.exists()
        ):
            raise ValidationError(
                {"kind": _("Only a youth-care region can have member municipalities.")}
            )


class Role(models.TextChoices):
    """What a person may do for an organisation. Apps check roles through
    inspraak.organisations.permissions, never by comparing strings themselves."""

    ADMIN = "admin", _("Administrator")
    POLICY = "policy", _("Policy officer")
    PROCUREMENT = "procurement", _("Procurement officer")
    ADVICE_RESPONDER = "advice_responder", _("Answers advice")
    CASE_HANDLER = "case_handler", _("Complaint handler")
    CONFIDENTIAL_ADVISER = "confidential_adviser", _("Confidential adviser")
    MODERATOR = "moderator", _("Moderator")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=day),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day),
            organisation__is_active=True,
            user__is_active=True,
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = ParentalKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # Set when the role comes from a group at the organisation's identity provider:
    # such a membership follows the groups at every sign-in (inspraak.signin).
    granted_by = models.ForeignKey(
        "signin.IdentityProvider",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="memberships",
        verbose_name=_("granted by the identity provider"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldPanel("user"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="unique_role_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Roles bring Wagtail groups (admin access, page rights): keep them in step.
        sync_role_groups(self.user)

    def delete(self, *args, **kwargs):
        user = self.user
        result = super().delete(*args, **kwargs)
        sync_role_groups(user)
        return result

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date is before the start date.")}
            )
