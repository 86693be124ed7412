"""Volume data for `manage.py seed_volume`: one ended live session of the sport
consultation with many questions, upvotes and polls, and sessions a person
moderated.

The session is started, its polls created, opened and closed, and the session
ended through the real services (`perform`); the questions, upvotes and votes in
between are bulk-created, and their events appended with `append_events` under the
session's row lock, so event numbers run 1..last_seq without gaps."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from inspraak.pages.translation import originals
from participation.models import ConsultationPage

from .models import LiveSession, Participant, Question, Upvote, Vote
from .services.actions import perform
from .services.events import append_events, open_session
from .services.questions import question_data
from .services.session import identify

BATCH = 1000
CONSULTATION = "sporten-en-vrije-tijd"
POLLS = [
    ("single", "Welke sport wil jij proberen?", ["Voetbal", "Zwemmen", "Dansen"]),
    ("multiple", "Wanneer sport je?", ["Ochtend", "Middag", "Avond"]),
    ("scale", "Hoe tevreden ben je over de sportpas?", []),
    ("words", "Eén woord over sport in Voorstad", []),
]
WORDS = ["samen", "duur", "leuk", "ver", "gezond"]


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    consultation = originals(ConsultationPage.objects.all()).get(slug=CONSULTATION)
    moderator = get_user_model().objects.get(email="moderator@voorstad.test")
    now = timezone.now()
    session = LiveSession.objects.create(
        consultation=consultation,
        title="Live gesprek over sport (volume)",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30, hours=-2),
        moderation=LiveSession.Moderation.POST,
    )
    sid = session.pk
    host, _token = identify(sid, "moderator", user=moderator)
    perform("session.start", sid, host.pk)
    people = Participant.objects.bulk_create(
        (
            Participant(session=session, nickname=f"Deelnemer {i}")
            for i in range(max(10, rows // 10))
        ),
        batch_size=BATCH,
    )
    questions, upvotes = _questions(session, people, rows)
    votes = _polls(sid, host, people)
    perform("session.end", sid, host.pk)
    _moderated(consultation, person, person_rows)
    return {
        "live questions": len(questions),
        "live upvotes": upvotes,
        "live votes": votes,
        "live events": LiveSession.objects.get(pk=sid).last_seq,
        "live sessions moderated by the person": person_rows,
    }


def _questions(session, people, rows) -> tuple[list[Question], int]:
    now = timezone.now()
    questions, upvotes = [], []
    for i in range(rows):
        asker = people[i % len(people)]
        voters = min(i % 5, len(people) - 1)
        answered = i % 4 == 0
        questions.append(
            Question(
                session=session,
                participant=asker,
                nickname=asker.nickname,
                text=f"Vraag {i} over sport in Voorstad?",
                status=Question.Status.PUBLISHED,
                published_at=now,
                upvotes=voters,
                answered=answered,
                answer=f"Antwoord op vraag {i}." if answered else "",
            )
        )
    questions = Question.objects.bulk_create(questions, batch_size=BATCH)
    # What the room saw when each question appeared (no upvotes, no answer yet),
    # then the answers.
    items = [
        (
            "question.published",
            {
                "question": {
                    **question_data(question),
                    "upvotes": 0,
                    "answered": False,
                    "answer": "",
                }
            },
        )
        for question in questions
    ]
    items += [
        ("question.answered", {"question_id": question.pk, "answer": question.answer})
        for question in questions
        if question.answered
    ]
    for i, question in enumerate(questions):
        for k in range(1, question.upvotes + 1):
            upvotes.append(
                Upvote(question=question, participant=people[(i + k) % len(people)])
            )
    Upvote.objects.bulk_create(upvotes, batch_size=BATCH)
    with transaction.atomic():
        append_events(open_session(session.pk, lock=True), items)
    return questions, len(upvotes)


def _polls(sid, host, people) -> int:
    count = 0
    for kind, text, options in POLLS:
        result = perform(
            "poll.create", sid, host.pk, kind=kind, question=text, options=options
        ).result
        poll_id = result["poll_id"]
        perform("poll.open", sid, host.pk, poll_id=poll_id)
        votes = Vote.objects.bulk_create(
            (_vote(poll_id, kind, person, i) for i, person in enumerate(people)),
            batch_size=BATCH,
        )
        count += len(votes)
        perform("poll.close", sid, host.pk, poll_id=poll_id)  # stores the results
    return count


def _vote(poll_id, kind, participant, i) -> Vote:
    vote = Vote(poll_id=poll_id, participant=participant)
    if kind == "single":
        vote.choices = [i % 3]
    elif kind == "multiple":
        vote.choices = sorted({i % 3, (i + 1) % 3})
    elif kind == "scale":
        vote.value = 1 + i % 5
    else:
        vote.words = WORDS[i % len(WORDS)]
    return vote


def _moderated(consultation, person, n) -> None:
    """Ended sessions the person moderated (a moderator's own participant row)."""
    if not n:
        return
    start = timezone.now() - timedelta(days=200)
    sessions = LiveSession.objects.bulk_create(
        (
            LiveSession(
                consultation=consultation,
                title=f"Spreekuur {i}",
                starts_at=start + timedelta(hours=i),
                ends_at=start + timedelta(hours=i, minutes=45),
                state=LiveSession.State.ENDED,
            )
            for i in range(n)
        ),
        batch_size=BATCH,
    )
    through = LiveSession.moderators.through
    through.objects.bulk_create(
        (through(livesession=s, user=person) for s in sessions), batch_size=BATCH
    )
    Participant.objects.bulk_create(
        (
            Participant(session=s, user=person, nickname=person.display_name[:20])
            for s in sessions
        ),
        batch_size=BATCH,
    )
