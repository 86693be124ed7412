"""Demo councils for `manage.py seed_demo`: a youth council of a municipality and a
client council of a provider, with advice in every state (draft, awaiting answer,
overdue, answered, answered late, with a follow-up) and open requests.

Dates are relative to today, so the demo keeps showing every state. Idempotent:
nothing is created twice."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from inspraak.organisations.models import Organisation

from .models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    AdviceTrackerPage,
    AnswerPoint,
    CouncilIndexPage,
    CouncilMember,
    CouncilPage,
    FollowUp,
    Theme,
)
from .page_permissions import sync_council_permissions
from .rules import answer_due_on
from .services.adoption import ensure_adoption_workflow

THEMES = [
    ("Wachttijden", "wachttijden"),
    ("Jeugdhulp op school", "jeugdhulp-op-school"),
    ("Meepraten", "meepraten"),
    ("Veiligheid", "veiligheid"),
]

PARAGRAPH = "paragraph"


def _body(*paragraphs: str) -> list:
    return [(PARAGRAPH, f"<p>{text}</p>") for text in paragraphs]


def seed_councils(home: Page) -> CouncilIndexPage:
    today = timezone.localdate()
    themes = {
        slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for name, slug in THEMES
    }
    index = CouncilIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CouncilIndexPage(
                title="Adviesraden",
                slug="adviesraden",
                intro=(
                    "Jongeren, ouders en cliënten geven gevraagd en ongevraagd advies. "
                    "Hier zie je wat ze adviseren en wat ermee gebeurt."
                ),
            )
        )
    if not AdviceTrackerPage.objects.child_of(index).exists():
        index.add_child(
            instance=AdviceTrackerPage(
                title="Adviezen volgen",
                slug="adviezen",
                intro="Alle adviezen, en of er op tijd antwoord kwam.",
            )
        )

    workflow = ensure_adoption_workflow(index)

    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    brug = Organisation.objects.get(slug="jeugdhulp-de-brug")
    users = {user.email: user for user in get_user_model().objects.all()}

    youth = _council(
        index,
        slug="jongerenraad-voorstad",
        title="Jongerenraad Voorstad",
        kind=CouncilPage.Kind.YOUTH,
        organisation=voorstad,
        summary=(
            "Jongeren van 14 tot 23 jaar die de gemeente Voorstad advies geven over "
            "jeugdhulp en alles wat jongeren raakt."
        ),
        meetings="<p>Elke tweede woensdag van de maand, 19.00 uur, in het stadhuis.</p>",
        members=[
            (users["voorzitter@jongerenraad.test"], CouncilMember.Role.CHAIR, True),
            (users["raadslid@jongerenraad.test"], CouncilMember.Role.MEMBER, False),
        ],
    )
    client = _council(
        index,
        slug="clientenraad-de-brug",
        title="Cliëntenraad Jeugdhulp De Brug",
        kind=CouncilPage.Kind.CLIENT,
        organisation=brug,
        summary=(
            "Jongeren en ouders die hulp krijgen van De Brug. De raad adviseert de "
            "directie (Wmcz 2018)."
        ),
        meetings="<p>Eens per zes weken, op de locatie aan de Havenstraat.</p>",
        members=[
            (users["clientenraad@debrug.test"], CouncilMember.Role.CHAIR, True),
        ],
    )
    if AdvicePage.objects.descendant_of(index).exists():
        return index  # advice was made by an earlier run

    weeks = youth.answer_period_weeks
    # Draft: not published yet.
    youth.add_child(
        instance=AdvicePage(
            title="Vervoer naar je hulpverlener",
            slug="vervoer-naar-hulpverlener",
            addressee=voorstad,
            summary="Concept: jongeren moeten zelf kunnen reizen naar hun hulp.",
            body=_body("Dit advies is nog een concept van de jongerenraad."),
            live=False,
        )
    ).save_revision()

    # Submitted by a member, waiting for the chair to adopt it.
    submitted = youth.add_child(
        instance=AdvicePage(
            title="Een jongerenwerker in elke wijk",
            slug="jongerenwerker-in-elke-wijk",
            addressee=voorstad,
            summary="Zorg dat jongeren in elke wijk een jongerenwerker kunnen spreken.",
            body=_body("De jongerenraad vraagt om een jongerenwerker in elke wijk."),
            live=False,
        )
    )
    submitted.save_revision(user=users["raadslid@jongerenraad.test"])
    workflow.start(submitted, users["raadslid@jongerenraad.test"])

    awaiting = _advice(
        youth,
        "Sneller hulp bij somberheid",
        "sneller-hulp-bij-somberheid",
        voorstad,
        [themes["wachttijden"]],
        "Jongeren wachten maanden op hulp. Zorg voor een gesprek binnen twee weken.",
        sent=today - timedelta(days=10),
        weeks=weeks,
    )
    overdue = _advice(
        youth,
        "Een vertrouwenspersoon op elke school",
        "vertrouwenspersoon-op-school",
        voorstad,
        [themes["jeugdhulp-op-school"], themes["veiligheid"]],
        "Elke school in Voorstad krijgt een vaste vertrouwenspersoon voor jongeren.",
        sent=today - timedelta(weeks=weeks + 3),
        weeks=weeks,
    )
    answered = _advice(
        youth,
        "Jongeren praten mee over inkoop",
        "jongeren-praten-mee-over-inkoop",
        voorstad,
        [themes["meepraten"]],
        "Laat jongeren meebeslissen als de gemeente jeugdhulp inkoopt.",
        sent=today - timedelta(weeks=12),
        weeks=weeks,
    )
    _answer(
        answered,
        AdviceAnswer.Verdict.ADOPTED,
        "We nemen het advies over. Bij de volgende inkoopronde zitten twee jongeren "
        "in het beoordelingspanel.",
        on=today - timedelta(weeks=9),
        by=users["beleid@voorstad.test"],
        points=[("Twee jongeren in het panel", AdviceAnswer.Verdict.ADOPTED, "")],
    )
    FollowUp.objects.create(
        advice=answered,
        text="Fijn! We willen graag meedenken over hoe we de jongeren voorbereiden.",
        written_on=today - timedelta(weeks=8),
        written_by=users["voorzitter@jongerenraad.test"],
    )
    late = _advice(
        youth,
        "Minder wisselingen van hulpverlener",
        "minder-wisselingen",
        voorstad,
        [themes["wachttijden"]],
        "Jongeren willen niet steeds een nieuwe hulpverlener. Maak daar afspraken over.",
        sent=today - timedelta(weeks=20),
        weeks=weeks,
    )
    _answer(
        late,
        AdviceAnswer.Verdict.PARTLY,
        "We maken afspraken met aanbieders, maar kunnen niet alles beloven.",
        on=today - timedelta(weeks=12),
        by=users["beleid@voorstad.test"],
        reasons="Aanbieders hebben een tekort aan personeel; dat lossen wij niet op.",
        points=[
            ("Afspraken met aanbieders", AdviceAnswer.Verdict.ADOPTED, ""),
            (
                "Hoogstens één wissel per jaar",
                AdviceAnswer.Verdict.NOT_ADOPTED,
                "Dat kunnen we niet garanderen bij het huidige personeelstekort.",
            ),
        ],
    )

    request = AdviceRequest.objects.create(
        council=client,
        organisation=brug,
        question="Hoe kunnen we ouders beter betrekken bij het hulpplan?",
        desired_on=today + timedelta(weeks=2),
        status=AdviceRequest.Status.ACCEPTED,
        requested_by=users["directie@debrug.test"],
        requested_on=today - timedelta(weeks=10),
        decided_on=today - timedelta(weeks=9),
    )
    requested = _advice(
        client,
        "Ouders aan tafel bij het hulpplan",
        "ouders-aan-tafel",
        brug,
        [themes["meepraten"]],
        "Nodig ouders uit voor elk gesprek over het hulpplan, tenzij de jongere dat niet "
        "wil.",
        sent=today - timedelta(weeks=8),
        weeks=client.answer_period_weeks,
        request=request,
    )
    _answer(
        requested,
        AdviceAnswer.Verdict.PARTLY,
        "We nodigen ouders uit, maar niet bij elk gesprek.",
        on=today - timedelta(weeks=4),
        by=users["directie@debrug.test"],
        reasons=(
            "Jongeren vanaf 16 beslissen zelf of hun ouders erbij zijn (Jeugdwet). "
            "Daarom vragen we het eerst aan de jongere."
        ),
        points=[],
    )
    AdviceRequest.objects.create(
        council=youth,
        organisation=voorstad,
        question="Wat vinden jongeren van het nieuwe jongerenloket?",
        desired_on=today + timedelta(weeks=6),
        requested_by=users["beleid@voorstad.test"],
    )
    del awaiting, overdue
    return index


def _council(index, *, slug, members, **fields) -> CouncilPage:
    council = CouncilPage.objects.child_of(index).filter(slug=slug).first()
    if council is None:
        council = index.add_child(instance=CouncilPage(slug=slug, **fields))
    for user, role, shown in members:
        CouncilMember.objects.get_or_create(
            council=council,
            user=user,
            defaults={
                "role": role,
                "show_publicly": shown,
                "starts_on": timezone.localdate() - timedelta(days=400),
            },
        )
    # Also for members made by an earlier run (get_or_create saves only new ones).
    sync_council_permissions(council)
    return council


def _advice(
    council, title, slug, addressee, themes, summary, *, sent, weeks, request=None
) -> AdvicePage:
    advice = council.add_child(
        instance=AdvicePage(
            title=title,
            slug=slug,
            kind=AdvicePage.Kind.REQUESTED if request else AdvicePage.Kind.UNSOLICITED,
            request=request,
            addressee=addressee,
            summary=summary,
            body=_body(
                summary,
                "De raad heeft dit advies besproken en vastgesteld in de vergadering.",
            ),
            adopted_on=sent - timedelta(days=2),
        )
    )
    advice.themes.set(themes)
    advice.save()
    AdviceDispatch.objects.update_or_create(
        advice=advice,
        defaults={"sent_on": sent, "answer_due_on": answer_due_on(sent, weeks)},
    )
    return advice


def _answer(advice, verdict, summary, *, on, by, points, reasons=""):
    answer = AdviceAnswer.objects.create(
        advice=advice,
        verdict=verdict,
        summary=summary,
        reasons=reasons,
        answered_on=on,
        answered_by=by,
    )
    for point, point_verdict, point_reasons in points:
        AnswerPoint.objects.create(
            answer=answer, point=point, verdict=point_verdict, reasons=point_reasons
        )
