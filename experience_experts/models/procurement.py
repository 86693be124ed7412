"""Procurement rounds with their bidders and published criteria, and the experts'
conflict-of-interest declarations for a round (Aanbestedingswet 1.10b, 2.57)."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from inspraak.organisations.models import Organisation

from .common import ORGANISER_KINDS, person_link


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
    expert = person_link(_("experience expert"), related_name="conflict_declarations")
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
    decided_by = person_link(_("decided by"))
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

    # A current client or employee of a bidder is flagged (docs/domain.md).
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
