"""Demo content for experience experts (called by seed_demo; safe to run again).

Four experts with different pay modes and ages, the region's procurement round with
bidding providers, Voorstad's open-house round, assignments in every state, and Sam
close to the 2025 yearly allowance limit (2025: the last year with known limits)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from allauth.account.models import EmailAddress

from inspraak.accounts.models import User
from inspraak.organisations.models import Organisation

from .models import (
    Application,
    Assignment,
    AssignmentOutcome,
    Booking,
    ConflictDeclaration,
    Criterion,
    DeclaredRelation,
    ExpertProfile,
    Invitation,
    ProcurementRound,
    Rating,
    Session,
    WorkLog,
)
from .models.common import PayMode

DEMO_PASSWORD = "inspraak-demo"
REGION_ROUND = "MV-2027-JH"
VOORSTAD_ROUND = "VS-2027-OH"

# e-mail, name, date of birth, pay mode, themes, kinds of work, findable, extra
EXPERTS = [
    (
        "ervaringsdeskundige@inspraak.test",
        "Sam (ervaringsdeskundige)",
        datetime.date(2001, 4, 12),
        PayMode.VOLUNTEER,
        ["residential_care", "mental_health"],
        ["procurement_panel", "policy_advice"],
        True,
        {},
    ),
    (
        "lina@inspraak.test",
        "Lina (19)",
        datetime.date(2007, 2, 3),
        PayMode.VOLUNTEER,
        ["foster_care"],
        ["policy_advice", "council_support"],
        True,
        {},
    ),
    (
        "fleur@inspraak.test",
        "Fleur (zzp)",
        datetime.date(1986, 9, 20),
        PayMode.FREELANCER,
        ["child_protection", "secure_care"],
        ["training", "recruitment_panel", "procurement_panel"],
        True,
        {
            "kvk_number": "81234567",
            "vat_liable": True,
            "vat_number": "NL004495445B01",
            "invoice_name": "Fleur de Vries Training",
            "invoice_address": "Kerkstraat 12\n1234 AB Voorstad",
        },
    ),
    (
        "ravi@inspraak.test",
        "Ravi",
        datetime.date(1990, 11, 5),
        PayMode.VOLUNTEER,
        ["mental_health", "addiction"],
        ["procurement_panel"],
        True,
        {},
    ),
]
DEMO_EXPERT_ACCOUNTS = [email for email, *_rest in EXPERTS]

PROVIDERS = [
    ("Zorggroep Horizon", "zorggroep-horizon"),
    ("Stichting Kompas Jeugd", "kompas-jeugd"),
]


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=name
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _session(assignment, day, start, end, place="Stadhuis Voorstad", online=False):
    return Session.objects.create(
        assignment=assignment,
        date=day,
        starts_at=datetime.time(*start),
        ends_at=datetime.time(*end),
        place="" if online else place,
        online=online,
    )


def _booking(assignment, user, status=Booking.Status.CONFIRMED, booked_by=None):
    profile = user.expert_profile
    return Booking.objects.create(
        assignment=assignment,
        expert=user,
        booked_by=booked_by,
        status=status,
        pay_mode=profile.pay_mode,
        fee_type=assignment.fee_type,
        fee_amount=assignment.fee_amount,
        confirmed_at=timezone.now() if status == Booking.Status.CONFIRMED else None,
    )


def _approved(booking, session, hours, paid_on, travel="0", approver=None):
    amount = (
        (Decimal(hours) * booking.fee_amount).quantize(Decimal("0.01"))
        if booking.is_hourly
        else booking.fee_amount
    )
    return WorkLog.objects.create(
        booking=booking,
        session=session,
        expert=booking.expert,
        hours=Decimal(hours),
        travel_costs=Decimal(travel),
        amount=amount,
        status=WorkLog.Status.APPROVED,
        decided_by=approver,
        decided_at=timezone.now(),
        paid_on=paid_on,
    )


def _apply(assignment, user, text, status=Application.Status.SUBMITTED):
    return Application.objects.create(
        assignment=assignment, expert=user, motivation=text, status=status
    )


@transaction.atomic
def seed_experts() -> None:
    experts = {}
    for email, name, born, pay_mode, themes, kinds, findable, extra in EXPERTS:
        user = _user(email, name)
        profile, created = ExpertProfile.objects.get_or_create(
            user=user,
            defaults={
                "date_of_birth": born,
                "pay_mode": pay_mode,
                "themes": themes,
                "work_kinds": kinds,
                "available_days": ["0", "1", "2", "3", "4"],
                "findable": findable,
                "consent_given_at": timezone.now(),
                "about": "Ik deel mijn ervaring zodat de jeugdzorg beter wordt.",
                "languages": "Nederlands, Engels",
                "training": "Basistraining ervaringsdeskundigheid (2023)",
                **extra,
            },
        )
        experts[email] = user
        if created:
            profile.regions.set(
                Organisation.objects.filter(
                    slug__in=("gemeente-voorstad", "regio-midden-voorland")
                )
            )
    if ProcurementRound.objects.filter(reference=REGION_ROUND).exists():
        return  # the rest was seeded before

    today = timezone.localdate()
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    region = Organisation.objects.get(slug="regio-midden-voorland")
    brug = Organisation.objects.get(slug="jeugdhulp-de-brug")
    providers = [brug]
    for name, slug in PROVIDERS:
        provider, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": Organisation.Kind.PROVIDER},
        )
        providers.append(provider)
    policy = User.objects.filter(email="beleid@voorstad.test").first()
    procurement = User.objects.filter(email="inkoop@midden-voorland.test").first()
    sam = experts["ervaringsdeskundige@inspraak.test"]
    lina = experts["lina@inspraak.test"]
    fleur = experts["fleur@inspraak.test"]
    ravi = experts["ravi@inspraak.test"]

    # The region's tender with three bidders; Voorstad's open house.
    region_round = ProcurementRound.objects.create(
        organisation=region,
        name="Inkoop jeugdhulp 2027",
        reference=REGION_ROUND,
        procedure=ProcurementRound.Procedure.TENDER,
        lots="Perceel 1: ambulante jeugdhulp\nPerceel 2: jeugdhulp met verblijf",
        published_on=today - datetime.timedelta(days=30),
        bids_due_on=today + datetime.timedelta(days=7),
        assessment_from=today + datetime.timedelta(days=30),
        assessment_until=today + datetime.timedelta(days=45),
        award_on=today + datetime.timedelta(days=60),
    )
    region_round.bidders.set(providers)
    region_round.save()  # a ParentalManyToManyField is written on save
    published = today - datetime.timedelta(days=30)
    criteria = [
        Criterion.objects.create(
            procurement_round=region_round,
            lot="Perceel 1",
            title="Jongeren en ouders praten mee over hun hulp",
            description="Hoe betrekt de aanbieder jongeren bij hun eigen plan?",
            published_on=published,
        ),
        Criterion.objects.create(
            procurement_round=region_round,
            lot="Perceel 2",
            title="Zo thuis mogelijk wonen",
            description="Hoe houdt de aanbieder groepen klein en huiselijk?",
            published_on=published,
        ),
    ]
    Criterion.objects.create(  # not published: cannot be attached
        procurement_round=region_round,
        title="Nog in overleg: prijsweging",
    )
    voorstad_round = ProcurementRound.objects.create(
        organisation=voorstad,
        name="Open house jeugd-GGZ 2027",
        reference=VOORSTAD_ROUND,
        procedure=ProcurementRound.Procedure.OPEN_HOUSE,
        lots="Jeugd-GGZ basis\nJeugd-GGZ specialistisch",
        published_on=today - datetime.timedelta(days=20),
    )
    voorstad_round.bidders.set(providers[:2])
    voorstad_round.save()
    Criterion.objects.create(
        procurement_round=voorstad_round,
        title="Wachttijd korter dan 6 weken",
        is_minimum_requirement=True,
        published_on=today - datetime.timedelta(days=20),
    )

    def assignment(organisation, title, state, **kw):
        defaults = {
            "description": kw.pop(
                "description",
                "Je denkt mee vanuit je eigen ervaring. We leggen alles vooraf uit.",
            ),
            "themes": kw.pop("themes", ["mental_health"]),
            "work_kinds": kw.pop("work_kinds", ["policy_advice"]),
            "fee_type": kw.pop("fee_type", Assignment.FeeType.HOURLY),
            "fee_amount": Decimal(kw.pop("fee", "5.50")),
            "application_deadline": kw.pop(
                "deadline", today + datetime.timedelta(days=14)
            ),
            "created_by": policy if organisation == voorstad else procurement,
        }
        defaults.update(kw)
        return Assignment.objects.create(
            organisation=organisation, title=title, state=state, **defaults
        )

    # Open: the region's assessment panel (tender), with applicants.
    panel = assignment(
        region,
        "Beoordelen inschrijvingen jeugdhulp 2027",
        Assignment.State.OPEN,
        procurement_round=region_round,
        themes=["residential_care", "mental_health"],
        work_kinds=["procurement_panel"],
        experts_needed=3,
        description=(
            "De regio koopt jeugdhulp in voor 2027. Je leest de plannen van de "
            "aanbieders en geeft punten op de criteria. Je tekent eerst een "
            "verklaring dat je geen band hebt met een aanbieder en dat je alles "
            "geheim houdt."
        ),
    )
    panel.criteria.set(criteria)
    _session(panel, today + datetime.timedelta(days=30), (9,), (12,), "Regiokantoor")
    _session(panel, today + datetime.timedelta(days=31), (9,), (12,), "Regiokantoor")
    _apply(
        panel,
        ravi,
        "Ik ken de jeugd-GGZ van binnenuit en lees graag mee.",
        Application.Status.BOOKED,
    )
    _booking(panel, ravi, Booking.Status.AWAITING, procurement)
    declaration = ConflictDeclaration.objects.create(
        procurement_round=region_round,
        expert=ravi,
        confidentiality=True,
        no_other_interests=True,
        signed_name="Ravi Demo",
        decision=ConflictDeclaration.Decision.PENDING,
    )
    DeclaredRelation.objects.create(
        declaration=declaration,
        provider=brug,
        kind=DeclaredRelation.Kind.FORMER,
        explanation="Tot 2022 kreeg ik hulp van De Brug.",
    )
    _apply(panel, fleur, "Ik zat eerder in beoordelingscommissies.")
    Invitation.objects.create(
        assignment=panel,
        expert=lina,
        invited_by=procurement,
        message="Jouw ervaring met pleegzorg helpt ons.",
    )

    # Open: Voorstad's open house (the browser journey posts another one).
    open_house = assignment(
        voorstad,
        "Toetsen aanbieders jeugd-GGZ (open house)",
        Assignment.State.OPEN,
        procurement_round=voorstad_round,
        work_kinds=["procurement_panel"],
        deadline=today + datetime.timedelta(days=10),
        description=(
            "In een open house rangschikken we aanbieders niet. Je kijkt mee of "
            "ze aan de minimumeisen voldoen."
        ),
    )
    _session(open_house, today + datetime.timedelta(days=21), (13,), (16,))

    # Draft and cancelled.
    draft = assignment(
        voorstad,
        "Training gespreksvaardigheden wijkteam",
        Assignment.State.DRAFT,
        work_kinds=["training"],
        fee_type=Assignment.FeeType.FIXED,
        fee="250.00",
    )
    _session(draft, today + datetime.timedelta(days=60), (13,), (17,))
    cancelled = assignment(
        voorstad,
        "Jongerenpanel zomerprogramma",
        Assignment.State.CANCELLED,
        themes=["foster_care"],
        deadline=today - datetime.timedelta(days=5),
    )
    _session(cancelled, today + datetime.timedelta(days=3), (15,), (17,))

    # Filled: Fleur (freelancer) on the region's recruitment panel.
    filled = assignment(
        region,
        "Sollicitatiecommissie teamleider jeugdteam",
        Assignment.State.FILLED,
        themes=["child_protection"],
        work_kinds=["recruitment_panel"],
        fee="65.00",
        deadline=today - datetime.timedelta(days=2),
    )
    _session(filled, today + datetime.timedelta(days=12), (9,), (13,), "Regiokantoor")
    _apply(filled, fleur, "Ik selecteer graag mee.", Application.Status.BOOKED)
    _booking(filled, fleur, booked_by=procurement)

    # In progress: Sam in Voorstad's advisory group; one session done (hours
    # waiting for approval), one tomorrow (reminder, calendar).
    advisory = assignment(
        voorstad,
        "Adviesgroep wachttijden jeugdhulp",
        Assignment.State.IN_PROGRESS,
        themes=["mental_health"],
        deadline=today - datetime.timedelta(days=30),
    )
    done = _session(advisory, today - datetime.timedelta(days=10), (19,), (21,))
    _session(advisory, today + datetime.timedelta(days=1), (19,), (21,), online=True)
    _apply(
        advisory, sam, "Ik wachtte zelf een jaar op hulp.", Application.Status.BOOKED
    )
    sam_advisory = _booking(advisory, sam, booked_by=policy)
    WorkLog.objects.create(
        booking=sam_advisory,
        session=done,
        expert=sam,
        hours=Decimal("2"),
        travel_costs=Decimal("4.60"),
        amount=Decimal("11.00"),
    )

    # Completed in 2025: Sam on the region's client panel, a fixed € 200 a month
    # (January–October) plus Voorstad in November: € 2,044 of the € 2,100 limit.
    completed = assignment(
        region,
        "Cliëntpanel jeugdhulpplan 2025",
        Assignment.State.COMPLETED,
        themes=["residential_care"],
        fee_type=Assignment.FeeType.FIXED,
        fee="200.00",
        deadline=datetime.date(2024, 12, 15),
    )
    sam_panel = _booking(completed, sam, booked_by=procurement)
    _apply(completed, sam, "Graag!", Application.Status.BOOKED)
    for month in range(1, 11):
        session = _session(
            completed, datetime.date(2025, month, 14), (13,), (17,), "Regiokantoor"
        )
        _approved(
            sam_panel,
            session,
            "4",
            datetime.date(2025, month, 28),
            approver=procurement,
        )
    AssignmentOutcome.objects.create(
        assignment=completed,
        text=(
            "Jullie advies over kleine woongroepen staat in het jeugdhulpplan. "
            "Aanbieders moeten laten zien hoe ze groepen klein houden."
        ),
        written_by=procurement,
    )
    Rating.objects.create(
        booking=sam_panel, expert=sam, stars=5, comment="Ik werd echt gehoord."
    )
    autumn = assignment(
        voorstad,
        "Meelezen beleidsplan jeugd 2026",
        Assignment.State.COMPLETED,
        deadline=datetime.date(2025, 10, 1),
    )
    autumn_session = _session(autumn, datetime.date(2025, 11, 6), (9,), (17,))
    sam_autumn = _booking(autumn, sam, booked_by=policy)
    _approved(
        sam_autumn,
        autumn_session,
        "8",
        datetime.date(2025, 11, 20),
        travel="9.80",
        approver=policy,
    )

    # Lina (under 21) and Fleur (invoice) on a completed Voorstad training.
    training = assignment(
        voorstad,
        "Training pleegouders: luisteren naar jongeren",
        Assignment.State.COMPLETED,
        themes=["foster_care"],
        work_kinds=["training"],
        fee="3.30",
        deadline=datetime.date(2025, 8, 1),
    )
    training_session = _session(training, datetime.date(2025, 9, 9), (10,), (13,))
    _approved(
        _booking(training, lina, booked_by=policy),
        training_session,
        "3",
        datetime.date(2025, 9, 20),
        approver=policy,
    )
    fleur_training = assignment(
        voorstad,
        "Training jeugdbescherming voor wijkteams",
        Assignment.State.COMPLETED,
        themes=["child_protection"],
        work_kinds=["training"],
        fee_type=Assignment.FeeType.FIXED,
        fee="450.00",
        deadline=datetime.date(2025, 8, 1),
    )
    fleur_session = _session(fleur_training, datetime.date(2025, 9, 16), (9,), (16,))
    _approved(
        _booking(fleur_training, fleur, booked_by=policy),
        fleur_session,
        "7",
        datetime.date(2025, 9, 30),
        travel="18.40",
        approver=policy,
    )
