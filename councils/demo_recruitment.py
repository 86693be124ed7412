"""Demo members and recruitment for `manage.py seed_demo`, after councils/demo.py:
terms on the youth council's memberships, a former member, an open vacancy and one application waiting.
Dates are relative to today. Idempotent: nothing is created twice."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.core.dates import anniversary
from inspraak.pages.translation import originals

from .models import Application, CouncilMember, CouncilPage, Vacancy
from .terms import add_months, term_end

VACANCY_TITLE = "Word lid van de jongerenraad"


def seed_recruitment() -> Vacancy | None:
    youth = originals(CouncilPage.objects.filter(slug="jongerenraad-voorstad")).first()
    if youth is None:
        return None
    today = timezone.localdate()
    users = {user.email: user for user in get_user_model().objects.all()}
    _terms(youth, today, users)
    vacancy, _created = Vacancy.objects.get_or_create(
        council=youth,
        title=VACANCY_TITLE,
        defaults={
            "looking_for": (
                "Jongeren van 14 tot 23 jaar die in Voorstad wonen, werken of naar "
                "school gaan. Je hoeft geen ervaring te hebben. Je vindt het leuk "
                "om mee te denken over jeugdhulp en wat jongeren in Voorstad nodig "
                "hebben."
            ),
            "min_age": 14,
            "max_age": 23,
            "area": "Voorstad",
            "asks": (
                "Je komt één keer per maand naar de vergadering, op woensdagavond "
                "in het stadhuis. Je leest de stukken vooraf en zegt wat jij ervan "
                "vindt. Je bent twee jaar lid."
            ),
            "offers": (
                "Je praat mee over echte besluiten van de gemeente. Je krijgt een "
                "vrijwilligersvergoeding per vergadering, eten en drinken, en een "
                "training in advies geven. Je krijgt een bewijs voor je cv."
            ),
            "allowance_per_meeting": Decimal("25.00"),
            "term_months": 24,
            "closes_on": today + timedelta(weeks=6),
            "created_by": users.get("voorzitter@jongerenraad.test"),
        },
    )
    Application.objects.get_or_create(
        vacancy=vacancy,
        email="yara.kandidaat@example.test",
        defaults={
            "first_name": "Yara",
            "last_name": "de Wit",
            "date_of_birth": anniversary(today, -17) - timedelta(days=40),
            "motivation": (
                "Ik zit zelf in de jeugdhulp en wil dat jongeren beter gehoord "
                "worden. Ik durf best wat te zeggen in een vergadering."
            ),
            "show_publicly": True,
            "submitted_at": timezone.now() - timedelta(days=3),
        },
    )
    return vacancy


def _terms(youth: CouncilPage, today, users) -> None:
    """Terms on the memberships councils/demo.py made (only where none is set),
    and a former member: Daan (17), whose term ended."""
    for member in CouncilMember.objects.filter(council=youth, ends_on__isnull=True):
        starts_on = member.starts_on or today - timedelta(days=400)
        # Far enough ahead that a demo database keeps its chair for a long while.
        months = 36 if member.role == CouncilMember.Role.CHAIR else 24
        ends_on = max(term_end(starts_on, months), add_months(today, 6))
        CouncilMember.objects.filter(pk=member.pk).update(
            starts_on=starts_on, ends_on=ends_on
        )
    former = users.get("jongere@inspraak.test")
    if former is not None:
        CouncilMember.objects.get_or_create(
            council=youth,
            user=former,
            defaults={
                "role": CouncilMember.Role.MEMBER,
                "starts_on": add_months(today, -30),
                "ends_on": add_months(today, -6),
            },
        )
