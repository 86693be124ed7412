import pytest

from participation.live.models import LiveSession, Participant, Question

# Four themes a consultation about youth care could bring up, ten texts each.
CORPUS = {
    "wachten": [
        "Ik stond zeven maanden op de wachtlijst",
        "Het wachten duurde veel te lang, niemand belde terug",
        "Na maanden wachten kreeg ik pas een intake",
        "De wachtlijst is echt te lang voor jongeren",
        "Wachten op hulp is het ergste, maanden niks",
        "mn wachttijd was egt kapot lang",
        "Wij wachtten als ouders vier maanden op een intake",
        "Waarom duurt de wachtlijst zo lang",
        "Tijdens het wachten hoorde ik niks van ze",
        "Korter wachten op de eerste afspraak graag",
    ],
    "school": [
        "Mijn mentor op school wist niet wat hij moest doen",
        "Hulp op school in de pauze zou fijn zijn",
        "Op school snappen leraren niet wat jeugdhulp is",
        "Ik miste veel lessen op school door afspraken",
        "De school belde mijn ouders zonder te vragen",
        "Een vertrouwenspersoon op school die je kent",
        "scool moet meer helpen bij huiswerk als het slecht gaat",
        "Mijn zoon ging niet meer naar school, de leraar zag het niet",
        "School en hulpverlening moeten samenwerken",
        "Gesprekken op school na de les ipv onder schooltijd",
    ],
    "geld": [
        "De eigen bijdrage kost te veel geld",
        "Sporten is te duur voor ons gezin",
        "Geld voor de reiskosten naar therapie krijgen wij niet terug",
        "Betalen voor hulp kan niet iedereen",
        "De kosten van de hulp zijn voor ouders te hoog",
        "Ik heb geen geld voor een telefoonabonnement voor de chat",
        "Gratis hulp voor jongeren zonder geld",
        "We moesten zelf betalen voor de test, dat kost veel",
        "De rekening van de zorg was duur",
        "Geld is een probleem, de bijdrage moet omlaag",
    ],
    "chat": [
        "Een chat waar je s nachts terecht kan",
        "Online hulp via de app werkt beter voor mij",
        "Videobellen met mijn hulpverlener ging goed",
        "Chatten is makkelijker dan bellen",
        "Een app met een chat voor als het slecht gaat",
        "Online gesprekken zodat ik niet hoef te reizen",
        "chat met iemand op je telefoon 24 uur",
        "De chat reageerde pas na twee dagen",
        "Online hulp anoniem via chat, zonder naam",
        "Een appgroep met lotgenoten online",
    ],
}


@pytest.fixture
def themed_consultation(make_consultation, make_contribution):
    """A consultation with the CORPUS as contributions and two live questions."""
    page = make_consultation("past")
    for texts in CORPUS.values():
        for number, text in enumerate(texts):
            make_contribution(page, text=text, support_count=number)
    return page


@pytest.fixture
def live_questions(themed_consultation):
    session = LiveSession.objects.create(
        consultation=themed_consultation,
        title="Live",
        starts_at=themed_consultation.closes_at,
    )
    participant = Participant.objects.create(session=session, nickname="Kim")
    return [
        Question.objects.create(
            session=session,
            participant=participant,
            nickname="Kim",
            text=text,
            status=status,
            upvotes=upvotes,
        )
        for text, status, upvotes in [
            ("Hoe lang is de wachtlijst nu?", Question.Status.PUBLISHED, 8),
            ("Komt er een chat voor jongeren?", Question.Status.PUBLISHED, 3),
            ("Geheime vraag die niet gepubliceerd is", Question.Status.PENDING, 0),
        ]
    ]
