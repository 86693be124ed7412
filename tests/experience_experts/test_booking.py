"""Applying, inviting, booking and confirming: the rules an expert and an
organisation meet on the way to a confirmed booking."""

import datetime

from django.utils import timezone

import pytest

from experience_experts.exceptions import Refused
from experience_experts.models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    DeclaredRelation,
    Invitation,
)
from experience_experts.services import (
    applications,
    assignments,
    bookings,
    declarations,
)

from .conftest import make_assignment, make_expert

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_an_expert_applies_once_with_a_motivation(expert, assignment):
    application = applications.apply(expert, assignment, "  Ik was pleegkind.  ")
    assert application.motivation == "Ik was pleegkind."
    with pytest.raises(Refused, match="already applied"):
        applications.apply(expert, assignment, "Nog een keer")


def test_applying_needs_a_profile(user_factory, assignment):
    with pytest.raises(Refused, match="profile"):
        applications.apply(user_factory(), assignment, "Graag")


@pytest.mark.parametrize(
    "state", [Assignment.State.DRAFT, Assignment.State.FILLED, "cancelled"]
)
def test_only_open_assignments_take_applications(expert, municipality, state):
    assignment = make_assignment(municipality, state=state)
    with pytest.raises(Refused, match="no longer apply"):
        applications.apply(expert, assignment, "Graag")


def test_applying_after_the_deadline_is_refused(expert, municipality):
    assignment = make_assignment(municipality, application_deadline=in_days(-1))
    with pytest.raises(Refused):
        applications.apply(expert, assignment, "Graag")


def test_booking_and_confirming_fills_the_assignment(organiser, expert, assignment):
    application = applications.apply(expert, assignment, "Graag")
    booking = bookings.book(organiser, application)
    assert booking.status == Booking.Status.AWAITING
    assert (
        booking.pay_mode == "volunteer" and booking.fee_amount == assignment.fee_amount
    )
    application.refresh_from_db()
    assert application.status == Application.Status.BOOKED

    bookings.confirm(expert, booking)

    assignment.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert assignment.state == Assignment.State.FILLED


def test_an_organisation_books_no_more_experts_than_needed(
    organiser, expert, other_expert, assignment
):
    bookings.book(organiser, applications.apply(expert, assignment, "a"))
    with pytest.raises(Refused, match="as many experts"):
        bookings.book(organiser, applications.apply(other_expert, assignment, "b"))


def test_only_the_booked_expert_confirms(organiser, expert, other_expert, assignment):
    booking = bookings.book(organiser, applications.apply(expert, assignment, "a"))
    with pytest.raises(Refused, match="not your booking"):
        bookings.confirm(other_expert, booking)


def overlapping_pair(municipality):
    day = in_days(30)
    first = make_assignment(municipality, sessions=[(day, (10,), (12,))])
    second = make_assignment(
        municipality, title="Tweede", sessions=[(day, (11, 30), (13,))]
    )
    return first, second


def test_a_booking_that_overlaps_a_confirmed_one_is_refused(
    organiser, expert, municipality
):
    first, second = overlapping_pair(municipality)
    bookings.confirm(
        expert, bookings.book(organiser, applications.apply(expert, first, "a"))
    )
    application = applications.apply(expert, second, "b")
    with pytest.raises(Refused, match="overlaps"):
        bookings.book(organiser, application)


def test_confirming_is_refused_when_another_booking_was_confirmed_first(
    organiser, expert, municipality
):
    first, second = overlapping_pair(municipality)
    one = bookings.book(organiser, applications.apply(expert, first, "a"))
    two = bookings.book(organiser, applications.apply(expert, second, "b"))
    bookings.confirm(expert, one)
    with pytest.raises(Refused, match="overlaps"):
        bookings.confirm(expert, two)
    two.refresh_from_db()
    assert two.status == Booking.Status.AWAITING


def test_sessions_that_touch_do_not_overlap(organiser, expert, municipality):
    day = in_days(30)
    first = make_assignment(municipality, sessions=[(day, (10,), (12,))])
    second = make_assignment(municipality, sessions=[(day, (12,), (14,))])
    bookings.confirm(
        expert, bookings.book(organiser, applications.apply(expert, first, "a"))
    )
    booking = bookings.book(organiser, applications.apply(expert, second, "b"))
    bookings.confirm(expert, booking)
    assert booking.status == Booking.Status.CONFIRMED


def test_another_experts_booking_does_not_count_as_overlap(
    organiser, expert, other_expert, municipality
):
    first, second = overlapping_pair(municipality)
    bookings.confirm(
        other_expert,
        bookings.book(organiser, applications.apply(other_expert, first, "a")),
    )
    booking = bookings.book(organiser, applications.apply(expert, second, "b"))
    bookings.confirm(expert, booking)
    assert booking.status == Booking.Status.CONFIRMED


# Procurement rounds: the declaration (Aanbestedingswet 1.10b, 2.57) -------------


@pytest.fixture
def round_booking(organiser, expert, municipality, procurement_round):
    assignment = make_assignment(
        municipality,
        procurement_round=procurement_round,
        sessions=[(in_days(20), (9,), (12,))],
    )
    return bookings.book(organiser, applications.apply(expert, assignment, "Graag"))


def test_a_round_booking_needs_the_declaration_before_confirming(expert, round_booking):
    with pytest.raises(Refused, match="declaration"):
        bookings.confirm(expert, round_booking)


def test_a_clean_declaration_lets_the_expert_confirm(
    expert, round_booking, procurement_round
):
    declaration = declarations.sign_declaration(
        expert,
        procurement_round,
        confidentiality=True,
        no_other_interests=True,
        signed_name="Eva Expert",
    )
    assert declaration.decision == ConflictDeclaration.Decision.NOT_NEEDED
    bookings.confirm(expert, round_booking)
    assert round_booking.status == Booking.Status.CONFIRMED


def test_confidentiality_is_required(expert, procurement_round, round_booking):
    with pytest.raises(Refused, match="secret"):
        declarations.sign_declaration(
            expert,
            procurement_round,
            confidentiality=False,
            no_other_interests=True,
            signed_name="Eva",
        )


def test_a_declared_tie_blocks_until_the_organisation_decides(
    organiser, expert, provider, procurement_round, round_booking
):
    declaration = declarations.sign_declaration(
        expert,
        procurement_round,
        confidentiality=True,
        no_other_interests=True,
        signed_name="Eva Expert",
        relations=[declarations.Relation(provider, DeclaredRelation.Kind.CLIENT)],
    )
    assert declaration.decision == ConflictDeclaration.Decision.PENDING
    assert declaration.relations.get().flagged  # a current client is flagged
    with pytest.raises(Refused, match="decides"):
        bookings.confirm(expert, round_booking)

    with pytest.raises(Refused, match="why"):
        declarations.decide_declaration(organiser, declaration, allowed=True, reason="")
    declarations.decide_declaration(
        organiser, declaration, allowed=True, reason="Andere perceel, geen invloed."
    )
    bookings.confirm(expert, round_booking)
    assert round_booking.status == Booking.Status.CONFIRMED


def test_an_excluded_expert_cannot_confirm(
    organiser, expert, provider, procurement_round, round_booking
):
    declaration = declarations.sign_declaration(
        expert,
        procurement_round,
        confidentiality=True,
        no_other_interests=True,
        signed_name="Eva Expert",
        relations=[declarations.Relation(provider, DeclaredRelation.Kind.EMPLOYEE)],
    )
    declarations.decide_declaration(
        organiser, declaration, allowed=False, reason="Werkt bij een inschrijver."
    )
    with pytest.raises(Refused, match="cannot take part"):
        bookings.confirm(expert, round_booking)


def test_ties_can_only_be_declared_with_bidders(
    expert, procurement_round, other_municipality, round_booking
):
    with pytest.raises(Refused, match="bidding providers"):
        declarations.sign_declaration(
            expert,
            procurement_round,
            confidentiality=True,
            no_other_interests=True,
            signed_name="Eva",
            relations=[declarations.Relation(other_municipality, "family")],
        )


def test_only_published_criteria_of_the_round_can_be_attached(
    municipality, procurement_round, published_criterion
):
    from experience_experts.models import Criterion

    assignment = make_assignment(municipality, procurement_round=procurement_round)
    assignments.check_criteria(assignment, [published_criterion])  # fine
    draft = Criterion.objects.create(
        procurement_round=procurement_round, title="Nog geheim"
    )
    with pytest.raises(Refused, match="not published"):
        assignments.check_criteria(assignment, [draft])
    no_round = make_assignment(municipality)
    with pytest.raises(Refused, match="round"):
        assignments.check_criteria(no_round, [published_criterion])


def test_the_assignment_form_offers_only_published_criteria(
    municipality, procurement_round, published_criterion
):
    from experience_experts.forms import AssignmentForm
    from experience_experts.models import Criterion
    from inspraak.organisations.models import Organisation

    Criterion.objects.create(procurement_round=procurement_round, title="Nog geheim")
    form = AssignmentForm(organisations=Organisation.objects.filter(pk=municipality.pk))
    assert list(form.fields["criteria"].queryset) == [published_criterion]


# Invitations and states -------------------------------------------------------


def test_inviting_mails_a_findable_expert(
    organiser, municipality, assignment, mailoutbox
):
    profile = make_expert(name="Fenna Vindbaar", findable=True, regions=[municipality])
    invitation = applications.invite(organiser, assignment, profile, "Doe je mee?")
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert len(mailoutbox) == 1
    assert profile.user.email in mailoutbox[0].to
    with pytest.raises(Refused, match="already invited"):
        applications.invite(organiser, assignment, profile)


def test_an_expert_who_is_not_findable_cannot_be_invited(organiser, assignment):
    profile = make_expert(findable=False)
    with pytest.raises(Refused):
        applications.invite(organiser, assignment, profile)


def test_state_changes_follow_the_allowed_steps(municipality):
    assignment = make_assignment(municipality, state=Assignment.State.DRAFT)
    with pytest.raises(Refused, match="session"):
        assignments.set_state(assignment, Assignment.State.OPEN)
    with pytest.raises(Refused):
        assignments.set_state(assignment, Assignment.State.COMPLETED)
    assignments.set_state(assignment, Assignment.State.CANCELLED)
    with pytest.raises(Refused):
        assignments.set_state(assignment, Assignment.State.OPEN)


def test_cancelling_an_assignment_cancels_its_bookings(organiser, expert, assignment):
    booking = bookings.book(organiser, applications.apply(expert, assignment, "a"))
    assignments.set_state(assignment, Assignment.State.CANCELLED)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_round_must_belong_to_the_organisation(other_municipality, procurement_round):
    assignment = make_assignment(
        other_municipality, procurement_round=procurement_round
    )
    with pytest.raises(Refused):
        assignments.check_round(assignment)
