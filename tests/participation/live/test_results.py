"""A session's results once it is over: the summary on the consultation page, the
page with all questions and results, and the organiser's streamed CSV, each in a
fixed number of queries however many questions, polls and sessions there are."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from participation.live.models import LiveSession, Participant, Poll, Question, Vote
from participation.live.templatetags.live_tags import SESSIONS_PER_PAGE, TOP_QUESTIONS
from participation.live.views.results import PER_PAGE

pytestmark = pytest.mark.django_db


def ended(consultation, title="Afgelopen sessie", days_ago=1, **fields):
    fields.setdefault("starts_at", timezone.now() - timedelta(days=days_ago))
    return LiveSession.objects.create(
        consultation=consultation,
        title=title,
        state=LiveSession.State.ENDED,
        **fields,
    )


def questions(session, n, status=Question.Status.PUBLISHED, start=0):
    """`n` questions; question i has i upvotes (so the last is the most upvoted)."""
    asker = Participant.objects.create(session=session, nickname="Sam")
    return Question.objects.bulk_create(
        Question(
            session=session,
            participant=asker,
            nickname="Sam",
            text=f"Vraag {i}?",
            status=status,
            upvotes=i,
            answered=i % 2 == 0,
            answer=f"Antwoord {i}." if i % 2 == 0 else "",
        )
        for i in range(start, start + n)
    )


def polls(session, n):
    """`n` closed polls of every kind in turn, each with two votes."""
    kinds = [
        (Poll.Kind.SINGLE, ["Ja", "Nee"], [1, 1]),
        (Poll.Kind.SCALE, [], [0, 0, 1, 0, 1]),
        (Poll.Kind.WORDS, [], {"samen": 2}),
        (Poll.Kind.MULTIPLE, ["A", "B", "C"], [2, 1, 0]),
    ]
    voters = [
        Participant.objects.create(session=session, nickname=f"Kiezer {k}")
        for k in range(2)
    ]
    made = []
    for i in range(n):
        kind, options, results = kinds[i % len(kinds)]
        poll = Poll.objects.create(
            session=session,
            kind=kind,
            question=f"Peiling {i}",
            options=options,
            results=results,
            opened_at=timezone.now(),
            closed_at=timezone.now(),
        )
        Vote.objects.bulk_create(Vote(poll=poll, participant=v) for v in voters)
        made.append(poll)
    return made


def results_url(session, **query):
    url = reverse("live:results", args=[session.code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def render_section(consultation, rf, query=""):
    return render_to_string(
        "live/includes/consultation_live.html",
        {"page": consultation},
        request=rf.get("/" + query),
    )


# The results page ---------------------------------------------------------------


def test_results_page_lists_every_question_a_page_at_a_time(client, consultation):
    session = ended(consultation)
    questions(session, PER_PAGE + 5)
    questions(session, 3, status=Question.Status.HIDDEN, start=1000)
    first = client.get(results_url(session))
    assert first.status_code == 200
    shown = list(first.context["questions"])
    assert len(shown) == PER_PAGE
    assert [q.upvotes for q in shown] == sorted(
        (q.upvotes for q in shown), reverse=True
    )
    assert shown[0].text == f"Vraag {PER_PAGE + 4}?"  # the most upvoted first
    assert first.context["question_count"] == PER_PAGE + 5
    second = client.get(results_url(session, page=2))
    assert [q.text for q in second.context["questions"]] == [
        f"Vraag {i}?" for i in (4, 3, 2, 1, 0)
    ]
    text = second.content.decode()
    assert "Vraag 1000?" not in text  # hidden questions stay hidden
    assert "Antwoord 4." in text


def test_results_page_shows_the_tallies_of_the_opened_polls(client, consultation):
    session = ended(consultation)
    polls(session, 3)
    Poll.objects.create(session=session, kind=Poll.Kind.SCALE, question="Nooit geopend")
    response = client.get(results_url(session))
    text = response.content.decode()
    assert [poll["question"] for poll in response.context["polls"]] == [
        "Peiling 0",
        "Peiling 1",
        "Peiling 2",
    ]
    assert response.context["polls"][0]["total"] == 2
    assert "Nooit geopend" not in text
    assert "samen" in text


def test_results_page_of_a_session_without_questions(client, consultation):
    session = ended(consultation)
    response = client.get(results_url(session))
    assert response.status_code == 200
    assert response.context["question_count"] == 0
    text = response.content.decode()
    assert "No questions were asked" in text or "geen vragen gesteld" in text


@pytest.mark.parametrize("state", [LiveSession.State.SCHEDULED, LiveSession.State.LIVE])
def test_results_are_not_public_before_the_session_ends(
    client, live_session, moderator, state
):
    live_session.state = state
    live_session.save()
    questions(live_session, 2)
    assert client.get(results_url(live_session)).status_code == 404
    client.force_login(moderator)  # the moderators have the console and the CSV
    assert client.get(results_url(live_session)).status_code == 404


def test_results_are_not_public_when_the_consultation_is_not(client, consultation):
    session = ended(consultation)
    consultation.unpublish()
    assert client.get(results_url(session)).status_code == 404


def test_results_follow_the_view_restrictions_of_the_consultation(
    client, consultation, user_factory
):
    session = ended(consultation)
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(results_url(session)).status_code == 404
    client.force_login(user_factory())
    assert client.get(results_url(session)).status_code == 200


def test_an_unknown_code_and_a_lower_case_code(client, consultation):
    session = ended(consultation)
    assert client.get("/live/ZZZZZZ/resultaten/").status_code == 404
    response = client.get(f"/live/{session.code.lower()}/resultaten/")
    assert response.status_code == 302
    assert response["Location"] == results_url(session)


def test_results_page_queries_do_not_grow_with_questions_or_polls(
    client, consultation, django_assert_num_queries
):
    session = ended(consultation)
    questions(session, 3)
    polls(session, 1)
    client.get(results_url(session))
    with CaptureQueriesContext(connection) as few:
        client.get(results_url(session))
    questions(session, 30, start=3)
    polls(session, 4)
    with django_assert_num_queries(len(few)):
        response = client.get(results_url(session))
    assert len(response.context["questions"]) == 33
    assert len(response.context["polls"]) == 5


# On the consultation page ----------------------------------------------------------


def test_consultation_page_shows_the_top_questions_and_links_to_all(rf, consultation):
    session = ended(consultation)
    questions(session, TOP_QUESTIONS + 5)
    html = render_section(consultation, rf)
    assert f"Vraag {TOP_QUESTIONS + 4}?" in html  # the most upvoted
    assert "Vraag 4?" not in html  # below the top
    assert results_url(session) in html
    assert f"of {TOP_QUESTIONS + 5}" in html or f"van de {TOP_QUESTIONS + 5}" in html


def test_only_sessions_with_results_newest_first_a_page_at_a_time(rf, consultation):
    empty = ended(consultation, "Niemand vroeg iets", days_ago=0)
    with_poll = ended(consultation, "Alleen een peiling", days_ago=1)
    polls(with_poll, 1)
    sessions = [with_poll]
    for n in range(SESSIONS_PER_PAGE):
        session = ended(consultation, f"Sessie {n}", days_ago=2 + n)
        questions(session, 1)
        sessions.append(session)
    first = render_section(consultation, rf)
    assert empty.title not in first
    assert first.index(with_poll.title) < first.index("Sessie 0")
    assert f"Sessie {SESSIONS_PER_PAGE - 1}" not in first  # on the next page
    assert "sessions=2" in first
    second = render_section(consultation, rf, "?sort=support&sessions=2")
    assert f"Sessie {SESSIONS_PER_PAGE - 1}" in second
    assert "Sessie 0" not in second
    assert "sort=support&amp;sessions=1" in second  # other parameters kept


def test_consultation_page_live_queries_do_not_grow(
    rf, consultation, django_assert_num_queries
):
    def add(n_sessions, n_questions, n_polls):
        for s in range(n_sessions):
            session = ended(consultation, f"Sessie {s}", days_ago=s + 1)
            questions(session, n_questions)
            polls(session, n_polls)
        for s in range(n_sessions):
            LiveSession.objects.create(
                consultation=consultation,
                title=f"Komt nog {s}",
                starts_at=timezone.now() + timedelta(days=s + 1),
            )

    add(3, 3, 1)
    with CaptureQueriesContext(connection) as few:
        render_section(consultation, rf)
    add(30, 30, 4)
    with django_assert_num_queries(len(few)):
        html = render_section(consultation, rf)
    assert html.count("live-results-session") <= 5 + SESSIONS_PER_PAGE


# The organiser's CSV ----------------------------------------------------------------


def test_csv_is_streamed_with_every_question_and_the_poll_tallies(
    client, consultation, moderator, django_assert_max_num_queries
):
    session = ended(consultation)
    questions(session, 3)
    (poll,) = polls(session, 1)
    client.force_login(moderator)
    response = client.get(reverse("live:export", args=[session.code]))
    assert isinstance(response, StreamingHttpResponse)
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert len(rows) == 1 + 3 + len(poll.options)
    asked = rows[1:4]
    assert [row[1] for row in asked] == ["Vraag 2?", "Vraag 1?", "Vraag 0?"]
    assert [row[3] for row in asked] == ["2", "1", "0"]
    assert asked[0][5] == "Antwoord 2."
    assert [row[2:4] for row in rows[4:]] == [["Ja", "1"], ["Nee", "1"]]


def test_csv_queries_do_not_grow_with_questions(client, consultation, moderator):
    session = ended(consultation)
    questions(session, 3)
    polls(session, 1)
    client.force_login(moderator)
    url = reverse("live:export", args=[session.code])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(url).streaming_content)
        return len(captured)

    few = count()
    questions(session, 30, start=3)
    polls(session, 3)
    assert count() == few


# The live pages of a big session ----------------------------------------------------


def test_pages_of_a_session_list_a_bounded_number_of_questions(
    client, consultation, moderator
):
    from participation.live.views.context import QUESTIONS_SHOWN

    session = ended(consultation)
    questions(session, QUESTIONS_SHOWN + 5)
    questions(session, QUESTIONS_SHOWN + 2, status=Question.Status.PENDING, start=500)
    response = client.get(reverse("live:session", args=[session.code]))
    assert len(response.context["questions"]) == QUESTIONS_SHOWN
    assert response.context["question_count"] == QUESTIONS_SHOWN + 5
    assert results_url(session) in response.content.decode()
    client.force_login(moderator)
    console = client.get(reverse("live:moderator", args=[session.code]))
    assert len(console.context["questions"]) == QUESTIONS_SHOWN
    assert len(console.context["pending"]) == QUESTIONS_SHOWN
    text = console.content.decode()
    assert f'<span id="live-questions-count">{QUESTIONS_SHOWN + 5}</span>' in text
    assert f'<span id="live-pending-count">{QUESTIONS_SHOWN + 2}</span>' in text
    screen = client.get(reverse("live:projector", args=[session.code]))
    assert [q.upvotes for q in screen.context["questions"]] == [
        QUESTIONS_SHOWN + 4 - i for i in range(6)
    ]


@pytest.mark.parametrize("name", ["live:session", "live:moderator", "live:projector"])
def test_live_page_queries_do_not_grow_with_questions(
    client, consultation, moderator, django_assert_num_queries, name
):
    session = ended(consultation)
    questions(session, 3)
    questions(session, 3, status=Question.Status.PENDING, start=100)
    client.force_login(moderator)
    url = reverse(name, args=[session.code])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    questions(session, 30, start=3)
    questions(session, 30, status=Question.Status.PENDING, start=200)
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_a_session_that_ends_on_another_day_shows_both_dates(client, consultation):
    from datetime import datetime

    amsterdam = timezone.get_current_timezone()
    session = ended(
        consultation,
        starts_at=datetime(2026, 8, 12, 21, 10, tzinfo=amsterdam),
        ends_at=datetime(2026, 8, 13, 0, 30, tzinfo=amsterdam),
    )
    text = client.get(results_url(session)).content.decode()
    assert "12 augustus 2026, 21:10 – 13 augustus 2026, 00:30" in text


def test_a_session_within_one_day_shows_the_end_time_only(client, consultation):
    from datetime import datetime

    amsterdam = timezone.get_current_timezone()
    session = ended(
        consultation,
        starts_at=datetime(2026, 8, 12, 19, 0, tzinfo=amsterdam),
        ends_at=datetime(2026, 8, 12, 20, 30, tzinfo=amsterdam),
    )
    text = client.get(results_url(session)).content.decode()
    assert "12 augustus 2026, 19:00 – 20:30" in text
