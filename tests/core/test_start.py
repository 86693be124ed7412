"""The start page after sign-in (inspraak.core.start): the registry, the page, where
people land after signing in, what each demo role sees, and a fixed number of
queries however many rows lie behind the sections."""

import html as html_module
import re
import secrets
from datetime import time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

import pytest

from complaints.models import Case
from complaints.start import cases_due, own_cases
from councils.models import (
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    CouncilIndexPage,
    CouncilPage,
    Meeting,
)
from councils.services.adoption import ensure_adoption_workflow
from councils.start import advice_to_adopt, advice_to_answer, next_meetings
from experience_experts.models import (
    Application,
    Assignment,
    Booking,
    Invitation,
    Session,
    WorkLog,
)
from experience_experts.start import bookings_to_confirm, my_bookings
from inspraak.accounts.models import User
from inspraak.core import start
from inspraak.core.start import Item, Section
from inspraak.organisations.models import Organisation
from participation.live.models import LiveSession
from participation.models import ConsultationIndexPage, ConsultationPage, Contribution
from participation.start import my_input, own_consultations, sessions_to_moderate
from tests.factories import PASSWORD, UserFactory
from tests.security.world import QUIET_MAILERS, sign_in

WAYS_IN = "What you can do here"
NOTHING = "Nothing is waiting for you right now."


def titles(html: str) -> list[str]:
    main = html[html.index("<main") : html.index("</main>")]
    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", t)).strip()
        for t in re.findall(r"<h2[^>]*>(.*?)</h2>", main)
    ]


# The registry -------------------------------------------------------------------


def _section(title: str, total: int = 1) -> Section:
    return Section(
        title=title,
        total=total,
        items=[Item(text=f"{title} item", url="/x/")] if total else [],
        empty_text=f"{title} is empty",
        locked_text=f"{title} is locked",
    )


def test_sections_come_in_order_and_none_means_it_does_not_apply(monkeypatch, rf):
    monkeypatch.setattr(start, "_registry", {})
    start.register_section("b", lambda user, today: _section("Second"), order=20)
    start.register_section("a", lambda user, today: _section("First"), order=10)
    start.register_section("c", lambda user, today: None, order=5)
    request = rf.get("/start/")
    request.user = object()
    assert [s.title for s in start.sections_for(request)] == ["First", "Second"]


def test_a_guard_shows_the_section_without_its_items(monkeypatch, rf):
    monkeypatch.setattr(start, "_registry", {})
    start.register_section(
        "cases", lambda user, today: _section("Cases"), order=1, guard=lambda r: False
    )
    request = rf.get("/start/")
    request.user = object()
    (section,) = start.sections_for(request)
    assert section.locked and section.items == [] and section.total == 1


# The page and signing in ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anonymous_visitors_go_to_the_sign_in_page_and_come_back(client, prefix):
    response = client.get(f"{prefix}/start/")
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/login/?next={prefix}/start/"


@pytest.mark.django_db
def test_signing_in_lands_on_the_start_page(client):
    user = UserFactory()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/start/"


@pytest.mark.django_db
def test_an_explicit_next_still_wins(client):
    user = UserFactory()
    response = client.post(
        "/accounts/login/?next=/klachten/",
        {"login": user.email, "password": PASSWORD},
    )
    assert response["Location"] == "/klachten/"


@pytest.mark.django_db
def test_the_header_links_to_the_start_page_for_signed_in_people_only(client):
    assert reverse("start") not in client.get("/zoeken/").content.decode()
    client.force_login(UserFactory())
    page = client.get("/zoeken/").content.decode()
    assert f'href="{reverse("start")}"' in page
    assert (
        'aria-current="page">Mijn startpagina' in client.get("/start/").content.decode()
    )


@pytest.mark.django_db
def test_a_person_without_a_role_sees_what_to_do_next(client):
    client.force_login(UserFactory())
    response = client.get("/en/start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTHING in html
    assert titles(html) == []


# The demo's people ----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEBUG=True, MAILERS=QUIET_MAILERS):
                call_command("seed_demo", "--quiet")
            users = {user.email: user for user in User.objects.all()}
            yield {email: (user, sign_in(user)) for email, user in users.items()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


def signed_in(demo, email: str) -> Client:
    """A client of the demo person, signed in as allauth does (with the code of
    their authenticator app when they have one)."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = demo[email][1]
    return client


ORGANISER = [
    "Bookings to confirm",
    "Applications to decide on",
    "Hours to approve",
]
EXPERT = ["Your bookings", "Invitations and applications"]
SEES = {
    "beheer@inspraak.test": ["Live sessions to moderate"],
    "beleid@voorstad.test": [
        "Advice to answer",
        *ORGANISER,
        "Live sessions to moderate",
        "Your consultations",
    ],
    "inkoop@midden-voorland.test": ORGANISER,
    "klachten@voorstad.test": ["Cases due this week"],
    "klachten@noorddorp.test": ["Cases due this week"],
    "beleid@noorddorp.test": [
        "Advice to answer",
        *ORGANISER,
        "Live sessions to moderate",
        "Your consultations",
    ],
    "klachten@debrug.test": ["Advice to answer", "Cases due this week"],
    "vertrouwenspersoon@jeugd.test": [],
    "moderator@voorstad.test": ["Live sessions to moderate"],
    "raadslid@jongerenraad.test": [
        "Requests for advice",
        "Your council's next meetings",
        "Consultations you took part in",
    ],
    "voorzitter@jongerenraad.test": [
        "Advice to adopt",
        "Requests for advice",
        "Your council's next meetings",
    ],
    "clientenraad@debrug.test": [
        "Advice to adopt",
        "Requests for advice",
        "Your council's next meetings",
    ],
    "directie@debrug.test": ["Advice to answer"],
    "ervaringsdeskundige@inspraak.test": EXPERT,
    "jongere@inspraak.test": [
        "Your complaints and objections",
        "Consultations you took part in",
    ],
    "jonger@inspraak.test": [],
    "lina@inspraak.test": EXPERT,
    "fleur@inspraak.test": EXPERT,
    "ravi@inspraak.test": EXPERT,
}


@pytest.mark.django_db
@pytest.mark.parametrize("email", sorted(SEES))
def test_each_demo_role_sees_its_own_sections_and_no_others(demo, email):
    response = signed_in(demo, email).get("/en/start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == [*SEES[email], WAYS_IN]
    assert (NOTHING in html) == (not SEES[email])


def test_every_demo_account_has_a_row():
    from inspraak.core.demo.people import ACCOUNTS

    assert {email for email, *_rest in ACCOUNTS} == set(SEES)


def voorstad_references() -> set[str]:
    return set(
        Case.objects.filter(organisation__slug="gemeente-voorstad").values_list(
            "reference", flat=True
        )
    )


@pytest.mark.django_db
def test_a_handler_sees_the_late_case_of_their_own_organisation_only(demo):
    late = Case.objects.get(
        organisation__slug="gemeente-voorstad",
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        status=Case.Status.IN_PROGRESS,
    )
    voorstad = signed_in(demo, "klachten@voorstad.test").get("/en/start/")
    assert late.reference in voorstad.content.decode()
    assert "<strong>late</strong>" in voorstad.content.decode()
    noorddorp = signed_in(demo, "klachten@noorddorp.test").get("/en/start/")
    html = noorddorp.content.decode()
    assert not [ref for ref in voorstad_references() if ref in html]
    assert "No case is late or must be decided within 7 days." in html
    assert "You have 1 open case in all." in html


@pytest.mark.django_db
def test_a_handler_without_a_second_factor_this_session_sees_no_case(demo):
    client = Client()
    client.force_login(demo["klachten@voorstad.test"][0])  # a password only
    html = client.get("/en/start/").content.decode()
    assert "Cases due this week" in html
    assert "authenticator app" in html
    assert not [ref for ref in voorstad_references() if ref in html]


@pytest.mark.django_db
def test_the_young_person_sees_their_own_cases_and_input(demo):
    html = signed_in(demo, "jongere@inspraak.test").get("/en/start/").content.decode()
    daan = demo["jongere@inspraak.test"][0]
    own = set(Case.objects.filter(filed_by=daan).values_list("reference", flat=True))
    assert own and all(ref in html for ref in own)
    others = voorstad_references() - own
    assert not [ref for ref in others if ref in html]
    assert "Praat mee over wachten op jeugdhulp" in html


@pytest.mark.django_db
def test_advice_to_answer_puts_the_overdue_one_first(demo):
    html = signed_in(demo, "beleid@voorstad.test").get("/en/start/").content.decode()
    overdue = html.index("Een vertrouwenspersoon op elke school")
    awaiting = html.index("Sneller hulp bij somberheid")
    assert overdue < awaiting
    assert "The answer to 1 of them is late." in html


@pytest.mark.django_db
def test_the_chair_sees_the_advice_to_adopt_and_the_organiser_the_tie(demo):
    chair = signed_in(demo, "voorzitter@jongerenraad.test").get("/en/start/")
    assert "Een jongerenwerker in elke wijk" in chair.content.decode()
    procurement = signed_in(demo, "inkoop@midden-voorland.test").get("/en/start/")
    assert "First decide on the tie the expert declared" in (
        procurement.content.decode()
    )


@pytest.mark.django_db
def test_the_council_member_reads_what_was_done_with_their_input(demo):
    html = signed_in(demo, "raadslid@jongerenraad.test").get("/en/start/")
    text = html.content.decode()
    assert "Sporten en vrije tijd" in text
    assert "Read what was done with your input" in text


# The section functions, called directly -------------------------------------------


@pytest.mark.django_db
def test_a_translated_consultation_is_counted_once(demo):
    """The demo's consultations have English translations: the organiser's list
    names each consultation once, in its Dutch record."""
    fatima = demo["beleid@voorstad.test"][0]
    section = own_consultations(fatima, timezone.localdate())
    titles = [item.text for item in section.items]
    assert "Praat mee over wachten op jeugdhulp" in titles
    assert "Have your say about waiting for youth care" not in titles
    assert len(titles) == len(set(titles)) == section.total


@pytest.mark.django_db
def test_sections_say_none_where_a_person_has_no_such_role(demo):
    today = timezone.localdate()
    daan = demo["jongere@inspraak.test"][0]
    noor = demo["raadslid@jongerenraad.test"][0]
    sam = demo["ervaringsdeskundige@inspraak.test"][0]
    lotte = demo["vertrouwenspersoon@jeugd.test"][0]
    assert cases_due(daan, today) is None
    assert advice_to_adopt(noor, today) is None  # a member, not the chair
    assert advice_to_answer(noor, today) is None
    assert bookings_to_confirm(sam, today) is None
    assert sessions_to_moderate(daan, today) is None
    assert own_consultations(daan, today) is None
    assert own_cases(lotte, today) is None
    assert my_input(lotte, today) is None
    assert my_bookings(daan, today) is None
    assert next_meetings(lotte, today) is None


@pytest.mark.django_db
def test_an_empty_section_says_what_to_do_next(demo):
    today = timezone.localdate()
    joost = demo["klachten@noorddorp.test"][0]
    section = cases_due(joost, today)
    assert section.total == 0 and section.items == []
    assert section.empty_text and section.see_all_url == (
        reverse("complaints:queue") + "?state=open"
    )


# A fixed number of queries --------------------------------------------------------

PEOPLE = [
    "voorzitter@jongerenraad.test",
    "beleid@voorstad.test",
    "inkoop@midden-voorland.test",
    "klachten@voorstad.test",
    "moderator@voorstad.test",
    "ervaringsdeskundige@inspraak.test",
    "lina@inspraak.test",
    "jongere@inspraak.test",
]


def count_queries(demo) -> dict[str, int]:
    counts = {}
    for email in PEOPLE:
        client = signed_in(demo, email)
        client.get("/en/start/")  # fills the caches, as in use
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/start/").status_code == 200
        counts[email] = len(captured.captured_queries)
    return counts


def grow(demo, rows: int) -> None:
    """`rows` more of everything the sections list, for the people above."""
    users = {email: user for email, (user, _session) in demo.items()}
    today = timezone.localdate()
    now = timezone.now()
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    region = Organisation.objects.get(slug="regio-midden-voorland")
    nl = Locale.objects.get(language_code="nl")
    youth = CouncilPage.objects.get(slug="jongerenraad-voorstad", locale=nl)
    workflow = ensure_adoption_workflow(CouncilIndexPage.objects.get(locale=nl))
    index = ConsultationIndexPage.objects.get(slug="raadplegingen", locale=nl)
    consultation = ConsultationPage.objects.get(
        slug="praat-mee-over-wachttijden", locale=nl
    )
    panel = Assignment.objects.get(title="Beoordelen inschrijvingen jeugdhulp 2027")
    advisory = Assignment.objects.get(title="Adviesgroep wachttijden jeugdhulp")
    sam_booking = Booking.objects.get(
        assignment=advisory, expert__email__startswith="erv"
    )
    for n in range(rows):
        tag = secrets.token_hex(4)
        Case.objects.create(
            reference=f"KL-GROW-{tag}",
            kind=Case.Kind.MUNICIPAL_COMPLAINT,
            organisation=voorstad,
            received_on=today - timedelta(days=40),
            access_nonce=tag,
            name="Daan Jansen",
            filed_by=users["jongere@inspraak.test"],
        )
        sent = youth.add_child(
            instance=AdvicePage(
                title=f"Advies {tag}",
                slug=f"advies-{tag}",
                addressee=voorstad,
                summary="Meer advies.",
                body=[],
            )
        )
        AdviceDispatch.objects.create(
            advice=sent,
            sent_on=today - timedelta(days=n),
            answer_due_on=today + timedelta(days=30 - 10 * n),
        )
        draft = youth.add_child(
            instance=AdvicePage(
                title=f"Concept {tag}",
                slug=f"concept-{tag}",
                addressee=voorstad,
                summary="Een concept.",
                body=[],
                live=False,
            )
        )
        draft.save_revision(user=users["raadslid@jongerenraad.test"])
        workflow.start(draft, users["raadslid@jongerenraad.test"])
        AdviceRequest.objects.create(
            council=youth,
            organisation=voorstad,
            question=f"Vraag {tag}?",
            desired_on=today + timedelta(days=n),
        )
        Meeting.objects.create(
            council=youth,
            title=f"Vergadering {tag}",
            starts_at=now + timedelta(days=n + 1),
            ends_at=now + timedelta(days=n + 1, hours=2),
            place="Stadhuis",
        )
        expert = UserFactory(display_name=f"Expert {tag}")
        Application.objects.create(assignment=panel, expert=expert, motivation="Ja")
        Booking.objects.create(
            assignment=panel,
            expert=expert,
            status=Booking.Status.AWAITING,
            pay_mode="volunteer",
            fee_type=panel.fee_type,
            fee_amount=panel.fee_amount,
        )
        session = Session.objects.create(
            assignment=advisory,
            date=today - timedelta(days=20 + n),
            starts_at=time(19),
            ends_at=time(21),
            place="Stadhuis",
        )
        WorkLog.objects.create(
            booking=sam_booking,
            session=session,
            expert=sam_booking.expert,
            hours=Decimal("2"),
        )
        extra = Assignment.objects.create(
            organisation=voorstad,
            title=f"Opdracht {tag}",
            state=Assignment.State.OPEN,
            description="Meedenken.",
            fee_type=Assignment.FeeType.HOURLY,
            fee_amount=Decimal("5.50"),
            application_deadline=today + timedelta(days=10),
        )
        Session.objects.create(
            assignment=extra,
            date=today + timedelta(days=5 + n),
            starts_at=time(9),
            ends_at=time(11),
            place="Stadhuis",
        )
        Booking.objects.create(
            assignment=extra,
            expert=sam_booking.expert,
            status=Booking.Status.CONFIRMED,
            pay_mode="volunteer",
            fee_type=extra.fee_type,
            fee_amount=extra.fee_amount,
        )
        Invitation.objects.create(assignment=extra, expert=users["lina@inspraak.test"])
        LiveSession.objects.create(
            consultation=consultation,
            title=f"Sessie {tag}",
            starts_at=now + timedelta(days=n + 1),
        )
        page = index.add_child(
            instance=ConsultationPage(
                title=f"Raadpleging {tag}",
                slug=f"raadpleging-{tag}",
                organisation=voorstad if n % 2 else region,
                summary="Praat mee.",
                opens_at=now - timedelta(days=10),
                closes_at=now - timedelta(days=1) if n % 3 else now + timedelta(days=9),
                feedback_due_on=today + timedelta(days=10 + n),
            )
        )
        Contribution.objects.create(
            consultation=page,
            nickname="Daan",
            user=users["jongere@inspraak.test"],
            text="Mijn mening.",
        )


@pytest.mark.django_db
def test_the_page_makes_as_many_queries_with_more_rows(demo):
    grow(demo, 1)  # every list has a row: each branch of the page runs
    few = count_queries(demo)
    grow(demo, 8)
    many = count_queries(demo)
    grew = {
        email: (few[email], many[email]) for email in PEOPLE if many[email] > few[email]
    }
    assert not grew, f"queries grow with the rows: {grew}"
    html = signed_in(demo, "klachten@voorstad.test").get("/en/start/")
    assert "These are the first 5 of" in html.content.decode()
