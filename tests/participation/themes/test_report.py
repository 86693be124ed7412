"""The consultation report (issue 18): its figures, who sees it when, the PDF and
the organisers' CSV, and a fixed number of queries whatever the input."""

import csv
from datetime import date, timedelta
from io import BytesIO, StringIO

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from pypdf import PdfReader

from inspraak.core.dates import age_on, anniversary
from participation.live.models import (
    LiveSession,
    Participant,
    Poll,
    Question,
    Vote,
)
from participation.models import ConsultationPage, FeedbackItem, Support
from participation.themes.models import SuggestedTheme, ThemeInput
from participation.themes.pdf import render_report_pdf
from participation.themes.report import born_by, consultation_report
from tests.participation.conftest import said

pytestmark = pytest.mark.django_db

SECRET_NICKNAME = "Geheimnaam"


def url(name: str, page) -> str:
    return reverse(f"participation:themes:{name}", args=[page.pk])


def publish(page) -> ConsultationPage:
    ConsultationPage.objects.filter(pk=page.pk).update(
        feedback_published_at=timezone.now()
    )
    return ConsultationPage.objects.get(pk=page.pk)


def aged(years: int, on: date, days: int = 10) -> date:
    """A date of birth of someone `years` old on `on` (their birthday `days` ago)."""
    return anniversary(on, -years) - timedelta(days=days)


@pytest.fixture
def world(make_consultation, make_contribution, user_factory, moderator):
    """A closed consultation: five visible contributions and a hidden one, support
    by accounts and browsers, an ended live session with a closed poll, an accepted
    and a suggested theme, and two "you said, we did" items."""
    page = make_consultation("past")
    closed_on = timezone.localdate(page.closes_at)
    ana = user_factory(date_of_birth=aged(14, closed_on))
    bo = user_factory(date_of_birth=aged(20, closed_on))
    cem = user_factory()  # no date of birth
    question = page.questions.first()

    def contribution(text, nickname, **fields):
        return make_contribution(
            page, text=text, nickname=f"{SECRET_NICKNAME} {nickname}", **fields
        )

    chat = contribution(
        "Een chat voor 's nachts",
        "Ana",
        user=ana,
        participant_key="k-ana",
        question=question,
        support_count=2,
    )
    waiting = contribution(
        "Korter wachten op de intake", "Anoniem", participant_key="k-1", support_count=1
    )
    # Ana's browser before she signed in: the same person.
    before = contribution("Wachten duurt maanden", "Ana2", participant_key="k-ana")
    cem_text = contribution("Bellen werkt niet", "Cem", user=cem)
    hidden = contribution(
        "Verborgen tekst",
        "Verborgen",
        participant_key="k-hidden",
        support_count=1,
        hidden_at=timezone.now(),
    )
    Support.objects.create(contribution=chat, participant_key="k-s1")
    Support.objects.create(contribution=chat, user=bo)
    Support.objects.create(contribution=waiting, user=ana, participant_key="k-ana")
    Support.objects.create(contribution=hidden, participant_key="k-s2")

    session = LiveSession.objects.create(
        consultation=page,
        title="Avondsessie",
        starts_at=page.closes_at - timedelta(days=1),
        state=LiveSession.State.ENDED,
    )
    LiveSession.objects.create(
        consultation=page, title="Later", starts_at=page.closes_at
    )  # scheduled: no results yet
    people = [
        Participant.objects.create(session=session, nickname=f"P{n}") for n in range(3)
    ]
    Participant.objects.create(session=session, nickname="Mo", user=moderator)
    live_question = Question.objects.create(
        session=session,
        participant=people[0],
        nickname=SECRET_NICKNAME,
        text="Hoe lang is de wachtlijst?",
        status=Question.Status.PUBLISHED,
    )
    Question.objects.create(
        session=session, participant=people[1], nickname="P1", text="Nog een vraag?"
    )  # pending
    poll = Poll.objects.create(
        session=session,
        kind=Poll.Kind.SINGLE,
        question="Is wachten het grootste probleem?",
        options=["Ja", "Nee"],
        results=[2, 1],
        opened_at=timezone.now(),
        closed_at=timezone.now(),
    )
    for person, choice in zip(people, [0, 0, 1], strict=True):
        Vote.objects.create(poll=poll, participant=person, choices=[choice])
    Poll.objects.create(session=session, kind=Poll.Kind.SCALE, question="Nooit open")

    item = FeedbackItem.objects.create(
        consultation=page,
        heading="Korter wachten",
        what_we_heard="Jullie wachten te lang.",
        sort_order=0,
    )
    item.contributions.set([chat, waiting, hidden])
    live_question.feedback_items.add(item)
    done = FeedbackItem.objects.create(
        consultation=page,
        heading="Hulp via de chat",
        what_we_heard="Jullie willen chatten.",
        what_we_did="De chat is nu ook 's avonds open.",
        sort_order=1,
    )
    theme = SuggestedTheme.objects.create(
        consultation=page,
        name="Wachten op hulp",
        status=SuggestedTheme.Status.ACCEPTED,
        feedback_item=item,
    )
    for source, score in [
        (waiting, 0.9),
        (chat, 0.7),
        (before, 0.5),
        (cem_text, 0.1),
        (hidden, 0.99),
    ]:
        ThemeInput.objects.create(theme=theme, contribution=source, score=score)
    ThemeInput.objects.create(theme=theme, live_question=live_question, score=0.8)
    SuggestedTheme.objects.create(consultation=page, name="Geld en kosten")
    return {
        "page": page,
        "theme": theme,
        "item": item,
        "done": done,
        "closed_on": closed_on,
        "hidden": hidden,
    }


# Figures ---------------------------------------------------------------------------


def test_participation_counts_visible_contributions_and_distinct_people(world):
    figures = consultation_report(world["page"]).participation

    assert figures.contributions == 4
    assert figures.supports == 3  # support_count of the visible ones
    # Accounts Ana, Bo and Cem; browsers k-1 and k-s1 (k-ana is Ana's).
    assert (figures.people, figures.accounts) == (5, 3)


def test_ages_are_banded_for_accounts_that_gave_a_date_of_birth(world):
    report = consultation_report(world["page"])

    assert report.ages_on == world["closed_on"]
    assert {band.key: band.count for band in report.ages} == {
        "12_15": 1,
        "16_17": 0,
        "18_23": 1,
        "24_plus": 0,
        "not_given": 3,
    }


def test_without_any_date_of_birth_the_report_has_no_ages(
    make_consultation, make_contribution, client
):
    page = publish(make_consultation("past"))
    make_contribution(page, participant_key="k-1")

    assert consultation_report(page).ages is None
    response = client.get(url("report", page))
    assert 'id="no-ages"' in response.content.decode()


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 6, 15),
        date(2024, 2, 29),  # a leap day: 28 February in common years
        date(2025, 3, 1),
        date(2025, 2, 28),
    ],
)
@pytest.mark.parametrize("age", [12, 16, 18, 24])
def test_born_by_agrees_with_age_on(day, age):
    edge = born_by(day, age)
    for offset in range(-3, 4):
        born = edge + timedelta(days=offset)
        assert (born <= edge) == (age_on(born, day) >= age), born


def test_live_sessions_show_attendance_published_questions_and_closed_polls(world):
    (figures,) = consultation_report(world["page"]).sessions

    assert (figures.session.title, figures.participants, figures.questions) == (
        "Avondsessie",
        3,
        1,
    )
    (poll,) = figures.polls
    assert poll["total"] == 3
    assert [(row["label"], row["count"]) for row in poll["rows"]] == [
        ("Ja", 2),
        ("Nee", 1),
    ]


def test_accepted_themes_have_their_input_and_three_best_visible_quotes(world):
    (summary,) = consultation_report(world["page"]).themes

    assert summary.theme.name == "Wachten op hulp"
    assert summary.inputs == 5  # four visible contributions and a live question
    assert summary.quotes == [
        "Korter wachten op de intake",
        "Een chat voor 's nachts",
        "Wachten duurt maanden",
    ]


def test_items_have_a_status_and_count_what_they_cite(world):
    items = consultation_report(world["page"]).items

    assert [
        (s.item.title, s.status, s.contributions, s.live_questions) for s in items
    ] == [
        ("Korter wachten", "to_write", 2, 1),
        ("Hulp via de chat", "draft", 0, 0),
    ]
    published = consultation_report(publish(world["page"])).items
    assert {s.status for s in published} == {"published"}


# Who sees it -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "report_pdf"])
def test_before_publication_only_organisers_see_a_preview(
    world, name, client, user_factory, moderator, policy_officer
):
    page = world["page"]
    assert client.get(url(name, page)).status_code == 404
    for person in (user_factory(), moderator):  # a moderator publishes nothing
        client.force_login(person)
        assert client.get(url(name, page)).status_code == 404

    client.force_login(policy_officer)
    response = client.get(url(name, page))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_the_preview_says_it_is_not_public(world, client, policy_officer):
    client.force_login(policy_officer)
    response = client.get(url("report", world["page"]))

    assert 'id="report-preview"' in response.content.decode()
    assert said(response, "Preview, not yet public.", "Voorbeeld")


def test_once_published_the_report_is_public_without_the_csv_link(world, client):
    page = publish(world["page"])
    response = client.get(url("report", page))

    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="report-preview"' not in text
    assert url("report_pdf", page) in text
    assert url("contributions_csv", page) not in text


def test_organisers_get_the_csv_link(world, client, policy_officer):
    page = publish(world["page"])
    client.force_login(policy_officer)

    assert url("contributions_csv", page) in client.get(url("report", page)).text


def test_the_report_shows_themes_quotes_and_items_but_no_names(world, client):
    page = publish(world["page"])
    text = client.get(url("report", page)).content.decode()

    for shown in ("Wachten op hulp", "Korter wachten op de intake", "Hulp via de chat"):
        assert shown in text
    assert "Geld en kosten" not in text  # only suggested
    assert "Verborgen tekst" not in text
    assert SECRET_NICKNAME not in text


def test_without_accepted_themes_the_report_says_so(
    make_consultation, client, policy_officer
):
    page = make_consultation("past")
    client.force_login(policy_officer)
    response = client.get(url("report", page))

    assert 'id="no-themes"' in response.content.decode()
    assert said(response, "No themes accepted yet.", "Nog geen thema's aangenomen")


@pytest.mark.parametrize("name", ["report", "report_pdf"])
def test_an_unpublished_page_has_no_report(world, name, client, policy_officer):
    page = publish(world["page"])
    page.unpublish()

    assert client.get(url(name, page)).status_code == 404
    client.force_login(policy_officer)
    assert client.get(url(name, page)).status_code == 404


def test_a_page_behind_a_password_keeps_its_report_behind_it(world, client):
    page = publish(world["page"])
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert client.get(url("report", page)).status_code == 404


def test_the_consultation_page_links_to_the_report_once_published(world, client):
    page = publish(world["page"])
    text = client.get(page.url).content.decode()

    assert url("report", page) in text
    assert url("report_pdf", page) in text


# PDF -------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def test_the_pdf_holds_the_theme_and_a_quote(world, client):
    page = publish(world["page"])
    response = client.get(url("report_pdf", page))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="verslag-{page.slug}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Wachten op hulp" in text
    assert "Korter wachten op de intake" in text
    assert SECRET_NICKNAME not in text


def test_the_pdf_prints_without_a_unicode_font(world):
    report = consultation_report(world["page"])
    text = pdf_text(render_report_pdf(report, preview=True, unicode=False))

    assert "Wachten op hulp" in text
    assert "12–15" in text  # the dash is in Windows-1252


# CSV -------------------------------------------------------------------------------


def csv_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(StringIO(body)))


def test_the_csv_is_for_the_organisers(world, client, user_factory, moderator):
    target = url("contributions_csv", world["page"])
    response = client.get(target)
    assert response.status_code == 302 and "login" in response["Location"]
    for person in (user_factory(), moderator):
        client.force_login(person)
        assert client.get(target).status_code == 403


def test_the_csv_lists_visible_contributions_with_their_theme_and_no_nicknames(
    world, client, policy_officer
):
    client.force_login(policy_officer)
    response = client.get(url("contributions_csv", world["page"]))

    assert response.status_code == 200
    header, *rows = csv_of(response)
    assert len(header) == 7
    ids = [int(row[0]) for row in rows]
    assert ids == sorted(ids) and world["hidden"].pk not in ids
    by_text = {row[3]: row for row in rows}
    support, theme, status = by_text["Korter wachten op de intake"][4:]
    assert (support, theme) == ("1", "Wachten op hulp") and status
    assert by_text["Een chat voor 's nachts"][2] == "Vraag 1?"
    assert not any(SECRET_NICKNAME in cell for row in rows for cell in row)


# Queries ---------------------------------------------------------------------------


def fill(page, make_contribution, user_factory, count: int) -> None:
    """`count` contributions with support, a theme holding them, an ended session
    with a poll, and an item citing them."""
    closed_on = timezone.localdate(page.closes_at)
    theme = SuggestedTheme.objects.create(
        consultation=page, name="Thema", status=SuggestedTheme.Status.ACCEPTED
    )
    item = FeedbackItem.objects.create(
        consultation=page, heading="Item", what_we_heard="x", what_we_did="y"
    )
    session = LiveSession.objects.create(
        consultation=page,
        title=f"Sessie {count}",
        starts_at=page.closes_at,
        state=LiveSession.State.ENDED,
    )
    Poll.objects.create(
        session=session,
        kind=Poll.Kind.WORDS,
        question="Eén woord",
        results={"samen": count},
        opened_at=timezone.now(),
    )
    for n in range(count):
        person = user_factory(date_of_birth=aged(12 + n % 15, closed_on))
        contribution = make_contribution(
            page, text=f"Tekst {n}", user=person, support_count=1
        )
        Support.objects.create(contribution=contribution, participant_key=f"s-{n}")
        ThemeInput.objects.create(theme=theme, contribution=contribution, score=n)
        item.contributions.add(contribution)
        Participant.objects.create(session=session, nickname=f"P{n}")


def report_queries(client, page) -> int:
    target = url("report", page)
    client.get(target)  # the first request fills caches, as in use
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured.captured_queries)


def test_the_report_makes_as_many_queries_with_more_contributions(
    make_consultation, make_contribution, user_factory, client
):
    few = publish(make_consultation("past"))
    many = publish(make_consultation("past"))
    fill(few, make_contribution, user_factory, 3)
    fill(many, make_contribution, user_factory, 30)

    small = report_queries(client, few)
    assert report_queries(client, many) == small


@pytest.mark.parametrize(
    "count,shown", [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5")]
)
def test_small_age_groups_are_not_counted_exactly(count, shown):
    from participation.themes.report import AgeBand

    assert AgeBand("12_15", "12–15", count).shown in (
        shown,
        shown.replace("fewer than", "minder dan"),
    )
