"""Recruitment: a young person applies to a vacancy without an account; the chair,
secretary or coach invites, accepts or declines; under 16 the membership starts
when the parent consents; applications are deleted a set period after the
decision."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from allauth.account.models import EmailAddress

from councils.models import Application, CouncilMember, Vacancy
from councils.recruitment import (
    APPLICATION_KEPT_DAYS,
    UNDECIDED_KEPT_DAYS,
    accept,
    delete_decided_applications,
)
from inspraak.accounts.consent import answer
from inspraak.accounts.models import ParentalConsent, User
from inspraak.core.dates import anniversary

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def born(age: int, days_after_birthday: int = 30):
    return anniversary(TODAY, -age) - timedelta(days=days_after_birthday)


@pytest.fixture
def chair(site_council, make_member):
    return make_member(site_council, CouncilMember.Role.CHAIR)


@pytest.fixture
def vacancy(site_council, chair):
    return Vacancy.objects.create(
        council=site_council,
        title="Word lid van de jongerenraad",
        looking_for="Jongeren uit Rivierstad.",
        min_age=14,
        max_age=23,
        area="Rivierstad",
        asks="Eens per maand vergaderen.",
        offers="Een vergoeding.",
        allowance_per_meeting=Decimal("25.00"),
        term_months=24,
        created_by=chair,
    )


def vacancy_url(vacancy, language="en"):
    """In English by default: the new strings are not translated yet, and tests
    that read them keep passing once they are."""
    with translation.override(language):
        return reverse("councils:vacancy", kwargs={"vacancy_id": vacancy.pk})


def application_url(application):
    return reverse("councils:application", kwargs={"application_id": application.pk})


def form(**changes):
    data = {
        "first_name": "Sara",
        "last_name": "Jansen",
        "email": "sara@example.test",
        "date_of_birth": born(17).isoformat(),
        "parent_email": "",
        "motivation": "Ik wil meepraten over jeugdhulp.",
        "show_publicly": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_application(vacancy, **fields):
    values = {
        "first_name": "Sara",
        "email": "sara@example.test",
        "date_of_birth": born(17),
        "motivation": "Ik wil meepraten.",
        "show_publicly": True,
        "language": "en",
        **fields,
    }
    return Application.objects.create(vacancy=vacancy, **values)


# Finding and applying ------------------------------------------------------------


def test_the_council_page_links_to_the_open_vacancy(client, site_council, vacancy):
    Vacancy.objects.create(
        council=site_council,
        title="Oude vacature",
        looking_for="-",
        asks="-",
        offers="-",
        is_open=False,
    )

    html = client.get(site_council.url).content.decode()

    assert f'href="{vacancy_url(vacancy, "nl")}"' in html
    assert "Oude vacature" not in html


def test_an_anonymous_visitor_applies_and_gets_a_confirmation(client, vacancy):
    response = client.post(vacancy_url(vacancy), form(), follow=True)

    application = Application.objects.get()
    assert application.email == "sara@example.test"
    assert application.language == "en"
    assert application.show_publicly
    assert application.parent_email == ""
    html = response.content.decode()
    assert "Thank you for applying!" in html
    assert "Send my application" not in html  # the thank-you takes the form's place
    assert [m.to for m in mail.outbox] == [["sara@example.test"]]
    assert vacancy_url(vacancy) in mail.outbox[0].body


def test_the_applicant_language_is_kept_for_the_mails(client, vacancy):
    client.post(vacancy_url(vacancy, "nl"), form())
    client.post(vacancy_url(vacancy, "en"), form(email="tom@example.test"))

    assert dict(Application.objects.values_list("email", "language")) == {
        "sara@example.test": "nl",
        "tom@example.test": "en",
    }
    assert "We received your application" in mail.outbox[1].subject


def test_under_16_without_a_parent_address_is_refused_and_keeps_what_was_typed(
    client, vacancy
):
    response = client.post(
        vacancy_url(vacancy),
        form(date_of_birth=born(15).isoformat(), motivation="Mijn eigen woorden."),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are younger than 16" in html
    assert "Mijn eigen woorden." in html and 'value="Sara"' in html
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_under_16_with_a_parent_address_applies(client, vacancy):
    client.post(
        vacancy_url(vacancy),
        form(date_of_birth=born(15).isoformat(), parent_email="Ouder@Example.test"),
    )

    application = Application.objects.get()
    assert application.parent_email == "ouder@example.test"
    assert "younger than 16" in mail.outbox[0].body


def test_the_parent_address_is_not_the_applicants_own(client, vacancy):
    response = client.post(
        vacancy_url(vacancy),
        form(date_of_birth=born(15).isoformat(), parent_email="sara@example.test"),
    )

    assert "not your own" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("age", "ok"), [(13, False), (14, True), (23, True), (24, False)]
)
def test_the_age_range_of_the_vacancy(client, vacancy, age, ok):
    response = client.post(
        vacancy_url(vacancy),
        form(date_of_birth=born(age).isoformat(), parent_email="ouder@example.test"),
    )

    assert Application.objects.exists() is ok
    if not ok:
        assert f"You are {age}. This council looks for people from 14 to 23" in (
            response.content.decode()
        )


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "geen-adres"},
        {"first_name": ""},
        {"first_name": "x" * 61},
        {"motivation": "x" * 1001},
        {"date_of_birth": "1899-12-31"},
        {"date_of_birth": (TODAY + timedelta(days=1)).isoformat()},
        {"date_of_birth": "31-02-2010"},
        {"date_of_birth": "\x00"},
        {"parent_email": "<script>@x"},
    ],
)
def test_hostile_or_wrong_input_is_refused_without_an_error(client, vacancy, changes):
    response = client.post(vacancy_url(vacancy), form(**changes))

    assert response.status_code == 200
    assert not Application.objects.exists()


def test_markup_in_an_application_is_shown_as_text(client, vacancy, chair):
    client.post(vacancy_url(vacancy), form(motivation="<script>alert(1)</script>"))
    client.force_login(chair)

    html = client.get(application_url(Application.objects.get())).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(
    client, vacancy
):
    response = client.post(
        vacancy_url(vacancy), form(website="http://spam.example"), follow=True
    )

    assert "Thank you for applying!" in response.content.decode()
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_too_many_applications_with_one_address_are_refused(client, vacancy):
    for _ in range(5):
        client.post(vacancy_url(vacancy), form())

    response = client.post(vacancy_url(vacancy), form())

    assert response.status_code == 429
    assert Application.objects.count() == 5


def test_a_closed_vacancy_takes_no_applications(client, vacancy):
    vacancy.closes_on = TODAY - timedelta(days=1)
    vacancy.save()

    response = client.post(vacancy_url(vacancy), form())

    assert "This vacancy is closed" in response.content.decode()
    assert not Application.objects.exists()


def test_a_vacancy_of_an_unpublished_council_is_hidden(client, vacancy, site_council):
    site_council.unpublish()
    assert client.get(vacancy_url(vacancy)).status_code == 404


# Who reviews -----------------------------------------------------------------------


def recruiter_urls(vacancy, application):
    council_id = vacancy.council_id
    return [
        reverse("councils:applications", kwargs={"council_id": council_id}),
        reverse("councils:vacancy_new", kwargs={"council_id": council_id}),
        reverse("councils:vacancy_edit", kwargs={"vacancy_id": vacancy.pk}),
        application_url(application),
    ]


@pytest.mark.parametrize(
    "role", [CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY, "coach"]
)
def test_chair_secretary_and_coach_review(client, vacancy, make_member, role):
    application = make_application(vacancy)
    person = make_member(vacancy.council, role)
    client.force_login(person)

    for url in recruiter_urls(vacancy, application):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["member", "civil_servant", "outsider", "former"])
def test_others_are_refused(client, vacancy, make_member, user_factory, who):
    application = make_application(vacancy)
    if who == "outsider":
        person = user_factory()
    elif who == "former":
        person = make_member(
            vacancy.council,
            CouncilMember.Role.CHAIR,
            ends_on=TODAY - timedelta(days=1),
        )
    else:
        person = make_member(vacancy.council, who)
    client.force_login(person)

    for url in recruiter_urls(vacancy, application):
        assert client.get(url).status_code == 403, url
    response = client.post(application_url(application), {"action": "accept"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


def test_anonymous_reviewers_go_to_sign_in(client, vacancy):
    application = make_application(vacancy)
    for url in recruiter_urls(vacancy, application):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url


def test_the_list_of_applications_makes_as_many_queries_for_many(
    client, vacancy, chair
):
    url = reverse("councils:applications", kwargs={"council_id": vacancy.council_id})
    client.force_login(chair)

    def queries(count):
        Application.objects.all().delete()
        for number in range(count):
            make_application(vacancy, email=f"a{number}@example.test")
        client.get(url)  # the first request fills caches, as in use
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert queries(2) == queries(25)


# Opening a vacancy ----------------------------------------------------------------


def test_the_coach_opens_a_vacancy(client, site_council, make_member):
    coach = make_member(site_council, CouncilMember.Role.COACH)
    client.force_login(coach)
    with translation.override("en"):
        url = reverse("councils:vacancy_new", kwargs={"council_id": site_council.pk})
    data = {
        "title": "Word lid",
        "looking_for": "Jongeren",
        "min_age": "16",
        "max_age": "12",
        "asks": "Tijd",
        "offers": "Pizza",
        "term_months": "24",
        "is_open": "on",
    }

    refused = client.post(url, data)
    data["max_age"] = "23"
    client.post(url, data)

    assert "cannot be below the minimum age" in refused.content.decode()
    vacancy = Vacancy.objects.get()
    assert vacancy.created_by == coach and vacancy.max_age == 23


def test_closing_a_vacancy(client, vacancy, chair):
    client.force_login(chair)
    url = reverse("councils:vacancy_edit", kwargs={"vacancy_id": vacancy.pk})
    data = {
        "title": vacancy.title,
        "looking_for": vacancy.looking_for,
        "asks": vacancy.asks,
        "offers": vacancy.offers,
        "term_months": "24",
    }  # "is_open" unticked

    client.post(url, data)

    assert not Vacancy.objects.open().exists()


# Invite, accept, decline -------------------------------------------------------------


def test_invite_for_a_talk(client, vacancy, chair):
    application = make_application(vacancy)
    client.force_login(chair)
    talk_at = (timezone.localtime() + timedelta(days=7)).replace(
        hour=16, minute=30, second=0, microsecond=0
    )

    response = client.post(
        application_url(application),
        {
            "action": "invite",
            "invite-talk_at": talk_at.strftime("%Y-%m-%dT%H:%M"),
            "invite-message": "We zien je in het stadhuis.",
        },
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.INVITED
    assert application.talk_at == talk_at
    message = mail.outbox[-1]
    assert message.to == ["sara@example.test"]
    assert "Invitation for a talk" in message.subject  # her language: English
    assert "4:30" in message.body and "We zien je in het stadhuis." in message.body


def test_an_invitation_in_the_past_is_refused(client, vacancy, chair):
    application = make_application(vacancy)
    client.force_login(chair)

    client.post(
        application_url(application),
        {"action": "invite", "invite-talk_at": "2020-01-01T10:00"},
    )

    application.refresh_from_db()
    assert application.status == Application.Status.NEW
    assert mail.outbox == []


def test_decline_with_the_kind_default_message(client, vacancy, chair):
    application = make_application(vacancy)
    client.force_login(chair)

    page = client.get(application_url(application)).content.decode()
    assert "You are welcome to apply again" in page  # prefilled, in her language
    client.post(
        application_url(application),
        {"action": "decline", "decline-message": "Dank je! Volgend jaar weer?"},
    )

    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decided_by == chair and application.decided_at
    assert "Dank je! Volgend jaar weer?" in mail.outbox[-1].body
    assert not CouncilMember.objects.filter(user__email="sara@example.test").exists()


def test_decline_needs_a_message(client, vacancy, chair):
    application = make_application(vacancy)
    client.force_login(chair)

    client.post(application_url(application), {"action": "decline"})

    application.refresh_from_db()
    assert application.status == Application.Status.NEW


@pytest.mark.parametrize("action", ["", "delete", "\x00", "accept\n"])
def test_an_unknown_action_changes_nothing(client, vacancy, chair, action):
    application = make_application(vacancy)
    client.force_login(chair)

    response = client.post(application_url(application), {"action": action})

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


def test_accept_makes_an_account_and_a_membership(client, vacancy, chair):
    application = make_application(vacancy)
    client.force_login(chair)

    client.post(application_url(application), {"action": "accept"})

    user = User.objects.get(email="sara@example.test")
    assert not user.has_usable_password()
    assert user.date_of_birth == application.date_of_birth
    assert user.display_name == "Sara"
    assert not EmailAddress.objects.get(user=user).verified
    member = CouncilMember.objects.get(user=user)
    assert member.role == CouncilMember.Role.MEMBER
    assert member.starts_on == TODAY
    assert member.ends_on == (anniversary(TODAY, 2) - timedelta(days=1))  # 24 months
    assert member.show_publicly
    assert CouncilMember.objects.current().filter(pk=member.pk).exists()
    body = mail.outbox[-1].body
    assert "/accounts/password/reset/key/" in body  # choose a password
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.member == member and application.user == user
    html = client.get(vacancy.council.url).content.decode()
    assert "Sara" in html


def test_the_password_link_lets_the_new_member_choose_a_password(
    client, vacancy, chair
):
    accept(make_application(vacancy), chair)
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/" in line
    )
    path = urlsplit(link.strip()).path

    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "een-lang-wachtwoord-7", "password2": "een-lang-wachtwoord-7"},
    )

    assert response.status_code == 302
    assert User.objects.get(email="sara@example.test").check_password(
        "een-lang-wachtwoord-7"
    )


def test_accept_finds_an_existing_account(vacancy, chair, user_factory):
    existing = user_factory(email="sara@example.test", display_name="Sara S.")

    accept(make_application(vacancy), chair)

    assert User.objects.filter(email__iexact="sara@example.test").count() == 1
    assert CouncilMember.objects.filter(user=existing).exists()
    assert existing.has_usable_password()
    assert "/password/reset/" not in mail.outbox[-1].body


def test_accepting_a_current_member_adds_no_second_membership(
    vacancy, chair, make_member, user_factory
):
    existing = user_factory(email="sara@example.test")
    make_member(vacancy.council, user=existing)  # no end date

    accepted = accept(make_application(vacancy), chair)

    assert CouncilMember.objects.filter(user=existing).count() == 1
    assert accepted.member.ends_on is None
    assert "Welcome to" in mail.outbox[-1].subject


def test_accept_under_16_waits_for_the_parent(client, vacancy, chair):
    application = make_application(
        vacancy,
        first_name="Lotte",
        email="lotte@example.test",
        date_of_birth=born(15),
        parent_email="ouder@example.test",
    )
    client.force_login(chair)

    client.post(application_url(application), {"action": "accept"})

    user = User.objects.get(email="lotte@example.test")
    consent = ParentalConsent.objects.get(user=user)
    assert consent.status == ParentalConsent.Status.PENDING
    to_parent = [m for m in mail.outbox if m.to == ["ouder@example.test"]]
    assert len(to_parent) == 1
    to_her = [m for m in mail.outbox if m.to == ["lotte@example.test"]][-1]
    assert "starts when they give it" in to_her.body
    member = CouncilMember.objects.get(user=user)
    assert not CouncilMember.objects.current().filter(pk=member.pk).exists()
    visitor = Client()
    assert "Lotte" not in visitor.get(vacancy.council.url).content.decode()

    answer(consent, "give")

    assert CouncilMember.objects.current().filter(pk=member.pk).exists()
    html = visitor.get(vacancy.council.url).content.decode()
    assert "Lotte" in html
    assert TODAY.strftime("%Y") in html  # since <month year>


def test_a_decided_application_cannot_be_decided_again(client, vacancy, chair):
    application = make_application(vacancy)
    accept(application, chair)
    client.force_login(chair)

    response = client.post(
        application_url(application),
        {"action": "decline", "decline-message": "Toch niet."},
    )

    assert response.status_code == 409
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


# Retention -------------------------------------------------------------------------


def test_decided_applications_are_deleted_after_the_kept_period(vacancy, chair):
    now = timezone.now()
    old = make_application(
        vacancy,
        status=Application.Status.DECLINED,
        decided_at=now - timedelta(days=APPLICATION_KEPT_DAYS + 1),
    )
    recent = make_application(
        vacancy,
        status=Application.Status.DECLINED,
        decided_at=now - timedelta(days=APPLICATION_KEPT_DAYS - 1),
    )
    waiting = make_application(
        vacancy, submitted_at=now - timedelta(days=UNDECIDED_KEPT_DAYS - 1)
    )
    forgotten = make_application(
        vacancy, submitted_at=now - timedelta(days=UNDECIDED_KEPT_DAYS + 1)
    )
    accepted = make_application(vacancy, email="lid@example.test")
    member = accept(accepted, chair).member
    Application.objects.filter(pk=accepted.pk).update(
        decided_at=now - timedelta(days=APPLICATION_KEPT_DAYS + 5)
    )

    assert delete_decided_applications() == 3
    call_command("purge_council_applications", verbosity=0)

    assert set(Application.objects.values_list("pk", flat=True)) == {
        recent.pk,
        waiting.pk,
    }
    assert not Application.objects.filter(pk__in=[old.pk, forgotten.pk]).exists()
    assert CouncilMember.objects.filter(pk=member.pk).exists()  # the membership stays
