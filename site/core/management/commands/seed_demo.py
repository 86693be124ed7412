"""Create demo content and one demo account per role. Safe to run again."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from complaints.demo import seed_cases
from councils.demo import seed_councils
from experience_experts.demo import seed_experts
from inspraak.accounts.consent import start_consent
from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation, Role
from inspraak.pages.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    PrivacyStatementPage,
    SiteSettings,
)
from participation.demo import seed_consultations
from participation.live.demo import seed_live_sessions

DEMO_PASSWORD = "inspraak-demo"
DEMO_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
# Two-step verification secret of the demo case handlers and confidential adviser
# (add it to any authenticator app). Demo only: seed_demo refuses to run in production.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

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
        "klachten@noorddorp.test",
        "Joost (klachten Noorddorp)",
        "complaint handler, Gemeente Noorddorp",
        [("gemeente-noorddorp", Role.CASE_HANDLER)],
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
        "voorzitter@jongerenraad.test",
        "Amira (voorzitter jongerenraad)",
        "chair of the youth council (adopts advice)",
        [],
    ),
    (
        "clientenraad@debrug.test",
        "Henk (voorzitter cliëntenraad)",
        "chair of the client council of De Brug",
        [],
    ),
    (
        "directie@debrug.test",
        "Directie De Brug",
        "answers advice for Jeugdhulp De Brug",
        [("jeugdhulp-de-brug", Role.ADVICE_RESPONDER)],
    ),
    (
        "ervaringsdeskundige@inspraak.test",
        "Sam (ervaringsdeskundige)",
        "experience expert",
        [],
    ),
    ("jongere@inspraak.test", "Daan (17)", "young person", []),
    (
        "jonger@inspraak.test",
        "Noa (14)",
        "young person under 16, waiting for a parent's consent",
        [],
    ),
    ("lina@inspraak.test", "Lina (19)", "expert under 21 (volunteer)", []),
    ("fleur@inspraak.test", "Fleur (zzp)", "expert, freelancer (invoices)", []),
    ("ravi@inspraak.test", "Ravi", "expert, tie with a bidder", []),
]
UNDER_16 = "jonger@inspraak.test"

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

CONTACT_EMAIL = "contact@inspraak.test"
AP_URL = "https://www.autoriteitpersoonsgegevens.nl/"
OMBUDSMAN_URL = "https://www.nationaleombudsman.nl/"
# The day the demo statements were written and the site was last checked.
STATEMENTS_REVIEWED = datetime.date(2026, 11, 22)


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


def _text(*paragraphs):
    return ("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))


def _list(*items):
    return ("paragraph", "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")


def _problem(problem, plan):
    return ("problem", {"problem": problem, "plan": plan})


# The statement pages: one accessibility and one privacy statement per language.
# Written for this platform as it is; change them when the platform changes.
STATEMENTS = {
    AccessibilityStatementPage: {
        "nl": {
            "title": "Toegankelijkheidsverklaring",
            "slug": "toegankelijkheid",
            "summary": (
                "We willen dat iedereen deze website kan gebruiken. De website "
                "voldoet voor een deel aan de eisen. Een paar onderdelen werken nog "
                "niet goed voor iedereen. Die staan hieronder. Lukt iets niet? "
                "Laat het ons weten."
            ),
            "status": AccessibilityStatementPage.Status.PARTIALLY_COMPLIANT,
            "standard": "WCAG 2.1 AA",
            "evaluation_date": STATEMENTS_REVIEWED,
            "evaluation_method": (
                "We hebben de website zelf getest. Elke pagina controleren we "
                "automatisch met het programma axe-core. We bedienen de website ook "
                "alleen met het toetsenbord. En we bekijken de pagina's op een smal "
                "scherm van 320 pixels breed. Een onafhankelijk bureau heeft de "
                "website nog niet onderzocht."
            ),
            "known_problems": [
                _problem(
                    "Pdf-bestanden die organisaties op de website zetten, zijn "
                    "misschien niet goed te lezen met een schermlezer.",
                    "We vragen organisaties om de tekst ook op de pagina zelf te "
                    "zetten. Heb je een pdf nodig in een andere vorm? Mail ons.",
                ),
                _problem(
                    "Een automatische test vindt niet alle problemen. Mensen die "
                    "een schermlezer gebruiken, hebben de website nog niet getest.",
                    "We willen de website laten testen door mensen die een "
                    "schermlezer of vergroting gebruiken.",
                ),
            ],
            "contact_email": CONTACT_EMAIL,
            "body": [
                _heading("Wat valt niet onder deze verklaring?"),
                _text(
                    "Medewerkers maken pagina's in een apart beheergedeelte "
                    "(Wagtail). Dat deel is niet voor bezoekers. Het valt niet "
                    "onder deze verklaring."
                ),
                _heading("Ben je niet tevreden met ons antwoord?"),
                _text(
                    "Krijg je geen antwoord? Of ben je niet tevreden met het "
                    "antwoord? Dan kun je een klacht indienen bij de "
                    f'<a href="{OMBUDSMAN_URL}">Nationale ombudsman</a> of bij de '
                    "ombudsman van je gemeente."
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "summary": (
                "We want everyone to be able to use this website. The website meets "
                "part of the requirements. A few parts do not work well for everyone "
                "yet. You can read below which parts. Something does not work? Let "
                "us know."
            ),
            "evaluation_method": (
                "We tested the website ourselves. We check every page automatically "
                "with a program called axe-core. We also use the website with only a "
                "keyboard. And we look at the pages on a narrow screen, 320 pixels "
                "wide. An independent agency has not yet examined the website."
            ),
            "known_problems": [
                _problem(
                    "PDF files that organisations put on the website may not be easy "
                    "to read with a screen reader.",
                    "We ask organisations to put the text on the page as well. Do "
                    "you need a PDF in another form? E-mail us.",
                ),
                _problem(
                    "An automatic test does not find every problem. People who use "
                    "a screen reader have not yet tested the website.",
                    "We want people who use a screen reader or magnification to "
                    "test the website.",
                ),
            ],
            "body": [
                _heading("What is not part of this statement?"),
                _text(
                    "Staff make pages in a separate editing area (Wagtail). That "
                    "part is not for visitors. It is not part of this statement."
                ),
                _heading("Not happy with our answer?"),
                _text(
                    "You get no answer? Or you are not happy with the answer? Then "
                    "you can complain to the "
                    f'<a href="{OMBUDSMAN_URL}">Nationale ombudsman</a> (the Dutch '
                    "national ombudsman) or to the ombudsman of your municipality."
                ),
            ],
        },
    },
    PrivacyStatementPage: {
        "nl": {
            "title": "Privacyverklaring",
            "slug": "privacy",
            "summary": (
                "We vragen alleen de gegevens die we nodig hebben. We volgen je "
                "niet met cookies en we delen niets met reclamebedrijven. Ben je "
                "jonger dan 16? Dan moet je ouder of voogd toestemming geven voor "
                "een account. Op de pagina Mijn gegevens zie je wat we van je "
                "hebben. Daar kun je het ook downloaden en verwijderen."
            ),
            "rights": (
                "Je mag altijd zien welke gegevens we van je hebben. Je mag ze "
                "downloaden, laten verbeteren of laten verwijderen. Je mag ook "
                "bezwaar maken tegen wat we met je gegevens doen. We geven binnen "
                "een maand antwoord. Hebben we meer tijd nodig? Dan hoor je dat "
                "binnen die maand, met de reden. Het kan dan 2 maanden langer duren."
            ),
            "body": [
                _heading("Wie is verantwoordelijk?"),
                _text(
                    "Inspraak is verantwoordelijk voor je gegevens op deze website. "
                    "Gemeenten, jeugdzorgregio's en aanbieders van jeugdhulp "
                    "gebruiken Inspraak. Stuur je een advies, klacht of bezwaar naar "
                    "zo'n organisatie? Dan is die organisatie ook verantwoordelijk "
                    "voor wat zij met jouw bericht doet.",
                    "Een vraag over je gegevens? Mail naar "
                    f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.',
                ),
                _heading("Welke gegevens vragen we?"),
                _list(
                    "Je naam zoals anderen die zien. Dat mag ook een bijnaam zijn.",
                    "Je e-mailadres. Daarmee log je in en krijg je berichten van ons.",
                    "Je geboortedatum. Zo weten we of je 16 jaar of ouder bent.",
                    "Wat je schrijft: reacties, adviezen, klachten en berichten.",
                    "Ben je jonger dan 16? Dan ook het e-mailadres van je ouder of "
                    "voogd, en of en wanneer die toestemming gaf.",
                ),
                _heading("Jonger dan 16?"),
                _text(
                    "Ben je jonger dan 16? Dan mag je alleen een account hebben als "
                    "je ouder of voogd toestemming geeft. Dat staat in de wet (AVG "
                    "artikel 8 en UAVG artikel 5). We sturen je ouder of voogd "
                    "daarvoor een e-mail.",
                    "Meedoen aan een live sessie kan ook zonder account. Dan doe je "
                    "anoniem mee. Daarvoor hoeft niemand toestemming te geven.",
                ),
                _heading("Gegevens over je gezondheid"),
                _text(
                    "Vertel je over je ervaring met jeugdzorg? Of dat je hulp krijgt "
                    "of kreeg? Dat zijn gegevens over je gezondheid. De wet noemt dat "
                    "bijzondere persoonsgegevens (AVG artikel 9). Daar zijn we extra "
                    "voorzichtig mee. Alleen mensen die ze voor hun werk nodig "
                    "hebben, kunnen ze zien. Je bepaalt zelf wat je vertelt."
                ),
                _heading("Hoe lang bewaren we je gegevens?"),
                _list(
                    "Een klachtdossier bewaren we 5 jaar. Dat moet van de regels "
                    "voor het archief van gemeenten.",
                    "Al je andere gegevens bewaren we tot je je account verwijdert.",
                ),
                _heading("Cookies en andere partijen"),
                _text(
                    "We gebruiken geen cookies om je te volgen. We gebruiken alleen "
                    "cookies die de website nodig heeft. Bijvoorbeeld om ingelogd te "
                    "blijven en om formulieren veilig te versturen.",
                    "We laden geen plaatjes, lettertypen of scripts van andere "
                    "websites. We gebruiken geen Gravatar en geen diensten die "
                    "bijhouden wat je doet. We verkopen je gegevens niet.",
                ),
                _heading("Een klacht over je privacy?"),
                _text(
                    "Ben je het niet eens met wat we met je gegevens doen? Vertel het "
                    "ons eerst. Komen we er samen niet uit? Dan mag je een klacht "
                    "indienen bij de "
                    f'<a href="{AP_URL}">Autoriteit Persoonsgegevens</a>.'
                ),
            ],
        },
        "en": {
            "title": "Privacy statement",
            "summary": (
                "We only ask for the data we need. We do not track you with cookies "
                "and we share nothing with advertisers. Are you under 16? Then a "
                "parent or guardian must agree before you can have an account. On "
                "the page My data you see what we hold about you. There you can also "
                "download it and delete it."
            ),
            "rights": (
                "You may always see which data we hold about you. You may download "
                "it, have it corrected or have it deleted. You may also object to "
                "what we do with your data. We answer within one month. Do we need "
                "more time? Then we tell you within that month, with the reason. It "
                "can then take 2 months longer."
            ),
            "body": [
                _heading("Who is responsible?"),
                _text(
                    "Inspraak is responsible for your data on this website. "
                    "Municipalities, youth-care regions and youth-care providers use "
                    "Inspraak. Do you send advice, a complaint or an objection to "
                    "such an organisation? Then that organisation is also "
                    "responsible for what it does with your message.",
                    "A question about your data? E-mail "
                    f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.',
                ),
                _heading("What data do we ask for?"),
                _list(
                    "Your name as others see it. This may be a nickname.",
                    "Your e-mail address. You use it to sign in and we use it to "
                    "send you messages.",
                    "Your date of birth. So we know if you are 16 or older.",
                    "What you write: comments, advice, complaints and messages.",
                    "Are you under 16? Then also the e-mail address of your parent "
                    "or guardian, and whether and when they agreed.",
                ),
                _heading("Under 16?"),
                _text(
                    "Are you under 16? Then you may only have an account if your "
                    "parent or guardian agrees. The law says so (GDPR article 8 and "
                    "the Dutch implementation act UAVG, article 5). We send your "
                    "parent or guardian an e-mail to ask.",
                    "You can also take part in a live session without an account. "
                    "Then you take part anonymously. Nobody needs to agree to that.",
                ),
                _heading("Data about your health"),
                _text(
                    "Do you tell us about your experience with youth care? Or that "
                    "you get or got help? That is data about your health. The law "
                    "calls it special category data (GDPR article 9). We are extra "
                    "careful with it. Only people who need it for their work can see "
                    "it. You decide what you tell us."
                ),
                _heading("How long do we keep your data?"),
                _list(
                    "We keep a complaint file for 5 years. The archive rules for "
                    "Dutch municipalities require this.",
                    "We keep all your other data until you delete your account.",
                ),
                _heading("Cookies and other parties"),
                _text(
                    "We do not use cookies to track you. We only use cookies the "
                    "website needs. For example to keep you signed in and to send "
                    "forms safely.",
                    "We do not load images, fonts or scripts from other websites. We "
                    "do not use Gravatar or any service that tracks what you do. We "
                    "do not sell your data.",
                ),
                _heading("A complaint about your privacy?"),
                _text(
                    "Do you disagree with what we do with your data? Tell us first. "
                    "Can we not solve it together? Then you may complain to the "
                    f'<a href="{AP_URL}">Autoriteit Persoonsgegevens</a> (the Dutch '
                    "data protection authority)."
                ),
            ],
        },
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
        home = self._pages()
        # Demo content sends no mail (Wagtail mails superusers about the demo advice
        # that waits for adoption).
        with override_settings(MAILERS=DEMO_MAILERS):
            seed_councils(home)
            seed_cases()
            seed_experts()
            seed_consultations(home)
            seed_live_sessions()
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
            needs_mfa = {Role.CASE_HANDLER, Role.CONFIDENTIAL_ADVISER} & {
                role for _slug, role in memberships
            }
            if needs_mfa and not user.authenticator_set.filter(type="totp").exists():
                # Case handlers must use two-step verification; the demo gives them
                # a known secret (printed below) instead of a phone.
                TOTP.activate(user, DEMO_TOTP_SECRET)
            if email == UNDER_16 and not hasattr(user, "parental_consent"):
                today = timezone.localdate()
                user.date_of_birth = today.replace(year=today.year - 14, day=1)
                user.save(update_fields=["date_of_birth"])
                # As if the request went out: the demo sends no mail.
                consent = start_consent(user, "ouder@inspraak.test")
                consent.requested_at = timezone.now()
                consent.save(update_fields=["requested_at"])

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
        en_title, en_intro = PAGES["en"]["home"]
        home_en = self._translate(home, en, title=en_title, intro=en_intro)

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
            self._translate(
                page, en, parent=home_en, title=en_title, summary=en_summary
            )
            children[key] = page
        statements = {
            model: self._statement(model, home, home_en, nl, en) for model in STATEMENTS
        }

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

    def _statement(self, model, home, home_en, nl, en):
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
        self._translate(page, en, parent=home_en, **fields["en"])
        return page

    def _translate(self, page, locale, parent=None, **fields):
        """The translation of `page` in `locale`, made from `fields` when missing.

        Without a translated `parent`, the parents are copied too (the home page)."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translation = page.copy_for_translation(locale, copy_parents=parent is None)
        translation = translation.specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        return translation

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        )
        for email, _name, purpose, _memberships in ACCOUNTS:
            self.stdout.write(f"  {email:38} {purpose}")
        self.stdout.write(
            "  Case handlers and the confidential adviser use two-step verification: "
            f"add the secret {DEMO_TOTP_SECRET} to an authenticator app."
        )
        self.stdout.write("")
