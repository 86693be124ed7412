"""The pages around rankings, quiz questions and open questions: the organiser's quiz
mode setting, what the console and the projector offer, and the results page and
CSV after the session."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from participation.live.models import (
    LiveSession,
    OpenAnswer,
    Participant,
    Poll,
    RankedOption,
    Vote,
)

pytestmark = pytest.mark.django_db


def plan(client, consultation, **extra):
    return client.post(
        reverse("live:new"),
        {
            "consultation": consultation.pk,
            "title": "Quizavond",
            "starts_at": "2030-05-01T19:30",
            "moderation": "pre",
            **extra,
        },
    )


def test_the_organiser_switches_quiz_mode_on_when_planning(
    client, consultation, moderator
):
    client.force_login(moderator)
    form = client.get(reverse("live:new")).content.decode()
    assert 'name="quiz"' in form
    assert plan(client, consultation, quiz="on").status_code == 302
    assert LiveSession.objects.get(title="Quizavond").quiz is True


def test_quiz_mode_is_off_by_default(client, consultation, moderator):
    client.force_login(moderator)
    plan(client, consultation)
    assert LiveSession.objects.get(title="Quizavond").quiz is False


def test_quiz_mode_is_set_where_the_session_is_edited(admin_client, live_session):
    edit = f"/admin/live_sessions/edit/{live_session.pk}/"
    assert 'name="quiz"' in admin_client.get(edit).content.decode()
    moment = timezone.localtime(live_session.starts_at).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        edit,
        {
            "title": live_session.title,
            "consultation": live_session.consultation_id,
            "starts_at": moment,
            "ends_at": "",
            "state": live_session.state,
            "moderation": live_session.moderation,
            "quiz": "on",
        },
    )
    assert response.status_code == 302
    live_session.refresh_from_db()
    assert live_session.quiz is True


@pytest.mark.parametrize("quiz", [True, False])
def test_the_console_offers_quiz_questions_only_in_quiz_mode(
    client, live_session, moderator, quiz
):
    live_session.quiz = quiz
    live_session.save(update_fields=["quiz"])
    client.force_login(moderator)
    page = client.get(reverse("live:moderator", args=[live_session.code]))
    html = page.content.decode()
    assert 'value="ranking"' in html and 'value="text"' in html
    assert ('value="quiz"' in html) is quiz
    assert ('id="live-poll-time"' in html) is quiz
    assert 'id="live-quiz-section"' in html


def test_the_participant_page_and_projector_hold_the_leaderboard(
    client, live_session, moderator
):
    page = client.get(reverse("live:session", args=[live_session.code]))
    assert 'id="live-my-score"' in page.content.decode()
    client.force_login(moderator)
    screen = client.get(reverse("live:projector", args=[live_session.code]))
    html = screen.content.decode()
    assert 'id="live-leaderboard"' in html and 'id="live-my-score"' not in html


# After the session ------------------------------------------------------------------


def ended_session(consultation, **fields):
    return LiveSession.objects.create(
        consultation=consultation,
        title="Afgelopen",
        starts_at=timezone.now() - timedelta(days=1),
        state=LiveSession.State.ENDED,
        **fields,
    )


def closed_poll(session, kind, question, options=(), results=None, **fields):
    return Poll.objects.create(
        session=session,
        kind=kind,
        question=question,
        options=list(options),
        results=results if results is not None else [],
        opened_at=timezone.now(),
        closed_at=timezone.now(),
        **fields,
    )


def ranking_with_votes(session, orders):
    poll = closed_poll(
        session,
        Poll.Kind.RANKING,
        "Wat eerst?",
        ["Wachttijd", "Uitleg", "Bereikbaarheid"],
    )
    for n, order in enumerate(orders):
        voter = Participant.objects.create(session=session, nickname=f"R{n}")
        vote = Vote.objects.create(poll=poll, participant=voter, choices=order)
        RankedOption.objects.bulk_create(
            RankedOption(vote=vote, poll=poll, option=option, position=place)
            for place, option in enumerate(order, start=1)
        )
    from participation.live.services.ranking import average_ranks

    poll.results = average_ranks(poll)
    poll.save(update_fields=["results"])
    return poll


def open_question(session, texts, question="Wat mis je?"):
    poll = closed_poll(session, Poll.Kind.TEXT, question)
    asker = Participant.objects.create(session=session, nickname="Sam")
    now = timezone.now()
    OpenAnswer.objects.bulk_create(
        OpenAnswer(
            session=session,
            poll=poll,
            participant=asker,
            nickname="Sam",
            text=text,
            status=status,
            published_at=now + timedelta(seconds=n) if status == "published" else None,
        )
        for n, (text, status) in enumerate(texts)
    )
    return poll


def test_the_results_page_shows_average_ranks_quiz_answers_and_open_answers(
    client, consultation
):
    session = ended_session(consultation, quiz=True)
    ranking_with_votes(session, [[1, 0, 2], [1, 2, 0]])
    closed_poll(
        session,
        Poll.Kind.QUIZ,
        "Hoeveel weken?",
        ["4", "8"],
        results=[1, 3],
        correct=1,
        time_limit=30,
    )
    open_question(session, [("Tijd", "published"), ("Geheim", "pending")])
    response = client.get(reverse("live:results", args=[session.code]))
    html = response.content.decode()
    ranking, quiz, text = response.context["polls"]
    assert [row["label"] for row in ranking["rows"]] == [
        "Uitleg",
        "Wachttijd",
        "Bereikbaarheid",
    ]
    assert ranking["total"] == 2
    assert [row["correct"] for row in quiz["rows"]] == [False, True]
    assert (text["answers"], text["total"]) == (["Tijd"], 1)
    assert "live-result--correct" in html
    assert "Tijd" in html and "Geheim" not in html


def test_the_results_page_shows_the_newest_answers_in_a_fixed_number_of_queries(
    client, consultation, django_assert_num_queries
):
    session = ended_session(consultation)
    open_question(session, [("Eerste", "published")])
    url = reverse("live:results", args=[session.code])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    open_question(session, [(f"Antwoord {n}", "published") for n in range(25)])
    open_question(session, [("Nog een", "published")], question="Nog een vraag?")
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    first, second, third = response.context["polls"]
    assert len(second["answers"]) == 20 and second["total"] == 25
    assert second["answers"][0] == "Antwoord 24"  # the newest first
    assert third["answers"] == ["Nog een"]


def test_the_csv_has_average_ranks_and_every_published_answer(
    client, consultation, moderator
):
    session = ended_session(consultation)
    ranking_with_votes(session, [[0, 1, 2]])
    open_question(session, [("Tijd", "published"), ("Geheim", "hidden")])
    client.force_login(moderator)
    response = client.get(reverse("live:export", args=[session.code]))
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert [row[1:4] for row in rows[1:4]] == [
        ["Wat eerst?", "Wachttijd", "1.0"],
        ["Wat eerst?", "Uitleg", "2.0"],
        ["Wat eerst?", "Bereikbaarheid", "3.0"],
    ]
    answers = rows[4:]
    assert [(row[1], row[2], row[5]) for row in answers] == [
        ("Wat mis je?", "Sam", "Tijd")
    ]
