"""Editorial pages: the home page, general content pages, the accessibility and
privacy statements, site settings, search."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from . import theme
from .blocks import (
    ContentStreamBlock,
    DoorBlock,
    EvaluationReportsBlock,
    KnownProblemsBlock,
)
from .translation import TranslatedPage


class HomePage(TranslatedPage, Page):
    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two short sentences at language level B1."),
    )
    doors = StreamField(
        [("door", DoorBlock())],
        blank=True,
        verbose_name=_("doors"),
        help_text=_(
            "Where people can go from the home page, most asked first. Doors with "
            "a name for the menu are also in the main menu of every page."
        ),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("doors"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class ContentPage(TranslatedPage, Page):
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("The main points in plain language (B1), shown at the top."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")


class StatementPage(TranslatedPage, Page):
    """A statement the law asks every site to publish, once per language, with a
    plain-language summary on top and the date it was last checked."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_(
            "The main points in plain language (B1), shown at the top in a box "
            "“In short”. Required."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=datetime.date.today,
        help_text=_("The date someone last checked that this statement is correct."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        # One statement of each kind per language: the footer links to it.
        return (
            super().can_create_at(parent)
            and not cls.objects.filter(locale_id=parent.locale_id).exists()
        )

    def clean(self):
        super().clean()
        others = type(self).objects.filter(locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("There is already a %(type)s in this language.")
                % {"type": self._meta.verbose_name}
            )


class AccessibilityStatementPage(StatementPage):
    """The accessibility statement in the form of the Dutch model statement
    (Besluit digitale toegankelijkheid overheid)."""

    class Status(models.TextChoices):
        # The compliance statuses A to E of the Dutch model statement.
        FULLY_COMPLIANT = "A", _("A – Meets all requirements")
        PARTIALLY_COMPLIANT = "B", _("B – Meets part of the requirements")
        FIRST_MEASURES = "C", _("C – First steps taken")
        NO_MEASURES = "D", _("D – No steps taken yet")
        NOT_COMPLIANT = "E", _("E – Does not meet the requirements")

    STATUS_EXPLANATIONS = {
        Status.FULLY_COMPLIANT: _("Everything on this website works for everyone."),
        Status.PARTIALLY_COMPLIANT: _(
            "Most of this website works for everyone. Some parts do not work well "
            "yet. You can read below which parts."
        ),
        Status.FIRST_MEASURES: _(
            "We have started to make this website work for everyone. Many parts "
            "do not work well yet."
        ),
        Status.NO_MEASURES: _(
            "We have not yet started to make this website work for everyone."
        ),
        Status.NOT_COMPLIANT: _("This website does not work well for everyone."),
    }

    status = models.CharField(
        _("compliance status"),
        max_length=1,
        choices=Status.choices,
        default=Status.PARTIALLY_COMPLIANT,
    )
    standard = models.CharField(
        _("standard"),
        max_length=100,
        default="WCAG 2.1 AA",
        help_text=_("The standard the website was checked against."),
    )
    evaluation_date = models.DateField(
        _("date of the last check"), null=True, blank=True
    )
    evaluation_method = models.TextField(
        _("how we checked"),
        max_length=1000,
        blank=True,
        help_text=_("Who checked the website, and how. In plain language."),
    )
    known_problems = StreamField(
        KnownProblemsBlock(),
        blank=True,
        verbose_name=_("known problems"),
        help_text=_("One short text per problem. Leave empty only with status A."),
    )
    contact_email = models.EmailField(
        _("e-mail to report a problem"),
        help_text=_("Where visitors report something that does not work."),
    )
    evaluation_reports = StreamField(
        EvaluationReportsBlock(),
        blank=True,
        verbose_name=_("evaluation reports"),
        help_text=_("The reports of the checks, newest first."),
    )
    register_url = models.URLField(
        _("this statement in the register"),
        blank=True,
        help_text=_(
            "The address of this statement in the national register "
            "(toegankelijkheidsverklaring.nl/register)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("standard"),
                FieldPanel("evaluation_date"),
                FieldPanel("evaluation_method"),
                FieldPanel("evaluation_reports"),
                FieldPanel("register_url"),
            ],
            heading=_("Compliance"),
        ),
        FieldPanel("known_problems"),
        FieldPanel("contact_email"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *StatementPage.search_fields,
        index.SearchField("evaluation_method"),
        index.SearchField("known_problems"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def status_explanation(self):
        return self.STATUS_EXPLANATIONS.get(self.status, "")


class PrivacyStatementPage(StatementPage):
    """The privacy statement (AVG articles 13 and 14), with a link to the page
    where people see, download and delete their data."""

    rights = models.TextField(
        _("your rights"),
        max_length=1000,
        blank=True,
        help_text=_(
            "A few plain sentences above the link to “My data”. Leave empty for "
            "the standard text."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("rights"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*StatementPage.search_fields, index.SearchField("rights")]

    class Meta:
        verbose_name = _("privacy statement")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, the statement pages the footer links to, and the
    organisation's own look (colours and logo, see pages/theme.py)."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Inspraak"
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = RichTextField(_("address"), blank=True, features=["bold"])
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )
    privacy_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy statement page"),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact page"),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=theme.DEFAULT_PRIMARY,
        validators=[theme.validate_hex_colour, theme.validate_text_contrast],
        help_text=_(
            "The background of the header and of the main buttons, with white text "
            "on it. As #RRGGBB, e.g. #14406e; it needs a contrast of at least 4.5:1 "
            "with white and with the light grey of the footer."
        ),
    )
    link_colour = models.CharField(
        _("link and focus colour"),
        max_length=7,
        default=theme.DEFAULT_LINK,
        validators=[theme.validate_hex_colour, theme.validate_text_contrast],
        help_text=_(
            "The colour of links and of the line around what has keyboard focus. "
            "As #RRGGBB; it needs a contrast of at least 4.5:1 with white and with the "
            "light grey of the footer."
        ),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_(
            "Shown in the header of every page, with the organisation name as its "
            "text for screen readers. Optional."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_page"),
                PageChooserPanel(
                    "accessibility_statement",
                    page_type="pages.AccessibilityStatementPage",
                ),
                PageChooserPanel(
                    "privacy_statement", page_type="pages.PrivacyStatementPage"
                ),
            ],
            heading=_("Footer pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("primary_colour"),
                FieldPanel("link_colour"),
                FieldPanel("logo"),
            ],
            heading=_("Colours and logo"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        self.primary_colour = (self.primary_colour or "").lower()
        self.link_colour = (self.link_colour or "").lower()
        # The chooser only offers the right type; this guards other ways in.
        errors = {}
        for field, model in (
            ("accessibility_statement", AccessibilityStatementPage),
            ("privacy_statement", PrivacyStatementPage),
        ):
            page = getattr(self, field)
            if page is not None and page.specific_class is not model:
                errors[field] = _("Choose a page of the type “%(type)s”.") % {
                    "type": model._meta.verbose_name
                }
        if errors:
            raise ValidationError(errors)
