"""Template tags for the base layout."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import expand_db_html

from .. import layout

register = template.Library()


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in each language: the translated Wagtail page, or the
    same page under the other language (inspraak.pages.translation); the same view
    under the other language prefix for other views. A page's links are cached
    (inspraak.core.layout) until a page or locale changes."""
    from inspraak.pages.translation import language_links

    request = context.get("request")
    page = context.get("page")
    current = get_language()
    page_links = None
    if isinstance(page, Page) and page.pk:
        page_links = layout.cached(
            "language-switch", (page.translation_key,), lambda: language_links(page)
        )
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page_links is not None:
            url = page_links[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url or "/", "current": code == current}
        )
    return {"languages": links}


@register.inclusion_tag("components/head_links.html", takes_context=True)
def head_links(context):
    """The canonical address of a Wagtail page and its translations for search
    engines (hreflang, Dutch as x-default). A Dutch page shown under /en/ names
    the Dutch page canonical: its content is that page's."""
    from inspraak.pages.translation import default_language, translations

    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk:
        return {}
    alternates = layout.cached(
        "alternates", (page.translation_key,), lambda: translations(page)
    )
    canonical = page.get_full_url(request)
    number = request.GET.get("page") if request is not None else None
    if canonical and number and number.isdigit() and number != "1":
        canonical += f"?page={number}"
    links = sorted(alternates.items()) if len(alternates) > 1 else []
    return {
        "canonical": canonical,
        "alternates": links,
        "x_default": alternates.get(default_language()) if links else None,
    }


@register.filter
def other_language(page) -> bool:
    """True for a page whose content is not in the interface's language (a
    Dutch-only page under /en/)."""
    from inspraak.pages.translation import is_other_language

    return is_other_language(page)


@register.filter(is_safe=True)
def lang_attr(page) -> str:
    """` lang="nl"` on an element showing a page's text in another language than
    the interface's; nothing otherwise."""
    from inspraak.pages.translation import is_other_language, language_of

    if not is_other_language(page):
        return ""
    return format_html(' lang="{}"', language_of(page))


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page) -> str:
    """The page's address for a reader of the interface's language: its
    translation, or the page under this language (inspraak.pages.translation)."""
    from inspraak.pages.translation import localized_url

    if page is None:
        return ""
    return localized_url(page, context.get("request"))


@register.inclusion_tag("components/site_footer.html", takes_context=True)
def site_footer(context):
    """The footer: the organisation's contact details and the links to the
    accessibility and privacy statements and the contact page, in the active
    language; cached (inspraak.core.layout) until a page or the settings change."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    language = get_language()

    def build():
        from inspraak.pages.models import SiteSettings

        if site is None:
            return {"links": []}
        # Not for_site(): that creates the row, whose signal would outdate the
        # version this footer is about to be cached under.
        site_settings = SiteSettings.objects.filter(site=site).first()
        if site_settings is None:
            site_settings = SiteSettings(site=site)  # blank: the fallbacks apply
        pages = [
            (
                _("Accessibility statement"),
                localized_or_first(
                    site_settings.accessibility_statement,
                    "pages.AccessibilityStatementPage",
                ),
            ),
            (
                _("Privacy statement"),
                localized_or_first(
                    site_settings.privacy_statement, "pages.PrivacyStatementPage"
                ),
            ),
            (_("Contact"), localized(site_settings.contact_page)),
        ]
        return {
            "organisation_name": site_settings.organisation_name,
            "email": site_settings.email,
            "phone": site_settings.phone,
            "address": expand_db_html(site_settings.address)
            if site_settings.address
            else "",
            "links": [
                (str(label), page.get_url(request)) for label, page in pages if page
            ],
        }

    footer = layout.cached("footer", (site.pk if site else 0, language), build)
    return {"footer": footer}


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The doors of the home page that have a name for the menu (pages/doors.py),
    in the active language; cached (inspraak.core.layout) like the footer."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    language = get_language()

    def build():
        from inspraak.pages.doors import door_url

        if site is None:
            return []
        home = site.root_page.localized.specific
        items = []
        for block in getattr(home, "doors", None) or []:
            title = block.value.get("menu_title")
            url = door_url(block.value) if title else None
            if url:
                items.append((title, url))
        return items

    items = layout.cached("menu", (site.pk if site else 0, language), build)
    return {"items": items, "current": request.path if request is not None else ""}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way down from the home page to a page deeper than the home's own
    children (a council, an advice), in the interface's language where a page
    has a translation; cached per page and language."""
    from inspraak.pages.translation import is_other_language, language_of, localize

    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk or page.depth <= 3:
        return {"crumbs": []}

    def build():
        ancestors = localize(page.get_ancestors().filter(depth__gte=2).live(), request)
        return [
            (
                a.shown.title,
                a.shown_url,
                language_of(a.shown) if is_other_language(a.shown) else "",
            )
            for a in ancestors
        ]

    crumbs = layout.cached("breadcrumbs", (page.pk, get_language()), build)
    return {"crumbs": crumbs, "page": page}


@register.simple_tag
def localized(page):
    """The page in the active language when it has a live translation, else the
    page itself while it is live; None for an unpublished page (never a link to a
    404)."""
    if page is None:
        return None
    localized_page = page.localized
    if localized_page.live:
        return localized_page
    return page if page.live else None


@register.simple_tag
def localized_or_first(page, model_label):
    """The chosen page in the active language, or, when none is chosen or it is not
    live, the first live public page of type `model_label` ("app_label.Model") in
    that language."""
    chosen = localized(page)
    if chosen is not None:
        return chosen
    model = apps.get_model(model_label)
    return (
        model.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .order_by("path")
        .first()
    )


SITE_NAME = "Inspraak"
DESCRIPTION_LENGTH = 160


@register.filter(is_safe=True)
def with_site_name(title):
    """ "Advies over wachttijden · Inspraak"; a title that already names the site
    (the home page) stays as it is, so no "Inspraak · Inspraak"."""
    title = (title or "").strip()
    if not title:
        return SITE_NAME
    if SITE_NAME.lower() in title.lower():
        return title
    return f"{title} · {SITE_NAME}"


@register.simple_tag
def page_description(page=None) -> str:
    """The page's own description for search engines and shared links: its search
    description, else its plain-language summary or introduction; else what the
    site is for. At most 160 characters, cut at a word."""
    text = ""
    if page is not None:
        for field in ("search_description", "summary", "intro"):
            text = getattr(page, field, "") or ""
            if text.strip():
                break
    if not text.strip():
        text = _(
            "Young people and parents have a say in youth care in their municipality: "
            "consultations, advisory councils, experience experts and complaints."
        )
    text = " ".join(str(text).split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


SHORT_MONTHS = (
    pgettext_lazy("short month", "Jan"),
    pgettext_lazy("short month", "Feb"),
    pgettext_lazy("short month", "Mar"),
    pgettext_lazy("short month", "Apr"),
    pgettext_lazy("short month", "May"),
    pgettext_lazy("short month", "Jun"),
    pgettext_lazy("short month", "Jul"),
    pgettext_lazy("short month", "Aug"),
    pgettext_lazy("short month", "Sep"),
    pgettext_lazy("short month", "Oct"),
    pgettext_lazy("short month", "Nov"),
    pgettext_lazy("short month", "Dec"),
)


@register.filter
def short_date(value, arg=""):
    """A date in lists: "30 nov. 2026" in Dutch, "30 Nov 2026" in English (Django's
    "M" would write "Nov" in Dutch too). `short_date:"time"` adds ", 14:05" in
    the site's time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{value.day} {SHORT_MONTHS[value.month - 1]} {value.year}"
    if arg == "time" and isinstance(value, datetime.datetime):
        text += f", {value:%H:%M}"
    return text


@register.filter
def amount(value):
    """An amount of money without its sign, grouped and with two decimals in the
    page's language: "2.044,00" in Dutch, "2,044.00" in English (after "€ ")."""
    if value is None or value == "":
        return ""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
