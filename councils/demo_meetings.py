"""Demo meetings for `manage.py seed_demo`: Jongerenraad Voorstad has two meetings
ahead and one held, where it adopted the answered demo advice. Safe to run again:
a council that has meetings gets none."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.pages.translation import originals

from .meetings import local_moment, plan_meeting
from .models import AdvicePage, CouncilPage, Meeting

COUNCIL_SLUG = "jongerenraad-voorstad"
CHAIR_EMAIL = "voorzitter@jongerenraad.test"
ADOPTED_ADVICE_SLUG = "jongeren-praten-mee-over-inkoop"
TOWN_HALL = "Stadhuis Voorstad, zaal 2, Marktplein 1"


def _next_wednesday(day: datetime.date, weeks_on: int = 0) -> datetime.date:
    """The first Wednesday after `day` (the council meets on Wednesdays), and
    `weeks_on` weeks later."""
    days = (1 - day.weekday()) % 7 + 1
    return day + datetime.timedelta(days=days + 7 * weeks_on)


def seed_meetings() -> None:
    council = originals(CouncilPage.objects.filter(slug=COUNCIL_SLUG)).first()
    if council is None or Meeting.objects.filter(council=council).exists():
        return
    chair = get_user_model().objects.filter(email=CHAIR_EMAIL).first()
    today = timezone.localdate()
    evening = (datetime.time(19, 0), datetime.time(21, 0))

    def plan(day, title, agenda, **fields):
        return plan_meeting(
            council,
            chair,
            title=title,
            starts_at=local_moment(day, evening[0]),
            ends_at=local_moment(day, evening[1]),
            agenda=[{"title": t, "description": d, **extra} for t, d, extra in agenda],
            **fields,
        )

    advice = originals(AdvicePage.objects.filter(slug=ADOPTED_ADVICE_SLUG)).first()
    # Held on the day the advice was adopted.
    held_on = (advice and advice.adopted_on) or today - datetime.timedelta(weeks=13)
    held = plan(
        held_on,
        "Vergadering over inkoop",
        [
            ("Opening en mededelingen", "", {}),
            (
                "Advies: jongeren praten mee over inkoop",
                "We stellen het advies vast en sturen het naar de gemeente.",
                {"advice": advice},
            ),
            (
                "Een nieuw lid voor de raad",
                "Over een sollicitant: alleen voor leden.",
                {"members_only": True},
            ),
        ],
        place=TOWN_HALL,
        is_public=True,
    )
    if advice is not None and advice.adopted_at_meeting_id is None:
        # A plain column of the page: no new revision for the demo.
        AdvicePage.objects.filter(pk=advice.pk).update(adopted_at_meeting=held)
    plan(
        _next_wednesday(today),
        "Maandelijkse vergadering",
        [
            ("Opening en mededelingen", "", {}),
            (
                "Wachttijden in de jeugdhulp",
                "Wat horen jullie van vrienden en klasgenoten? We verzamelen "
                "ervaringen voor een nieuw advies.",
                {},
            ),
            (
                "Evaluatie van de voorzitter",
                "Alleen voor leden.",
                {"members_only": True},
            ),
        ],
        place=TOWN_HALL,
        online_link="https://meet.example.org/jongerenraad-voorstad",
        is_public=True,
    )
    plan(
        _next_wednesday(today, weeks_on=4),
        "Vergadering over veiligheid op school",
        [
            ("Opening en mededelingen", "", {}),
            (
                "Gast: de vertrouwenspersoon van het Stedelijk College",
                "Vragen stellen mag, ook als bezoeker.",
                {},
            ),
        ],
        online_link="https://meet.example.org/jongerenraad-voorstad",
        is_public=True,
    )
