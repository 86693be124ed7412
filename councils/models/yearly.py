"""The council's yearly account: a Wagtail page under the council that the chair
edits before publishing; its figures come from councils/yearly.py, the same
queries as the tracker."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from inspraak.pages.blocks import ContentStreamBlock

from .councils import CouncilTreePage

YEAR_TAKEN = _("This council already has an account for this year.")


class CouncilYearReportPageForm(WagtailAdminPageForm):
    """Refuses a second account for a year before anything is saved: when a page is
    added, the model's clean cannot see the council yet, and Wagtail would create
    the page before the revision's validation refused it."""

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        adding = self.instance.pk is None and self.parent_page is not None
        if adding and year and CouncilYearReportPage.year_taken(self.parent_page, year):
            self.add_error("year", YEAR_TAKEN)
        return cleaned_data


class CouncilYearReportPage(CouncilTreePage):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    intro = RichTextField(
        _("the chair's word"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What the council wants readers to know about this year."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("more text"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    base_form_class = CouncilYearReportPageForm
    parent_page_types = ["councils.CouncilPage"]
    subpage_types = []
    made_in_default_language = True

    class Meta:
        verbose_name = _("yearly account")
        verbose_name_plural = _("yearly accounts")

    @property
    def council(self):
        return self.get_parent().specific

    # The council's own account, not advice: the workflow "Adoption by the council"
    # that the councils tree has does not apply. The chair or secretary publish it
    # directly (page_permissions.CouncilPagePermissionTester.can_publish).
    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None

    @staticmethod
    def year_taken(council, year: int, *, other_than: int | None = None) -> bool:
        """Whether `council` has an account for `year` (other than page `other_than`)."""
        return (
            CouncilYearReportPage.objects.child_of(council)
            .filter(year=year)
            .exclude(pk=other_than)
            .exists()
        )

    def clean(self):
        super().clean()
        # A page being added is not in the tree yet: the admin's form asks with
        # the parent it was given (CouncilYearReportPageForm).
        if (
            self.pk
            and self.year
            and self.year_taken(self.get_parent(), self.year, other_than=self.pk)
        ):
            raise ValidationError({"year": YEAR_TAKEN})

    def get_context(self, request, *args, **kwargs):
        # Wagtail asks the page for its context; yearly imports the models.
        from ..yearly import year_report_context

        context = super().get_context(request, *args, **kwargs)
        context.update(year_report_context(self.original, request))
        return context
