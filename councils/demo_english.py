"""The English translations of the demo's council pages for `manage.py seed_demo`:
the overview, the tracker, both councils and the youth council's yearly account.
The advice stays in Dutch only, as a council's advice usually does: under /en/ it
is shown with a notice (inspraak.pages.translation). Idempotent."""

from django.utils import timezone

from inspraak.core.demo.translations import translate
from inspraak.pages.translation import originals

from .models import AdviceTrackerPage, CouncilIndexPage, CouncilPage
from .models.yearly import CouncilYearReportPage

COUNCILS = {
    "jongerenraad-voorstad": {
        "title": "Youth Council Voorstad",
        "summary": (
            "Young people from 14 to 23 who advise the municipality of Voorstad on "
            "youth care and on everything else that matters to young people."
        ),
        "meetings": (
            "<p>Every second Wednesday of the month, at 7 pm, in the town hall.</p>"
        ),
    },
    "clientenraad-de-brug": {
        "title": "Client Council of Youth Care De Brug",
        "summary": (
            "Young people and parents who get help from De Brug. The council "
            "advises the management (Wmcz 2018)."
        ),
        "meetings": "<p>Once every six weeks, at the location on the Havenstraat.</p>",
    },
}

CHAIR_WORD = (
    "<p>This year our youth council did a lot. We gave the municipality advice on "
    "waiting times, on help at school and on having a say when youth care is "
    "bought.</p>"
    "<p>Not every answer came on time. We think that is a pity, and we keep asking "
    "for it. What went well: young people now really have a say when youth care "
    "is bought.</p>"
    "<p>Next year we want to reach more young people from every part of town. Do "
    "you want to join? Come to one of our meetings.</p>"
)


def seed_english() -> None:
    index = originals(CouncilIndexPage.objects.all()).first()
    if index is None:
        return
    translate(
        index,
        title="Advisory councils",
        intro=(
            "Young people, parents and clients give advice, when they are asked "
            "and on their own. Here you see what they advise and what happens "
            "with it."
        ),
    )
    tracker = AdviceTrackerPage.objects.child_of(index).first()
    if tracker is not None:
        translate(
            tracker,
            title="Follow the advice",
            intro="All advice, and whether the answer came on time.",
        )
    for council in CouncilPage.objects.child_of(index):
        if council.slug in COUNCILS:
            translate(council, **COUNCILS[council.slug])
    year = timezone.localdate().year
    for report in CouncilYearReportPage.objects.live().filter(
        slug=f"jaarverslag-{year}", path__startswith=index.path
    ):
        translate(report, title=f"Yearly account {year}", intro=CHAIR_WORD)
