"""Demo cases for `manage.py seed_demo`: objections and complaints for two
municipalities and a provider, in every state, one of them late. Dates are relative
to today so the states stay true. Idempotent: made once."""

import secrets
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.organisations.models import Organisation

from .models import Case, CaseEvent, CaseMessage
from .models.cases import next_reference


def seed_cases() -> None:
    if Case.objects.exists():
        return
    today = timezone.localdate()
    users = {user.email: user for user in get_user_model().objects.all()}
    daan = users["jongere@inspraak.test"]
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    noorddorp = Organisation.objects.get(slug="gemeente-noorddorp")
    brug = Organisation.objects.get(slug="jeugdhulp-de-brug")
    handler_voorstad = users["klachten@voorstad.test"]
    handler_noorddorp = users["klachten@noorddorp.test"]
    handler_brug = users["klachten@debrug.test"]

    def case(kind, organisation, days_ago, statuses, **fields):
        received = today - timedelta(days=days_ago)
        made = Case.objects.create(
            reference=next_reference(kind, received.year),
            kind=kind,
            organisation=organisation,
            received_on=received,
            access_nonce=secrets.token_urlsafe(16),
            status=statuses[-1],
            **fields,
        )
        for step, status in enumerate(statuses):
            CaseEvent.objects.create(
                case=made,
                status=status,
                at=timezone.make_aware(
                    datetime.combine(received + timedelta(days=2 * step), time(10))
                ),
            )
        return made

    S = Case.Status
    # Gemeente Voorstad
    objection = case(
        Case.Kind.OBJECTION,
        voorstad,
        12,
        [S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS],
        filed_by=daan,
        name="Daan Jansen",
        address="Lindelaan 4, Voorstad",
        decision_description="Besluit over mijn jeugdhulp: de hulp stopt.",
        decision_reference="JZ-2026-0411",
        decision_date=today - timedelta(days=30),
        decision_made_known_on=today - timedelta(days=28),
        grounds="Ik heb de hulp nog nodig. Niemand heeft met mij gepraat.",
        wish="Dat de hulp doorgaat tot de zomer.",
        acknowledged_on=today - timedelta(days=10),
        handler=handler_voorstad,
    )
    CaseMessage.objects.create(
        case=objection,
        author=handler_voorstad,
        from_handler=True,
        text="We hebben je bezwaar ontvangen. Wil je op een hoorzitting komen vertellen "
        "waarom de hulp nodig is?",
    )
    case(
        Case.Kind.OBJECTION,
        voorstad,
        3,
        [S.RECEIVED, S.REPAIR_REQUESTED],
        guest_email="ouder.bezwaar@example.test",
        guest_verified_at=timezone.now(),
        filed_as=Case.FiledAs.PARENT,
        name="M. de Boer",
        address="Kerkstraat 12, Voorstad",
        on_behalf_of="Lisa de Boer (13)",
        decision_description="Geen vergoeding voor vervoer naar de jeugdhulp.",
        decision_made_known_on=today - timedelta(days=20),
        missing_parts=["grounds"],
        repair_requested_on=today - timedelta(days=2),
        repair_due_on=today + timedelta(days=12),
    )
    case(
        Case.Kind.OBJECTION,
        voorstad,
        5,
        [S.RECEIVED],
        guest_email="laat.bezwaar@example.test",
        guest_verified_at=timezone.now(),
        name="R. Smit",
        address="Molenweg 3, Voorstad",
        decision_description="Afwijzing van een persoonsgebonden budget.",
        decision_made_known_on=today - timedelta(days=60),
        grounds="Ik kon eerder niet bezwaar maken omdat ik in het ziekenhuis lag.",
        is_late=True,
        late_reason="Ik lag drie weken in het ziekenhuis.",
    )
    case(
        Case.Kind.MUNICIPAL_COMPLAINT,
        voorstad,
        70,
        [S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS],
        filed_by=daan,
        name="Daan Jansen",
        conduct_description="Het jeugdteam belde drie keer niet terug.",
        conduct_date=today - timedelta(days=80),
        wish="Excuses en een vaste contactpersoon.",
        acknowledged_on=today - timedelta(days=68),
        handler=handler_voorstad,
    )  # late: 6 weeks have long passed
    case(
        Case.Kind.MUNICIPAL_COMPLAINT,
        voorstad,
        50,
        [S.RECEIVED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.DECIDED],
        guest_email="klacht.opgelost@example.test",
        guest_verified_at=timezone.now(),
        name="F. Yilmaz",
        conduct_description="Ik kreeg een brief in moeilijke taal zonder uitleg.",
        acknowledged_on=today - timedelta(days=48),
        decided_on=today - timedelta(days=15),
        outcome=Case.Outcome.WELL_FOUNDED,
        outcome_text="Je klacht is gegrond. We schrijven brieven voortaan op B1-niveau.",
        handler=handler_voorstad,
    )
    # Gemeente Noorddorp
    case(
        Case.Kind.MUNICIPAL_COMPLAINT,
        noorddorp,
        20,
        [S.RECEIVED, S.ACKNOWLEDGED, S.HEARING_PLANNED],
        guest_email="hoorzitting@example.test",
        guest_verified_at=timezone.now(),
        name="J. Bakker",
        conduct_description="De wijkcoach kwam twee keer niet opdagen.",
        acknowledged_on=today - timedelta(days=18),
        hearing_at=timezone.make_aware(
            datetime.combine(today + timedelta(days=12), time(14))
        ),
        hearing_place="Gemeentehuis Noorddorp, kamer 2",
        handler=handler_noorddorp,
    )
    case(
        Case.Kind.MUNICIPAL_COMPLAINT,
        noorddorp,
        30,
        [S.RECEIVED, S.DECLINED],
        guest_email="afgewezen@example.test",
        guest_verified_at=timezone.now(),
        name="P. Visser",
        conduct_description="Een gedraging van drie jaar geleden.",
        closing_reason="De gedraging is meer dan een jaar geleden (Awb 9:8). Je kunt "
        "naar de Nationale ombudsman.",
        closed_on=today - timedelta(days=25),
    )
    # Jeugdhulp De Brug
    case(
        Case.Kind.PROVIDER_COMPLAINT,
        brug,
        4,
        [S.RECEIVED, S.ACKNOWLEDGED],
        guest_email="jongere.brug@example.test",
        guest_verified_at=timezone.now(),
        name="Kim",
        conduct_description="Mijn begeleider vertelde mijn verhaal door aan school.",
        wish="Dat dit niet meer gebeurt.",
        acknowledged_on=today - timedelta(days=3),
        handler=handler_brug,
    )
    case(
        Case.Kind.PROVIDER_COMPLAINT,
        brug,
        90,
        [S.RECEIVED, S.ACKNOWLEDGED, S.DECIDED, S.CLOSED],
        guest_email="gesloten@example.test",
        guest_verified_at=timezone.now(),
        name="S. Peters",
        conduct_description="Lange wachttijd zonder bericht.",
        decided_on=today - timedelta(days=50),
        outcome=Case.Outcome.PARTLY,
        outcome_text="Deels gegrond: we sturen voortaan elke maand een bericht.",
        closed_on=today - timedelta(days=45),
        handler=handler_brug,
    )
    case(
        Case.Kind.PROVIDER_COMPLAINT,
        brug,
        15,
        [S.RECEIVED, S.WITHDRAWN],
        guest_email="ingetrokken@example.test",
        guest_verified_at=timezone.now(),
        name="T. Mulder",
        conduct_description="Het eten op de groep.",
        closing_reason="Ingetrokken: opgelost in een gesprek.",
        closed_on=today - timedelta(days=10),
    )
