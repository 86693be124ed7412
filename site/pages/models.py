"""Editorial pages: the home page, general content pages, site settings, search."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock


class HomePage(Page):
    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two short sentences at language level B1."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class ContentPage(Page):
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


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and the statement pages the footer links to."""

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
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_statement"),
            ],
            heading=_("Footer pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
