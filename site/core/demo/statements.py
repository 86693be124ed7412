"""The demo's statement pages: one accessibility and one privacy statement per
language, as StreamField content."""

import datetime

from inspraak.pages.models import AccessibilityStatementPage, PrivacyStatementPage

CONTACT_EMAIL = "contact@inspraak.test"
AP_URL = "https://www.autoriteitpersoonsgegevens.nl/"
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
