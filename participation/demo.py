"""Demo consultations for `manage.py seed_demo`: an index at /raadplegingen/ with an
open consultation (with contributions, support and a report; live sessions hang
off it), an upcoming one, one being processed and one with its "you said, we did"
published. Dates are relative to today so every phase keeps showing. Idempotent.

The open consultation's slug is stable: OPEN_SLUG (/raadplegingen/<OPEN_SLUG>/).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from inspraak.organisations.models import Organisation
from inspraak.pages.translation import originals

from .demo_themes import ONLINE_SAFETY_CONTRIBUTIONS
from .models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationQuestion,
    Contribution,
    ContributionReport,
    FeedbackItem,
    Support,
)

INDEX_SLUG = "raadplegingen"
OPEN_SLUG = "praat-mee-over-wachttijden"
UPCOMING_SLUG = "hulp-op-school"
PROCESSING_SLUG = "veilig-online"
FEEDBACK_SLUG = "sporten-en-vrije-tijd"
# Contributions demo people wrote signed in ((consultation, nickname): account), so
# that their start page lists the consultations they took part in.
SIGNED_IN = {
    (OPEN_SLUG, "Daan"): "jongere@inspraak.test",
    (FEEDBACK_SLUG, "Noor"): "raadslid@jongerenraad.test",
}


def _theme(slug: str, name: str):
    theme_model = ConsultationPage._meta.get_field("themes").related_model
    return theme_model.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def _text(*paragraphs: str) -> list:
    return [("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))]


def _consultation(index, slug, questions, themes, **fields) -> ConsultationPage:
    page = ConsultationPage.objects.child_of(index).filter(slug=slug).first()
    if page is not None:
        return page
    page = index.add_child(instance=ConsultationPage(slug=slug, **fields))
    for n, (text, help_text) in enumerate(questions):
        ConsultationQuestion.objects.create(
            page=page, text=text, help_text=help_text, sort_order=n
        )
    page.themes.set(themes)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def _contributions(page, rows):
    """rows: (nickname, question index or None, text, hours ago, supporters)."""
    if page.contributions.exists():
        return list(page.contributions.order_by("created_at"))
    questions = list(page.questions.all())
    now = timezone.now()
    accounts = {
        user.email: user
        for user in get_user_model().objects.filter(email__in=SIGNED_IN.values())
    }
    made = []
    for nickname, question, text, hours_ago, supporters in rows:
        contribution = Contribution.objects.create(
            consultation=page,
            question=questions[question] if question is not None else None,
            nickname=nickname,
            user=accounts.get(SIGNED_IN.get((page.slug, nickname), "")),
            text=text,
            participant_key=f"demo-{nickname.lower()}",
            created_at=now - timedelta(hours=hours_ago),
        )
        for n in range(supporters):
            Support.objects.create(
                contribution=contribution, participant_key=f"demo-supporter-{n}"
            )
        contribution.support_count = supporters
        contribution.save(update_fields=["support_count"])
        made.append(contribution)
    return made


def seed_consultations(home: Page) -> ConsultationIndexPage:
    now = timezone.now()
    today = timezone.localdate()
    index = originals(ConsultationIndexPage.objects.filter(slug=INDEX_SLUG)).first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title="Raadplegingen",
                slug=INDEX_SLUG,
                intro=(
                    "Gemeenten en jeugdhulp willen weten wat jij vindt. Geef je "
                    "mening, ook zonder account. En lees wat er met jouw mening "
                    "gebeurt."
                ),
            )
        )
        index.save_revision().publish()
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    noorddorp = Organisation.objects.get(slug="gemeente-noorddorp")
    region = Organisation.objects.get(slug="regio-midden-voorland")
    waiting = _theme("wachttijden", "Wachttijden")
    school = _theme("jeugdhulp-op-school", "Jeugdhulp op school")
    say = _theme("meepraten", "Meepraten")
    safety = _theme("veiligheid", "Veiligheid")

    open_page = _consultation(
        index,
        OPEN_SLUG,
        [
            (
                "Hoe lang heb jij gewacht op hulp?",
                "Bijvoorbeeld: een paar weken, of meer dan een half jaar.",
            ),
            ("Wat had jou geholpen tijdens het wachten?", ""),
        ],
        [waiting, say],
        title="Praat mee over wachten op jeugdhulp",
        organisation=voorstad,
        summary=(
            "Veel jongeren wachten lang op hulp. De gemeente Voorstad wil dat "
            "veranderen. Vertel ons hoe het wachten voor jou was. En wat had je "
            "geholpen? Je kunt ook meedoen aan een live sessie."
        ),
        audience="Jongeren in Voorstad en hun ouders",
        min_age=12,
        max_age=23,
        announced_on=today - timedelta(days=14),
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=21),
        # The live period follows the live session of participation/live/demo.py.
        feedback_due_on=today + timedelta(days=60),
        ends_on=today + timedelta(days=120),
        body=_text(
            "De gemeente leest alles wat je schrijft. Daarna vertellen we op deze "
            "pagina wat we ermee doen.",
            "Schrijf geen namen of adressen. Ook niet van anderen.",
        ),
    )
    made = _contributions(
        open_page,
        [
            ("Lisa", 0, "Ik wachtte 7 maanden. Niemand belde mij terug.", 90, 6),
            ("Daan", 1, "Een vast iemand die je kan appen als het slecht gaat.", 60, 9),
            ("Yara", None, "Maak een wachtkamer-groep met andere jongeren.", 30, 3),
            ("Sem", 0, "Bij mij ging het snel, binnen 3 weken.", 20, 0),
            ("Anoniem123", 1, "Dit is allemaal onzin, niemand luistert toch.", 2, 0),
        ],
    )
    if made and not ContributionReport.objects.filter(contribution=made[-1]).exists():
        ContributionReport.objects.create(
            contribution=made[-1],
            reason=ContributionReport.Reason.OTHER,
            note="Niet aardig",
            participant_key="demo-reporter",
        )

    _consultation(
        index,
        UPCOMING_SLUG,
        [("Wat moet een school doen als een leerling hulp nodig heeft?", "")],
        [school],
        title="Hulp op school: wat werkt voor jou?",
        organisation=region,
        summary=(
            "De regio wil hulp dichter bij school brengen. Binnenkort vragen we "
            "wat jij daarvan vindt."
        ),
        audience="Scholieren van 12 tot 18 jaar",
        min_age=12,
        max_age=18,
        announced_on=today - timedelta(days=2),
        opens_at=now + timedelta(days=10),
        closes_at=now + timedelta(days=40),
        feedback_due_on=today + timedelta(days=90),
    )

    processing = _consultation(
        index,
        PROCESSING_SLUG,
        [("Wanneer voel jij je niet veilig online?", "")],
        [safety],
        title="Veilig online",
        organisation=noorddorp,
        summary=(
            "We vroegen jongeren in Noorddorp wat online veiligheid voor hen "
            "betekent. We lezen nu alle antwoorden."
        ),
        min_age=12,
        max_age=27,
        announced_on=today - timedelta(days=60),
        opens_at=now - timedelta(days=50),
        closes_at=now - timedelta(days=8),
        feedback_due_on=today + timedelta(days=20),
    )
    _contributions(
        processing,
        [
            ("Mila", 0, "Als mensen foto's van mij delen zonder te vragen.", 500, 4),
            ("Jesse", 0, "In groepsapps waar ik niemand ken.", 400, 2),
            # Enough answers for the suggested themes to find something
            # (participation/themes); written in demo_themes.py.
            *(
                (nickname, 0, text, 200 + minutes * 990 // 70_000, support)
                for nickname, text, minutes, support in ONLINE_SAFETY_CONTRIBUTIONS
            ),
        ],
    )

    feedback = _consultation(
        index,
        FEEDBACK_SLUG,
        [("Wat heb jij nodig om te kunnen sporten?", "")],
        [say],
        title="Sporten en vrije tijd",
        organisation=voorstad,
        summary=(
            "Jongeren in de jeugdhulp sporten minder vaak. We vroegen wat er "
            "nodig is. Hier lees je wat we ermee deden."
        ),
        min_age=10,
        max_age=23,
        announced_on=today - timedelta(days=150),
        opens_at=now - timedelta(days=140),
        closes_at=now - timedelta(days=100),
        feedback_due_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=30),
    )
    cited = _contributions(
        feedback,
        [
            ("Noor", 0, "Een sportpas die niks kost.", 3000, 12),
            ("Ilias", 0, "Iemand die de eerste keer mee gaat.", 2900, 7),
            ("Fenna", None, "Sporten in de avond, niet alleen overdag.", 2800, 3),
        ],
    )
    if not feedback.feedback_items.exists():
        first = FeedbackItem.objects.create(
            consultation=feedback,
            theme=say,
            heading="Sporten mag geen geld kosten",
            what_we_heard="Veel van jullie zeiden dat sporten te duur is.",
            what_we_did=(
                "Vanaf januari krijgen jongeren in de jeugdhulp een gratis "
                "sportpas van de gemeente."
            ),
            sort_order=0,
        )
        first.contributions.set(cited[:1])
        second = FeedbackItem.objects.create(
            consultation=feedback,
            heading="Niet alleen de eerste keer",
            what_we_heard="Jullie vinden het eng om alleen naar een nieuwe club te gaan.",
            what_we_did=(
                "Sportcoaches gaan de eerste twee keer mee. Je vraagt dit aan via "
                "je jeugdhulpverlener."
            ),
            sort_order=1,
        )
        second.contributions.set(cited[1:2])
        ConsultationPage.objects.filter(pk=feedback.pk).update(
            feedback_published_at=now - timedelta(days=25)
        )
    _ensure_organisers()
    return index


def _ensure_organisers():
    """Policy officers and administrators reach the admin through their roles
    (inspraak.organisations.groups): bring memberships seeded before the overview
    existed, or before this wiring, in step."""
    from inspraak.organisations.groups import sync_role_groups

    from .admin_permissions.group import rename_earlier_group
    from .permissions import ORGANISER_ROLES

    rename_earlier_group()
    user_model = get_user_model()
    for user in user_model.objects.filter(
        memberships__role__in=ORGANISER_ROLES
    ).distinct():
        sync_role_groups(user)
