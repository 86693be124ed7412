"""Demo live sessions for `make run`: one planned session that anyone can join with
the code PRAAT6, and one that took place, with its questions, answers and poll.

The ended session is played through the same services a real one uses, so its
results page shows what a real session leaves behind."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspraak.pages.translation import originals
from participation.models import ConsultationPage

from .models import LiveSession
from .period import sync_live_period
from .services.actions import perform
from .services.session import identify

PLANNED_CODE = "PRAAT6"
ENDED_CODE = "SPRT25"


def seed_live_sessions() -> None:
    """Idempotent: sessions are found by their fixed join codes."""
    moderator = get_user_model().objects.get(email="moderator@voorstad.test")
    now = timezone.now()

    waiting = originals(
        ConsultationPage.objects.filter(slug="praat-mee-over-wachttijden")
    ).first()
    if waiting and not LiveSession.objects.filter(code=PLANNED_CODE).exists():
        LiveSession.objects.create(
            consultation=waiting,
            title="Live vragenuur: wachten op jeugdhulp",
            starts_at=now + timedelta(days=7),
            ends_at=now + timedelta(days=7, hours=1),
            code=PLANNED_CODE,
        )

    sport = originals(
        ConsultationPage.objects.filter(slug="sporten-en-vrije-tijd")
    ).first()
    if sport and not LiveSession.objects.filter(code=ENDED_CODE).exists():
        session = LiveSession.objects.create(
            consultation=sport,
            title="Live gesprek met de wethouder over sport",
            starts_at=now - timedelta(days=110),
            ends_at=now - timedelta(days=110, hours=-1),
            code=ENDED_CODE,
        )
        _play(session, moderator)
        # Played now, the session ended now; in the story it took an hour.
        LiveSession.objects.filter(pk=session.pk).update(
            ends_at=session.starts_at + timedelta(hours=1)
        )
        sync_live_period(sport.pk)


def _play(session: LiveSession, moderator) -> None:
    sid = session.pk
    host, _token = identify(sid, "moderator", user=moderator)
    perform("session.start", sid, host.pk)
    people = [
        identify(sid, "participant", nickname=name)[0]
        for name in ("Sanne", "Ravi", "Lotte", "Daan", "Yara")
    ]
    asked = [
        (people[0], "Kan de sportpas ook voor zwemles?", "Ja, zwemles telt ook mee."),
        (people[1], "Wie betaalt de sportkleding?", ""),
        (people[2], "Mag mijn broertje ook mee naar de club?", ""),
    ]
    question_ids = []
    for person, text, answer in asked:
        result = perform("question.ask", sid, person.pk, text=text).result
        qid = result["question_id"]
        perform("question.approve", sid, host.pk, question_id=qid)
        if answer:
            perform("question.answer", sid, host.pk, question_id=qid, answer=answer)
        question_ids.append(qid)
    for person in people[1:]:
        perform("question.upvote", sid, person.pk, question_id=question_ids[0])
    for person in people[3:]:
        perform("question.upvote", sid, person.pk, question_id=question_ids[1])

    poll = perform(
        "poll.create",
        sid,
        host.pk,
        kind="single",
        question="Welke sport wil jij proberen?",
        options=["Voetbal", "Zwemmen", "Dansen", "Boksen"],
    ).result["poll_id"]
    perform("poll.open", sid, host.pk, poll_id=poll)
    for person, choice in zip(people, [1, 2, 1, 0, 3], strict=True):
        perform("poll.vote", sid, person.pk, poll_id=poll, choices=[choice])
    perform("session.end", sid, host.pk)
