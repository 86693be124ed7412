"""Create demo content and one demo account per role. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale, Page, Site

from allauth.account.models import EmailAddress

from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation, Role
from inspraak.pages.models import ContentPage, HomePage, SiteSettings

DEMO_PASSWORD = "inspraak-demo"

ORGANISATIONS = [
    ("Gemeente Voorstad", "gemeente-voorstad", Organisation.Kind.MUNICIPALITY),
    ("Gemeente Noorddorp", "gemeente-noorddorp", Organisation.Kind.MUNICIPALITY),
    (
        "Jeugdzorgregio Midden-Voorland",
        "regio-midden-voorland",
        Organisation.Kind.REGION,
    ),
    ("Jeugdhulp De Brug", "jeugdhulp-de-brug", Organisation.Kind.PROVIDER),
    (
        "Vertrouwenspersonen Jeugd",
        "vertrouwenspersonen-jeugd",
        Organisation.Kind.INDEPENDENT,
    ),
]

# e-mail, display name, what the account is for, memberships (organisation slug, role)
ACCOUNTS = [
    ("beheer@inspraak.test", "Beheerder", "platform administrator (superuser)", []),
    (
        "beleid@voorstad.test",
        "Fatima (beleid Voorstad)",
        "policy officer, Gemeente Voorstad",
        [
            ("gemeente-voorstad", Role.POLICY),
            ("gemeente-voorstad", Role.ADVICE_RESPONDER),
        ],
    ),
    (
        "inkoop@midden-voorland.test",
        "Joris (inkoop regio)",
        "procurement officer, region",
        [("regio-midden-voorland", Role.PROCUREMENT)],
    ),
    (
        "klachten@voorstad.test",
        "Sanne (klachten Voorstad)",
        "complaint handler, Gemeente Voorstad",
        [("gemeente-voorstad", Role.CASE_HANDLER)],
    ),
    (
        "klachten@debrug.test",
        "Ahmed (klachten De Brug)",
        "complaint handler, provider",
        [
            ("jeugdhulp-de-brug", Role.CASE_HANDLER),
            ("jeugdhulp-de-brug", Role.ADVICE_RESPONDER),
        ],
    ),
    (
        "vertrouwenspersoon@jeugd.test",
        "Lotte (vertrouwenspersoon)",
        "confidential adviser",
        [("vertrouwenspersonen-jeugd", Role.CONFIDENTIAL_ADVISER)],
    ),
    (
        "moderator@voorstad.test",
        "Mo (moderator)",
        "live-session moderator, Gemeente Voorstad",
        [("gemeente-voorstad", Role.MODERATOR)],
    ),
    ("raadslid@jongerenraad.test", "Noor (jongerenraad)", "youth council member", []),
    (
        "ervaringsdeskundige@inspraak.test",
        "Sam (ervaringsdeskundige)",
        "experience expert",
        [],
    ),
    ("jongere@inspraak.test", "Daan (17)", "young person", []),
]

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
        "toegankelijkheid": (
            "Toegankelijkheidsverklaring",
            "We willen dat iedereen deze website kan "
            "gebruiken. Lukt iets niet? Laat het ons weten.",
        ),
        "privacy": (
            "Privacyverklaring",
            "We vragen zo weinig mogelijk gegevens. Je kunt altijd zien "
            "wat we van je hebben en het laten verwijderen.",
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
        "toegankelijkheid": (
            "Accessibility statement",
            "We want everyone to be able to use this "
            "website. Something does not work? Let us know.",
        ),
        "privacy": (
            "Privacy statement",
            "We ask for as little data as possible. You can always see "
            "what we hold and have it deleted.",
        ),
        "contact": ("Contact", "A question? E-mail or call us."),
    },
}


class Command(BaseCommand):
    help = "Create demo content and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Do not print the accounts."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Demo accounts share a known password: never in production.
            raise CommandError("seed_demo only runs with DEBUG on (development).")
        organisations = self._organisations()
        self._accounts(organisations)
        self._pages()
        if not options["quiet"]:
            self._print_accounts()

    def _organisations(self):
        organisations = {}
        for name, slug, kind in ORGANISATIONS:
            organisation, _ = Organisation.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "kind": kind, "email": f"info@{slug}.test"},
            )
            organisations[slug] = organisation
        region = organisations["regio-midden-voorland"]
        region.member_municipalities.add(
            organisations["gemeente-voorstad"], organisations["gemeente-noorddorp"]
        )
        region.save()
        return organisations

    def _accounts(self, organisations):
        for email, name, _purpose, memberships in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                is_admin = email.startswith("beheer@")
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    display_name=name,
                    is_staff=is_admin or bool(memberships),
                    is_superuser=is_admin,
                )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            for slug, role in memberships:
                Membership.objects.get_or_create(
                    user=user, organisation=organisations[slug], role=role
                )

    def _pages(self):
        nl, _ = Locale.objects.get_or_create(language_code="nl")
        en, _ = Locale.objects.get_or_create(language_code="en")
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
            if (
                old_root
                and old_root.pk != home.pk
                and old_root.specific_class != HomePage
            ):
                old_root.delete()
        home_en = self._translate(home, en, *PAGES["en"]["home"], field="intro")

        children = {}
        for key in ("over", "toegankelijkheid", "privacy", "contact"):
            title, summary = PAGES["nl"][key]
            page = ContentPage.objects.child_of(home).filter(slug=key).first()
            if page is None:
                page = home.add_child(
                    instance=ContentPage(title=title, slug=key, summary=summary)
                )
                page.save_revision().publish()
            self._translate(
                page, en, *PAGES["en"][key], field="summary", parent=home_en
            )
            children[key] = page

        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        site_settings.organisation_name = "Inspraak (demo)"
        site_settings.email = "contact@inspraak.test"
        site_settings.phone = "030 123 45 67"
        site_settings.accessibility_statement = children["toegankelijkheid"]
        site_settings.privacy_statement = children["privacy"]
        site_settings.contact_page = children["contact"]
        site_settings.save()

    def _translate(self, page, locale, title, text, field, parent=None):
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translation = page.copy_for_translation(locale, copy_parents=parent is None)
        translation = translation.specific
        translation.title = title
        setattr(translation, field, text)
        translation.save_revision().publish()
        return translation

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        )
        for email, _name, purpose, _memberships in ACCOUNTS:
            self.stdout.write(f"  {email:38} {purpose}")
        self.stdout.write("")
