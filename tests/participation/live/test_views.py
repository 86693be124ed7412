"""The pages of a live session: joining with a code, the participant page without
JavaScript, who may open the moderator console, the projector and the CSV export."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from inspraak.organisations.models import Role
from participation.live.models import LiveSession, Participant, Poll, Question
from participation.models import ConsultationPage

pytestmark = pytest.mark.django_db


def english_or_dutch(text: str, english: str, dutch: str) -> bool:
    """Pages render English until the lead compiles the Dutch catalogue."""
    return english in text or dutch in text


@pytest.fixture
def organisation(organisation_factory):
    return organisation_factory(name="Gemeente Voorbeeld")


@pytest.fixture
def consultation(organisation):
    root = Page.get_first_root_node()
    now = timezone.now()
    page = ConsultationPage(
        title="Jeugdhulp dichtbij",
        slug="jeugdhulp-dichtbij",
        organisation=organisation,
        summary="Wat vind jij van de jeugdhulp in je buurt?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=14),
        feedback_due_on=(now + datetime.timedelta(days=60)).date(),
    )
    root.add_child(instance=page)
    return page


@pytest.fixture
def live_session(consultation):
    return LiveSession.objects.create(
        consultation=consultation,
        title="Vragenuur met de wethouder",
        starts_at=timezone.now(),
        state=LiveSession.State.LIVE,
        moderation=LiveSession.Moderation.PRE,
    )


@pytest.fixture
def moderator(user_factory, membership_factory, organisation):
    user = user_factory(display_name="Mo")
    membership_factory(user=user, organisation=organisation, role=Role.MODERATOR)
    return user


def ask(session, text, status, upvotes=0, nickname="Sam", **extra):
    participant = Participant.objects.create(session=session, nickname=nickname)
    return Question.objects.create(
        session=session,
        participant=participant,
        nickname=nickname,
        text=text,
        status=status,
        upvotes=upvotes,
        **extra,
    )


# Joining ---------------------------------------------------------------------------


def test_join_page_shows_the_code_form(client):
    response = client.get(reverse("live:join"))
    assert response.status_code == 200
    assert b'name="code"' in response.content


def test_a_known_code_leads_to_the_session_case_insensitively(client, live_session):
    typed = f" {live_session.code[:3].lower()}-{live_session.code[3:].lower()} "
    response = client.get(reverse("live:join"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("live:session", args=[live_session.code])


def test_an_unknown_code_is_refused_and_the_typed_code_kept(client, live_session):
    unknown = "ZZZZZ2" if live_session.code != "ZZZZZ2" else "ZZZZZ3"
    response = client.get(reverse("live:join"), {"code": unknown.lower()})
    assert response.status_code == 200
    text = response.content.decode()
    assert english_or_dutch(
        text, "There is no live session with this code", "Er is geen live sessie"
    )
    assert f'value="{unknown.lower()}"' in text
    assert 'aria-invalid="true"' in text


def test_a_malformed_code_gets_a_format_error(client, db):
    response = client.get(reverse("live:join"), {"code": "ab1"})
    text = response.content.decode()
    assert english_or_dutch(text, "A code has 6 letters and digits", "Een code heeft 6")
    assert 'value="ab1"' in text


def test_an_ended_session_cannot_be_joined(client, live_session):
    live_session.state = LiveSession.State.ENDED
    live_session.save()
    response = client.get(reverse("live:join"), {"code": live_session.code})
    assert response.status_code == 200
    assert english_or_dutch(
        response.content.decode(), "This live session has ended", "Deze live sessie is"
    )


def test_a_lower_case_session_url_redirects_to_the_code(client, live_session):
    response = client.get(f"/live/{live_session.code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == reverse("live:session", args=[live_session.code])


def test_an_unknown_session_page_is_404(client, db):
    assert client.get("/live/ZZZZZZ/").status_code == 404


# The participant page without JavaScript ---------------------------------------------


def test_without_javascript_only_approved_questions_are_listed(client, live_session):
    ask(live_session, "Waarom duurt de wachtlijst zo lang?", "published", upvotes=4)
    ask(live_session, "Nog niet goedgekeurd", "pending")
    ask(live_session, "Afgewezen vraag", "rejected")
    ask(live_session, "Verborgen vraag", "hidden")
    response = client.get(reverse("live:session", args=[live_session.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Waarom duurt de wachtlijst zo lang?" in text
    for not_public in ("Nog niet goedgekeurd", "Afgewezen vraag", "Verborgen vraag"):
        assert not_public not in text
    assert "<noscript>" in text
    assert english_or_dutch(text, "need JavaScript", "JavaScript")


def test_participant_page_loads_the_client_without_inline_script(client, live_session):
    response = client.get(reverse("live:session", args=[live_session.code]))
    text = response.content.decode()
    # The client is an ES module; its texts come from Django's JavaScriptCatalog.
    assert '<script type="module" src="/static/live/participant.js"></script>' in text
    assert '<script src="/jsi18n/" defer></script>' in text
    assert 'id="live-limits" type="application/json"' in text
    assert f'data-live-ws="/ws/live/{live_session.code}/"' in text
    # The only inline <script> is the JSON data block (allowed by the CSP).
    assert text.count("<script") == 3


def test_question_text_is_escaped(client, live_session):
    ask(live_session, "<script>alert(1)</script>", "published")
    response = client.get(reverse("live:session", args=[live_session.code]))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_participant_page_query_count(
    client, live_session, django_assert_max_num_queries
):
    for n in range(20):
        ask(live_session, f"Vraag {n}", "published", upvotes=n)
    # The session, its consultation's URL and the questions: the same few queries
    # for 20 questions as for one; the rest is the site layout (settings, footer).
    with django_assert_max_num_queries(16):
        response = client.get(reverse("live:session", args=[live_session.code]))
    assert response.status_code == 200


# Who may moderate -------------------------------------------------------------------


@pytest.fixture
def outsider(user_factory, membership_factory, organisation_factory):
    """A moderator of another organisation."""
    user = user_factory()
    membership_factory(
        user=user, organisation=organisation_factory(), role=Role.MODERATOR
    )
    return user


@pytest.fixture
def case_handler(user_factory, membership_factory, organisation):
    """A member of the right organisation, but without a moderating role."""
    user = user_factory()
    membership_factory(user=user, organisation=organisation, role=Role.CASE_HANDLER)
    return user


MODERATOR_PAGES = ["live:moderator", "live:projector", "live:export"]


@pytest.mark.parametrize("name", MODERATOR_PAGES)
def test_anonymous_visitor_is_refused(client, live_session, name):
    response = client.get(reverse(name, args=[live_session.code]))
    assert response.status_code == 403


@pytest.mark.parametrize("name", MODERATOR_PAGES)
def test_member_of_another_organisation_is_refused(
    client, live_session, outsider, name
):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[live_session.code])).status_code == 403


@pytest.mark.parametrize("name", MODERATOR_PAGES)
def test_member_without_moderating_role_is_refused(
    client, live_session, case_handler, name
):
    client.force_login(case_handler)
    assert client.get(reverse(name, args=[live_session.code])).status_code == 403


@pytest.mark.parametrize("name", MODERATOR_PAGES)
def test_participant_of_the_session_is_refused(client, live_session, name):
    # A participant has a token in their browser but no account: still anonymous.
    client.get(reverse("live:session", args=[live_session.code]))
    assert client.get(reverse(name, args=[live_session.code])).status_code == 403


def test_refusal_offers_sign_in_to_anonymous(client, live_session):
    response = client.get(reverse("live:moderator", args=[live_session.code]))
    assert b"/accounts/login/?next=" in response.content


def test_moderator_sees_console_with_pending_questions_and_qr(
    client, live_session, moderator
):
    ask(live_session, "Wacht op goedkeuring", "pending")
    ask(live_session, "Al zichtbaar", "published")
    client.force_login(moderator)
    response = client.get(reverse("live:moderator", args=[live_session.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Wacht op goedkeuring" in text
    assert "Al zichtbaar" in text
    assert "<svg" in text  # the QR code, inline
    assert f"/live/{live_session.code}/" in text
    assert 'data-live-role="moderator"' in text


def test_assigned_moderator_outside_the_organisation_may_moderate(
    client, live_session, outsider
):
    live_session.moderators.add(outsider)
    client.force_login(outsider)
    response = client.get(reverse("live:moderator", args=[live_session.code]))
    assert response.status_code == 200


def test_projector_shows_code_and_never_pending_questions(
    client, live_session, moderator
):
    ask(live_session, "Geheime wachtende vraag", "pending")
    ask(live_session, "Populaire vraag", "published", upvotes=9)
    client.force_login(moderator)
    response = client.get(reverse("live:projector", args=[live_session.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert live_session.code in text
    assert "Populaire vraag" in text
    assert "Geheime wachtende vraag" not in text


# CSV export ----------------------------------------------------------------------------


def test_csv_export_has_questions_votes_answers_and_poll_tallies(
    client, live_session, moderator
):
    ask(
        live_session,
        "Komt er een jongerenloket?",
        "published",
        upvotes=7,
        answered=True,
        answer="Ja, in het voorjaar.",
    )
    ask(live_session, '=HYPERLINK("http://evil")', "published", upvotes=1)
    ask(live_session, "Niet goedgekeurd", "rejected")
    Poll.objects.create(
        session=live_session,
        kind=Poll.Kind.SINGLE,
        question="Hoe vond je het?",
        options=["Goed", "Slecht"],
        state=Poll.State.CLOSED,
        results=[5, 2],
        opened_at=timezone.now(),
    )
    client.force_login(moderator)
    response = client.get(reverse("live:export", args=[live_session.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    flat = [cell for row in rows for cell in row]
    question_row = next(row for row in rows if "Komt er een jongerenloket?" in row)
    assert "7" in question_row
    assert "Ja, in het voorjaar." in question_row
    assert "Niet goedgekeurd" not in flat
    assert any(cell.startswith("'=HYPERLINK") for cell in flat)  # no formula
    poll_rows = [row for row in rows if "Hoe vond je het?" in row]
    assert {(row[2], row[3]) for row in poll_rows} >= {("Goed", "5"), ("Slecht", "2")}


# Planning a session ----------------------------------------------------------------


def test_moderator_plans_a_session_and_lands_in_its_console(
    client, consultation, moderator
):
    client.force_login(moderator)
    assert client.get(reverse("live:new")).status_code == 200
    response = client.post(
        reverse("live:new"),
        {
            "consultation": consultation.pk,
            "title": "Avond over wachttijden",
            "starts_at": "2030-05-01T19:30",
            "moderation": "pre",
        },
    )
    session = LiveSession.objects.get(title="Avond over wachttijden")
    assert response.status_code == 302
    assert response["Location"] == reverse("live:moderator", args=[session.code])
    assert session.state == LiveSession.State.SCHEDULED
    # The join page lists it under the moderator's sessions.
    assert session.code in client.get(reverse("live:join")).content.decode()


def test_nobody_plans_a_session_for_another_organisation(
    client, consultation, outsider
):
    client.force_login(outsider)
    assert client.get(reverse("live:new")).status_code == 403
    response = client.post(
        reverse("live:new"),
        {
            "consultation": consultation.pk,
            "title": "Kaping",
            "starts_at": "2030-05-01T19:30",
            "moderation": "post",
        },
    )
    assert response.status_code == 403
    assert not LiveSession.objects.filter(title="Kaping").exists()


def test_anonymous_visitor_cannot_plan_a_session(client, consultation):
    assert client.get(reverse("live:new")).status_code == 403


def test_a_consultation_of_another_organisation_is_not_offered(
    client, consultation, moderator, organisation_factory
):
    other = ConsultationPage(
        title="Andere gemeente",
        slug="andere-gemeente",
        organisation=organisation_factory(),
        summary="Niet van jou.",
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=3),
        feedback_due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    Page.get_first_root_node().add_child(instance=other)
    client.force_login(moderator)
    response = client.post(
        reverse("live:new"),
        {
            "consultation": other.pk,
            "title": "Niet mijn raadpleging",
            "starts_at": "2030-05-01T19:30",
            "moderation": "pre",
        },
    )
    assert response.status_code == 200
    assert not LiveSession.objects.filter(title="Niet mijn raadpleging").exists()


# Results on the consultation page ------------------------------------------------------


def test_consultation_include_shows_results_of_ended_sessions(
    rf, live_session, django_assert_max_num_queries
):
    from django.template.loader import render_to_string

    ask(
        live_session,
        "Openbare vraag",
        "published",
        upvotes=3,
        answered=True,
        answer="Dat regelen we.",
    )
    ask(live_session, "Wachtende vraag", "pending")
    Poll.objects.create(
        session=live_session,
        kind=Poll.Kind.WORDS,
        question="Eén woord voor de jeugdhulp?",
        state=Poll.State.CLOSED,
        results={"traag": 4, "lief": 1},
        opened_at=timezone.now(),
    )
    upcoming = LiveSession.objects.create(
        consultation=live_session.consultation,
        title="Volgende keer",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    live_session.state = LiveSession.State.ENDED
    live_session.save()
    with django_assert_max_num_queries(12):
        html = render_to_string(
            "live/includes/consultation_live.html",
            {"page": live_session.consultation},
            request=rf.get("/"),
        )
    assert "Openbare vraag" in html and "Dat regelen we." in html
    assert "Wachtende vraag" not in html
    assert "traag" in html and "live-word--5" in html
    assert f"/live/{upcoming.code}/" in html  # the upcoming one: a link to join
