"""The demo's yearly account for `manage.py seed_demo`: Jongerenraad Voorstad has a
published account of the current year (the demo's advice is dated relative to
today, so this year's account shows it). Idempotent: made once."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.pages.translation import originals

from .models.councils import CouncilPage
from .models.yearly import CouncilYearReportPage
from .yearly import report_for

CHAIR_WORD = (
    "<p>Dit jaar hebben we als jongerenraad veel gedaan. We gaven de gemeente advies "
    "over wachttijden, over hulp op school en over meepraten bij de inkoop van "
    "jeugdhulp.</p>"
    "<p>Niet elk antwoord kwam op tijd. Dat vinden we jammer, en we blijven erom "
    "vragen. Wat goed ging: bij de inkoop praten nu echt jongeren mee.</p>"
    "<p>Volgend jaar willen we meer jongeren uit alle wijken bereiken. Wil je "
    "meedoen? Kom langs op een vergadering.</p>"
)


def seed_year_report(home=None) -> CouncilYearReportPage | None:
    council = originals(
        CouncilPage.objects.filter(slug="jongerenraad-voorstad")
    ).first()
    if council is None:
        return None
    year = timezone.localdate().year
    existing = report_for(council, year)
    if existing is not None:
        return existing
    chair = (
        get_user_model().objects.filter(email="voorzitter@jongerenraad.test").first()
    )
    page = council.add_child(
        instance=CouncilYearReportPage(
            title=f"Jaarverslag {year}",
            slug=f"jaarverslag-{year}",
            year=year,
            intro=CHAIR_WORD,
            owner=chair,
        )
    )
    page.save_revision(user=chair).publish()
    return page
