"""The demo's pages: the home page in Dutch and English, two content pages, the
statement pages and the site settings that point at them."""

from wagtail.models import Locale, Page, Site

from inspraak.pages.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    PrivacyStatementPage,
    SiteSettings,
)

from .statements import (
    CONTACT_EMAIL,
    STATEMENTS,
    STATEMENTS_REVIEWED,
)
from .translations import translate

PAGES = {
    "nl": {
        "home": (
            "Inspraak",
            "Jouw stem in de jeugdzorg. Geef je mening, lees adviezen of dien een klacht in.",
        ),
        "over": (
            "Over Inspraak",
            "Inspraak helpt jongeren, ouders en ervaringsdeskundigen om mee te "
            "praten over de jeugdzorg.",
        ),
        "contact": ("Contact", "Heb je een vraag? Mail of bel ons."),
    },
    "en": {
        "home": (
            "Inspraak",
            "Your voice in youth care. Take part, read advice and file a complaint.",
        ),
        "over": (
            "About Inspraak",
            "Inspraak helps young people, parents and experience experts to "
            "have a say in youth care.",
        ),
        "contact": ("Contact", "A question? E-mail or call us."),
    },
}


def seed_pages() -> HomePage:
    """The Dutch home page, made with its translation, children and settings."""
    nl, _ = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=nl).first()
    if home is None:
        title, intro = PAGES["nl"]["home"]
        home = root.add_child(
            instance=HomePage(title=title, slug="inspraak", intro=intro, locale=nl)
        )
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Inspraak"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Inspraak",
            )
        # Wagtail's placeholder page ("Welcome to your new Wagtail site!").
        if old_root and old_root.pk != home.pk and old_root.specific_class != HomePage:
            old_root.delete()
    en_title, en_intro = PAGES["en"]["home"]
    translate(home, "en", title=en_title, intro=en_intro)

    children = {}
    for key in ("over", "contact"):
        title, summary = PAGES["nl"][key]
        page = ContentPage.objects.child_of(home).filter(slug=key).first()
        if page is None:
            page = home.add_child(
                instance=ContentPage(title=title, slug=key, summary=summary)
            )
            page.save_revision().publish()
        en_title, en_summary = PAGES["en"][key]
        translate(page, "en", title=en_title, summary=en_summary)
        children[key] = page
    statements = {model: _statement(model, home, nl) for model in STATEMENTS}

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Inspraak (demo)"
    site_settings.email = CONTACT_EMAIL
    site_settings.phone = "030 123 45 67"
    site_settings.accessibility_statement = statements[AccessibilityStatementPage]
    site_settings.privacy_statement = statements[PrivacyStatementPage]
    site_settings.contact_page = children["contact"]
    site_settings.save()
    return home


def _statement(model, home, nl):
    """The statement page of `model` in Dutch with its English translation."""
    fields = STATEMENTS[model]
    page = model.objects.filter(locale=nl).first()
    if page is None:
        slug = fields["nl"]["slug"]
        # Earlier demos made the statements content pages with the same slug.
        for old in ContentPage.objects.child_of(home).filter(slug=slug):
            for translation in old.get_translations(inclusive=True):
                translation.delete()
        page = home.add_child(
            instance=model(**fields["nl"], last_reviewed=STATEMENTS_REVIEWED)
        )
        page.save_revision().publish()
    # Shared values (status, dates, e-mail) come from the Dutch page.
    translate(page, "en", **fields["en"])
    return page
