"""The pages: happy paths through the forms, and for every rule the person who must
not get in."""

import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from experience_experts import permissions
from experience_experts.exceptions import Refused
from experience_experts.models import (
    Application,
    Assignment,
    Booking,
    ExpertProfile,
    WorkLog,
)
from experience_experts.services import applications, bookings, declarations, feedback
from experience_experts.services import hours as work_hours

from .conftest import make_assignment, make_expert

pytestmark = pytest.mark.django_db

BASE = "/ervaringsdeskundigen"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# Profile --------------------------------------------------------------------


def profile_post(**extra):
    data = {
        "about": "Ik woonde in een pleeggezin.",
        "themes": ["foster_care"],
        "work_kinds": ["policy_advice"],
        "available_days": ["0", "2"],
        "date_of_birth": "2003-02-01",
        "pay_mode": "volunteer",
        "is_active": "on",
    }
    data.update(extra)
    return data


def test_a_profile_needs_explicit_consent(client, user_factory):
    user = user_factory()
    client.force_login(user)
    response = client.post(f"{BASE}/profiel/", profile_post())
    assert response.status_code == 200
    assert not ExpertProfile.objects.filter(user=user).exists()

    response = client.post(f"{BASE}/profiel/", profile_post(consent="on"))
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=user)
    assert profile.consent_given_at is not None
    assert profile.themes == ["foster_care"]


def test_a_freelancer_needs_a_kvk_number(client, user_factory):
    user = user_factory()
    client.force_login(user)
    response = client.post(
        f"{BASE}/profiel/", profile_post(consent="on", pay_mode="freelancer")
    )
    assert response.status_code == 200
    assert "kvk_number" in response.context["form"].errors


def test_the_expert_deletes_the_profile(client, expert, assignment):
    applications.apply(expert, assignment, "Graag")
    client.force_login(expert)
    assert client.post(f"{BASE}/profiel/verwijderen/").status_code == 302
    assert not ExpertProfile.objects.filter(user=expert).exists()
    assert not Application.objects.filter(expert=expert).exists()


def test_an_under_16_without_consent_cannot_make_a_profile(client, user_factory):
    from inspraak.accounts.consent import start_consent

    young = user_factory(date_of_birth=in_days(-14 * 365))
    start_consent(young, "ouder@example.test")
    client.force_login(young)
    response = client.post(f"{BASE}/profiel/", profile_post(consent="on"))
    assert response.status_code == 403
    assert not ExpertProfile.objects.exists()


# The organisation's side ------------------------------------------------------


def test_an_organiser_posts_an_assignment_with_a_session(
    client, organiser, municipality
):
    client.force_login(organiser)
    response = client.post(
        f"{BASE}/opdrachten/nieuw/",
        {
            "organisation": municipality.pk,
            "title": "Meedenken over wachtlijsten",
            "description": "Twee avonden praten.",
            "themes": ["mental_health"],
            "work_kinds": ["policy_advice"],
            "experts_needed": 2,
            "fee_type": "hourly",
            "fee_amount": "5.50",
            "travel_reimbursed": "on",
            "application_deadline": in_days(10).isoformat(),
            "sessions-TOTAL_FORMS": 1,
            "sessions-INITIAL_FORMS": 0,
            "sessions-0-date": in_days(20).isoformat(),
            "sessions-0-starts_at": "19:00",
            "sessions-0-ends_at": "21:00",
            "sessions-0-place": "Stadhuis",
        },
    )
    assignment = Assignment.objects.get(title="Meedenken over wachtlijsten")
    assert response.status_code == 302
    assert assignment.state == Assignment.State.DRAFT
    assert assignment.sessions.count() == 1

    client.post(f"{BASE}/opdrachten/{assignment.pk}/status/", {"state": "open"})
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.OPEN


def test_an_organiser_cannot_post_for_another_organisation(
    client, organiser, other_municipality
):
    client.force_login(organiser)
    response = client.post(
        f"{BASE}/opdrachten/nieuw/",
        {"organisation": other_municipality.pk, "title": "x"},
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors


def test_a_person_without_a_role_cannot_post_assignments(client, expert):
    client.force_login(expert)
    assert client.get(f"{BASE}/opdrachten/nieuw/").status_code == 403


def test_the_whole_flow_through_the_pages(client, organiser, expert, assignment):
    client.force_login(expert)
    client.post(f"{BASE}/opdrachten/{assignment.pk}/aanmelden/", {"motivation": "Ja"})
    application = Application.objects.get(expert=expert)

    client.force_login(organiser)
    response = client.get(f"{BASE}/opdrachten/{assignment.pk}/")
    assert [a.pk for a in response.context["applications"]] == [application.pk]
    client.post(f"{BASE}/opdrachten/{assignment.pk}/boeken/{application.pk}/")
    booking = Booking.objects.get(expert=expert)

    client.force_login(expert)
    client.post(f"{BASE}/boekingen/{booking.pk}/bevestigen/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    session = assignment.sessions.get()
    session.date = datetime.date(2025, 9, 1)
    session.save()
    client.post(
        f"{BASE}/boekingen/{booking.pk}/uren/",
        {"session": session.pk, "hours": "2", "travel_costs": "4.20"},
    )
    log = WorkLog.objects.get(booking=booking)

    client.force_login(organiser)
    client.post(f"{BASE}/uren/{log.pk}/goedkeuren/")
    log.refresh_from_db()
    assert log.status == WorkLog.Status.APPROVED

    response = client.get(f"{BASE}/boekingen/{booking.pk}/overzicht/")
    assert response.status_code == 200
    assert response.context["statement"].fees == Decimal("10.00")


def test_candidates_show_only_findable_experts_and_not_their_story(
    client, organiser, municipality, assignment
):
    make_expert(name="Vera Vindbaar", findable=True, about="GEHEIM VERHAAL")
    make_expert(name="Nina Niet", findable=False)
    client.force_login(organiser)
    response = client.get(f"{BASE}/opdrachten/{assignment.pk}/kandidaten/")
    names = [profile.name for profile in response.context["candidates"]]
    assert names == ["Vera Vindbaar"]
    assert "GEHEIM VERHAAL" not in response.content.decode()


# The person who must not get in ----------------------------------------------


@pytest.fixture
def booking(organiser, expert, assignment):
    return bookings.book(organiser, applications.apply(expert, assignment, "Graag"))


def test_an_expert_does_not_see_another_experts_booking(client, other_expert, booking):
    client.force_login(other_expert)
    assert client.get(f"{BASE}/boekingen/{booking.pk}/").status_code == 404
    assert client.get(f"{BASE}/boekingen/{booking.pk}/overzicht/").status_code == 404
    assert client.post(f"{BASE}/boekingen/{booking.pk}/bevestigen/").status_code == 404


def test_another_organisation_does_not_see_the_booking(
    client, other_organiser, booking
):
    client.force_login(other_organiser)
    assert client.get(f"{BASE}/boekingen/{booking.pk}/").status_code == 404
    assert client.get(f"{BASE}/boekingen/{booking.pk}/overzicht/").status_code == 404


def test_the_organisation_cannot_confirm_for_the_expert(client, organiser, booking):
    client.force_login(organiser)
    assert client.post(f"{BASE}/boekingen/{booking.pk}/bevestigen/").status_code == 403


def test_another_organisation_does_not_see_applicants(
    client, other_organiser, expert, assignment
):
    application = applications.apply(expert, assignment, "Mijn verhaal")
    client.force_login(other_organiser)
    response = client.get(f"{BASE}/opdrachten/{assignment.pk}/")
    assert "applications" not in response.context
    assert "Mijn verhaal" not in response.content.decode()
    url = f"{BASE}/opdrachten/{assignment.pk}/aanmeldingen/{application.pk}/"
    assert client.get(url).status_code == 404
    book = f"{BASE}/opdrachten/{assignment.pk}/boeken/{application.pk}/"
    assert client.post(book).status_code == 403
    assert (
        client.get(f"{BASE}/opdrachten/{assignment.pk}/kandidaten/").status_code == 403
    )


def test_an_expert_does_not_see_other_applicants(
    client, expert, other_expert, assignment
):
    application = applications.apply(other_expert, assignment, "Mijn verhaal")
    client.force_login(expert)
    url = f"{BASE}/opdrachten/{assignment.pk}/aanmeldingen/{application.pk}/"
    assert client.get(url).status_code == 404


def test_another_organisation_cannot_approve_or_return_hours(
    client, organiser, other_organiser, expert, booking
):
    bookings.confirm(expert, booking)
    session = booking.assignment.sessions.get()
    session.date = datetime.date(2025, 9, 1)
    session.save()
    log = work_hours.log_hours(expert, booking, session, hours=Decimal("2"))
    client.force_login(other_organiser)
    assert client.post(f"{BASE}/uren/{log.pk}/goedkeuren/").status_code == 403
    assert (
        client.post(f"{BASE}/uren/{log.pk}/teruggeven/", {"reason": "x"}).status_code
        == 403
    )
    client.force_login(expert)  # nor the expert themselves
    assert client.post(f"{BASE}/uren/{log.pk}/goedkeuren/").status_code == 403
    log.refresh_from_db()
    assert log.status == WorkLog.Status.SUBMITTED


def test_declarations_are_for_the_expert_and_the_round_organisation_only(
    client, organiser, other_organiser, expert, other_expert, procurement_round
):
    declaration = declarations.sign_declaration(
        expert,
        procurement_round,
        confidentiality=True,
        no_other_interests=False,
        signed_name="Eva Expert",
    )
    url = f"{BASE}/verklaringen/{declaration.pk}/"
    client.force_login(expert)
    assert client.get(url).status_code == 200
    client.force_login(organiser)
    assert client.get(url).status_code == 200
    for outsider in (other_expert, other_organiser):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"allowed": "1", "reason": "x"}).status_code == 404
    client.force_login(expert)  # the expert cannot decide about themselves
    response = client.post(url, {"allowed": "1", "reason": "mag"})
    assert response.status_code == 403


def test_only_booked_experts_open_the_declaration_form(
    client, other_expert, procurement_round
):
    client.force_login(other_expert)
    url = f"{BASE}/inkoopronde/{procurement_round.pk}/verklaring/"
    assert client.get(url).status_code == 404


def test_a_profile_is_seen_only_by_organisations_the_expert_applied_to(
    organiser, other_organiser, expert, assignment
):
    profile = ExpertProfile.objects.get(user=expert)
    assert not permissions.can_view_profile(organiser, profile)
    applications.apply(expert, assignment, "Graag")
    assert permissions.can_view_profile(organiser, profile)
    assert not permissions.can_view_profile(other_organiser, profile)
    assert permissions.can_view_profile(expert, profile)


def test_draft_assignments_are_hidden_from_experts(
    client, expert, organiser, municipality
):
    draft = make_assignment(municipality, state=Assignment.State.DRAFT)
    client.force_login(expert)
    assert client.get(f"{BASE}/opdrachten/{draft.pk}/").status_code == 404
    client.force_login(organiser)
    assert client.get(f"{BASE}/opdrachten/{draft.pk}/").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, booking):
    response = client.get(f"{BASE}/boekingen/{booking.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"{BASE}/overzicht/2025/").status_code == 302


def test_the_year_statement_is_always_ones_own(client, organiser, expert, booking):
    client.force_login(organiser)  # no profile: no statement
    assert client.get(f"{BASE}/overzicht/2025/").status_code == 404
    client.force_login(expert)
    response = client.get(f"{BASE}/overzicht/2025/")
    assert response.status_code == 200


def test_the_statement_says_when_limits_are_missing(client, expert):
    client.force_login(expert)
    response = client.get(f"{BASE}/overzicht/2026/")
    assert 'data-verdict="missing"' in response.content.decode()
    response = client.get(f"{BASE}/overzicht/2025/")
    assert 'data-verdict="tax-free"' in response.content.decode()


# Lists stay cheap ---------------------------------------------------------------


def test_list_pages_use_a_fixed_number_of_queries(
    client, organiser, expert, municipality, django_assert_max_num_queries
):
    for number in range(8):
        assignment = make_assignment(
            municipality,
            title=f"Opdracht {number}",
            sessions=[(in_days(20 + number), (10,), (12,))],
        )
        make_expert(name=f"Expert {number}", findable=True, regions=[municipality])
    applications.apply(expert, assignment, "Graag")
    # The counts do not grow with the number of assignments or experts (the base
    # layout itself takes about a dozen).
    client.force_login(expert)
    with django_assert_max_num_queries(22):
        assert client.get(f"{BASE}/opdrachten/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"{BASE}/").status_code == 200
    client.force_login(organiser)
    # An organiser has the admin (policy officers manage consultations there), so the
    # layout adds Wagtail's user bar: permissions and the admin profile, 3 queries.
    with django_assert_max_num_queries(20):
        assert client.get(f"{BASE}/opdrachten/beheer/").status_code == 200
    with django_assert_max_num_queries(25):
        url = f"{BASE}/opdrachten/{assignment.pk}/kandidaten/"
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(27):
        assert client.get(f"{BASE}/opdrachten/{assignment.pk}/").status_code == 200


# Feedback both ways ---------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_feedback_goes_both_ways(client, organiser, expert, other_organiser, booking):
    bookings.confirm(expert, booking)
    assignment = booking.assignment
    with pytest.raises(Refused):
        feedback.record_outcome(organiser, assignment, "Te vroeg")
    with pytest.raises(Refused, match="completed"):
        feedback.rate(expert, booking, 4)
    Assignment.objects.filter(pk=assignment.pk).update(state="completed")
    assignment.refresh_from_db()
    booking.refresh_from_db()

    client.force_login(organiser)
    client.post(
        f"{BASE}/opdrachten/{assignment.pk}/terugkoppeling/",
        {"text": "Jullie advies staat in het plan."},
    )
    client.force_login(expert)
    client.post(
        f"{BASE}/boekingen/{booking.pk}/beoordelen/",
        {"stars": "4", "comment": "Fijn gesprek."},
    )

    # The expert reads what was done with the input; the organisation the rating.
    response = client.get(f"{BASE}/boekingen/{booking.pk}/")
    assert "Jullie advies staat in het plan." in response.content.decode()
    client.force_login(organiser)
    response = client.get(f"{BASE}/opdrachten/{assignment.pk}/")
    assert [rating.stars for rating in response.context["ratings"]] == [4]
    assert "Fijn gesprek." in response.content.decode()
    # Another organisation neither writes the outcome nor sees the rating.
    client.force_login(other_organiser)
    response = client.post(
        f"{BASE}/opdrachten/{assignment.pk}/terugkoppeling/", {"text": "Nep"}
    )
    assert response.status_code == 403
    response = client.get(f"{BASE}/opdrachten/{assignment.pk}/")
    assert "Fijn gesprek." not in response.content.decode()


def test_an_open_house_panel_checks_minimum_requirements_without_ranking(
    client, expert, municipality, procurement_round
):
    from experience_experts.models import Criterion

    procurement_round.procedure = "open_house"
    procurement_round.save()
    requirement = Criterion.objects.create(
        procurement_round=procurement_round,
        title="Wachttijd korter dan 6 weken",
        is_minimum_requirement=True,
        published_on=datetime.date(2025, 1, 1),
    )
    assignment = make_assignment(municipality, procurement_round=procurement_round)
    assignment.criteria.add(requirement)
    client.force_login(expert)
    html = client.get(f"{BASE}/opdrachten/{assignment.pk}/").content.decode()
    assert "Wachttijd korter dan 6 weken" in html
    assert any(
        text in html
        for text in ("Providers are not ranked.", "Aanbieders krijgen geen rangorde.")
    )
