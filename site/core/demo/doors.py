"""The demo home page's doors (inspraak.pages.doors) and the help page one of them
leads to, in Dutch and English. Made after the apps' demo content, because the
doors lead to their pages (the consultations, the councils)."""

from wagtail.models import Locale, Page

from inspraak.pages.models import ContentPage, HomePage

HELP = {
    "nl": {
        "title": "Hulp en veiligheid",
        "summary": (
            "Voel je je niet veilig, thuis of ergens anders? Praat erover. Bel Veilig "
            "Thuis: 0800-2000. Dat is gratis en kan dag en nacht. Je hoeft je naam niet "
            "te zeggen. Is er direct gevaar? Bel dan 112."
        ),
        "body": (
            "<p>Heb je een klacht over je hulp, of ben je het niet eens met een "
            "besluit? Dat is iets anders dan gevaar. Daarvoor kun je een klacht of "
            "bezwaar indienen op deze website.</p>"
        ),
    },
    "en": {
        "title": "Help and safety",
        "summary": (
            "Do you not feel safe, at home or somewhere else? Talk about it. Call "
            "Veilig Thuis: 0800-2000. It is free and open day and night. You do not "
            "have to give your name. Is there danger right now? Call 112."
        ),
        "body": (
            "<p>Do you have a complaint about your care, or do you disagree with a "
            "decision? That is something else than danger. You can file a complaint "
            "or an objection on this website.</p>"
        ),
    },
}

# (title, text, page slug or None, route or "", facts, menu title) per language.
DOORS = {
    "nl": [
        (
            "Doe mee",
            "Geef je mening over plannen voor jeugdhulp: online, of live in een sessie.",
            "raadplegingen",
            "",
            "take_part",
            "Doe mee",
        ),
        (
            "Adviesraden",
            "Jongeren- en ouderraden geven advies. Lees wat ze vragen en wat ermee "
            "gebeurt.",
            "adviesraden",
            "",
            "",
            "Adviesraden",
        ),
        (
            "Ervaringsdeskundigen",
            "Werk je als ervaringsdeskundige? Vind opdrachten van gemeenten en geef "
            "je uren door.",
            None,
            "experience_experts:home",
            "",
            "Ervaringsdeskundigen",
        ),
        (
            "Ik heb een klacht of ben het ergens niet mee eens",
            "Een paar vragen brengen je naar de goede route: een klacht, een bezwaar "
            "of een klacht over je zorg.",
            None,
            "complaints:start",
            "",
            "Klacht of bezwaar",
        ),
        (
            "Hulp en veiligheid",
            "Voel je je niet veilig, of heb je nu hulp nodig? Hier lees je wie je "
            "kunt bellen.",
            "hulp",
            "",
            "",
            "Hulp",
        ),
    ],
    "en": [
        (
            "Take part",
            "Give your opinion on plans for youth care: online, or live in a session.",
            "raadplegingen",
            "",
            "take_part",
            "Take part",
        ),
        (
            "Advisory councils",
            "Youth and parent councils give advice. Read what they ask and what "
            "happens with it.",
            "adviesraden",
            "",
            "",
            "Councils",
        ),
        (
            "Experience experts",
            "Do you work as an experience expert? Find assignments of municipalities "
            "and report your hours.",
            None,
            "experience_experts:home",
            "",
            "Experience experts",
        ),
        (
            "I have a complaint or I disagree with something",
            "A few questions take you to the right route: a complaint, an objection "
            "or a complaint about your care.",
            None,
            "complaints:start",
            "",
            "Complaint or objection",
        ),
        (
            "Help and safety",
            "Do you not feel safe, or do you need help now? Read here whom you can "
            "call.",
            "hulp",
            "",
            "",
            "Help",
        ),
    ],
}


def seed_doors(home: HomePage) -> None:
    """The help page and the doors of the Dutch home page and its translation; an
    editor's own doors are left as they are."""
    en = Locale.objects.get(language_code="en")
    help_page = ContentPage.objects.child_of(home).filter(slug="hulp").first()
    if help_page is None:
        help_page = home.add_child(
            instance=ContentPage(
                title=HELP["nl"]["title"],
                slug="hulp",
                summary=HELP["nl"]["summary"],
                body=[("paragraph", HELP["nl"]["body"])],
            )
        )
        help_page.save_revision().publish()
    home_en = home.get_translation_or_none(en)
    if home_en is not None and help_page.get_translation_or_none(en) is None:
        translation = help_page.copy_for_translation(en).specific
        translation.title = HELP["en"]["title"]
        translation.summary = HELP["en"]["summary"]
        translation.body = [("paragraph", HELP["en"]["body"])]
        translation.save_revision().publish()
    for language, page in (("nl", home), ("en", home_en)):
        if page is None:
            continue
        # Read again: adding the help page changed the home pages' child counts,
        # which publishing a stale copy would write back.
        page = HomePage.objects.get(pk=page.pk)
        if page.doors:
            continue
        page.doors = [_door(home, door) for door in DOORS[language]]
        page.save_revision().publish()


def _door(home, door):
    title, text, slug, route, facts, menu_title = door
    target = Page.objects.child_of(home).filter(slug=slug).first() if slug else None
    return (
        "door",
        {
            "title": title,
            "text": text,
            "page": target,
            "route": route,
            "facts": facts,
            "menu_title": menu_title,
        },
    )
