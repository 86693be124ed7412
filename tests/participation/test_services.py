"""Contributing, supporting, reporting, moderating and the feedback e-mail."""

from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone

import pytest

from participation import services
from participation.models import (
    ConsultationPage,
    Contribution,
    FeedbackItem,
    FeedbackSubscription,
    Support,
)


def test_a_contribution_is_stored_clean(consultation):
    question = consultation.questions.first()
    contribution = services.contribute(
        consultation,
        text="  Sneller\x00 hulp!\n\n\n\nGraag. ",
        nickname=" Sam\n ",
        question=question,
        participant_key="k1",
    )
    assert contribution.text == "Sneller hulp!\n\nGraag."
    assert contribution.nickname == "Sam"
    assert contribution.question == question
    assert contribution.user is None


def test_no_contributions_before_opening_or_after_closing(make_consultation):
    for phase in ("upcoming", "past"):
        with pytest.raises(services.InputClosed):
            services.contribute(
                make_consultation(phase),
                text="Hoi",
                nickname="Sam",
                participant_key="k",
            )


def test_a_question_of_another_consultation_is_refused(make_consultation):
    first, second = make_consultation(), make_consultation()
    with pytest.raises(services.ParticipationError):
        services.contribute(
            first,
            text="Hoi",
            nickname="Sam",
            question=second.questions.first(),
            participant_key="k",
        )


def test_five_contributions_per_ten_minutes(consultation):
    for n in range(5):
        services.contribute(
            consultation, text=f"Idee {n}", nickname="Sam", participant_key="k"
        )
    with pytest.raises(services.RateLimited):
        services.contribute(
            consultation, text="Nog een", nickname="Sam", participant_key="k"
        )
    # Someone else (another key, another address) can still post.
    services.contribute(
        consultation, text="Mijn idee", nickname="Ali", participant_key="other"
    )
    assert consultation.contributions.count() == 6


def test_one_support_per_participant_key(consultation, make_contribution):
    contribution = make_contribution(consultation)
    assert services.support(contribution, participant_key="k")
    assert not services.support(contribution, participant_key="k")
    contribution.refresh_from_db()
    assert contribution.support_count == 1


def test_one_support_per_account_across_browsers(
    consultation, make_contribution, user_factory
):
    user = user_factory()
    contribution = make_contribution(consultation)
    assert services.support(contribution, user=user, participant_key="phone")
    assert not services.support(contribution, user=user, participant_key="laptop")
    contribution.refresh_from_db()
    assert contribution.support_count == 1


def test_the_database_refuses_a_second_support(consultation, make_contribution):
    contribution = make_contribution(consultation)
    Support.objects.create(contribution=contribution, participant_key="k")
    with pytest.raises(IntegrityError):
        Support.objects.create(contribution=contribution, participant_key="k")


def test_the_database_refuses_a_second_support_by_the_same_account(
    consultation, make_contribution, user_factory
):
    user = user_factory()
    contribution = make_contribution(consultation)
    Support.objects.create(contribution=contribution, user=user)
    with pytest.raises(IntegrityError):
        Support.objects.create(contribution=contribution, user=user)


def test_nobody_supports_their_own_contribution(consultation, make_contribution):
    contribution = make_contribution(consultation, participant_key="mine")
    with pytest.raises(services.ParticipationError):
        services.support(contribution, participant_key="mine")


def test_hidden_contributions_cannot_be_supported(
    consultation, make_contribution, moderator
):
    contribution = make_contribution(consultation)
    services.hide(contribution, by=moderator, reason="Scheldwoorden")
    with pytest.raises(services.InputClosed):
        services.support(contribution, participant_key="k")


def test_a_report_counts_once_per_person(consultation, make_contribution):
    contribution = make_contribution(consultation)
    assert services.report(contribution, reason="hurtful", participant_key="k")
    assert not services.report(contribution, reason="spam", participant_key="k")
    assert contribution.reports.count() == 1


def test_hiding_needs_a_reason_and_handles_the_reports(
    consultation, make_contribution, moderator
):
    contribution = make_contribution(consultation)
    services.report(contribution, reason="private", participant_key="k")
    with pytest.raises(services.ParticipationError):
        services.hide(contribution, by=moderator, reason="  ")
    services.hide(contribution, by=moderator, reason="Noemt een naam")
    assert contribution.is_hidden
    assert contribution.hidden_by == moderator
    assert not Contribution.objects.visible().filter(pk=contribution.pk).exists()
    assert not contribution.reports.filter(resolved_at__isnull=True).exists()
    services.restore(contribution, by=moderator)
    assert not contribution.is_hidden
    assert contribution.hidden_reason == ""


def test_subscribing_needs_consent(consultation):
    with pytest.raises(services.ParticipationError):
        services.subscribe(consultation, "sam@example.test", consent=False)
    subscription = services.subscribe(consultation, " Sam@Example.test ", consent=True)
    assert subscription.email == "sam@example.test"
    assert subscription.consent_given_at is not None
    # Twice is one subscription.
    services.subscribe(consultation, "sam@example.test", consent=True)
    assert FeedbackSubscription.objects.count() == 1


def test_unsubscribe_deletes_the_address(consultation):
    subscription = services.subscribe(consultation, "sam@example.test", consent=True)
    assert services.unsubscribe(subscription.token)
    assert not FeedbackSubscription.objects.exists()
    assert not services.unsubscribe(subscription.token)


def test_publishing_feedback_tells_everyone_once_and_forgets_addresses(
    make_consultation, make_contribution, policy_officer, user_factory, mailoutbox
):
    consultation = make_consultation("past")
    contributor = user_factory(email="daan@example.test")
    make_contribution(consultation, user=contributor)
    make_contribution(consultation, user=contributor, text="Nog iets")
    subscription = FeedbackSubscription.objects.create(
        consultation=consultation,
        email="sam@example.test",
        consent_given_at=timezone.now(),
    )
    FeedbackItem.objects.create(
        consultation=consultation, what_we_heard="Wachten", what_we_did="Sneller"
    )
    told = services.publish_feedback(
        consultation, by=policy_officer, base_url="https://inspraak.test"
    )
    assert told == 2
    to_subscriber = [m for m in mailoutbox if m.to == ["sam@example.test"]]
    assert len(to_subscriber) == 1
    assert subscription.token in to_subscriber[0].extra_headers["List-Unsubscribe"]
    assert consultation.url in to_subscriber[0].body
    assert not FeedbackSubscription.objects.exists()
    page = ConsultationPage.objects.get(pk=consultation.pk)
    assert page.feedback_published_at is not None
    with pytest.raises(services.ParticipationError):
        services.publish_feedback(page, by=policy_officer)


def test_feedback_without_items_is_not_published(make_consultation, policy_officer):
    consultation = make_consultation("past")
    with pytest.raises(services.ParticipationError):
        services.publish_feedback(consultation, by=policy_officer)


def test_addresses_are_purged_when_the_consultation_has_ended(make_consultation):
    today = timezone.localdate()
    due = today - timedelta(days=5)
    ended = make_consultation("past", feedback_due_on=due, ends_on=today)
    running = make_consultation(
        "past", feedback_due_on=due, ends_on=today + timedelta(days=5)
    )
    long_ago = timezone.now() - timedelta(days=200)
    forgotten = make_consultation(
        "past",
        opens_at=long_ago,
        closes_at=long_ago + timedelta(days=10),
        feedback_due_on=today - services.SUBSCRIPTION_GRACE,
    )
    for consultation in (ended, running, forgotten):
        FeedbackSubscription.objects.create(
            consultation=consultation,
            email="sam@example.test",
            consent_given_at=timezone.now(),
        )
    assert services.purge_subscriptions(today) == 2
    assert list(
        FeedbackSubscription.objects.values_list("consultation", flat=True)
    ) == [running.pk]
