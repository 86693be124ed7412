"""The public pages and forms of consultations, and who may moderate."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from inspraak.organisations.models import Role
from participation.models import Contribution, FeedbackItem, FeedbackSubscription

from .conftest import said


def test_index_lists_open_upcoming_and_past(
    client, index_page, make_consultation, django_assert_max_num_queries
):
    open_one = make_consultation("open", title="Open raadpleging")
    upcoming = make_consultation("upcoming", title="Komende raadpleging")
    past = make_consultation("past", title="Oude raadpleging")
    with django_assert_max_num_queries(35):
        response = client.get(index_page.url)
    sections = {s["name"]: s["items"] for s in response.context["sections"]}
    assert [p.pk for p in sections["open"]] == [open_one.pk]
    assert [p.pk for p in sections["upcoming"]] == [upcoming.pk]
    assert [p.pk for p in sections["past"]] == [past.pk]


def test_index_query_count_does_not_grow_with_consultations(
    client, index_page, make_consultation, django_assert_num_queries
):
    make_consultation("open")
    client.get(index_page.url, {"status": "open"})  # warms Wagtail's site cache
    with CaptureQueriesContext(connection) as one:
        client.get(index_page.url, {"status": "open"})
    queries = len(one)  # read now: the next request empties the query log
    for _ in range(6):
        make_consultation("open")
    # New pages outdate the cached layout (inspraak.core.layout): rebuilt once.
    client.get(index_page.url, {"status": "open"})
    with django_assert_num_queries(queries):
        assert client.get(index_page.url, {"status": "open"}).status_code == 200


def test_index_filters_by_organisation_and_theme(
    client, index_page, make_consultation, organisation_factory
):
    from councils.models import Theme

    waiting = Theme.objects.create(name="Wachttijden", slug="wachttijden")
    other = organisation_factory(slug="noorddorp")
    mine = make_consultation("open")
    mine.themes.add(waiting)
    mine.save()  # a parental many-to-many is written on save
    theirs = make_consultation("open", organisation=other)
    response = client.get(index_page.url, {"organisation": "noorddorp"})
    open_items = response.context["sections"][0]["items"]
    assert [p.pk for p in open_items] == [theirs.pk]
    response = client.get(index_page.url, {"theme": "wachttijden", "status": "open"})
    assert [p.pk for p in response.context["consultations"]] == [mine.pk]


def test_index_empty_states(client, index_page):
    response = client.get(index_page.url)
    assert response.status_code == 200
    assert said(
        response, "No consultation is open right now.", "Er is nu geen raadpleging"
    )


def test_index_paginates_a_status(client, index_page, make_consultation):
    for _ in range(13):
        make_consultation("past", questions=0)
    response = client.get(index_page.url, {"status": "past", "page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["consultations"]) == 1


def test_consultation_page_shows_phase_questions_and_form(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert response.context["phase"] == "open"
    assert b'id="contribution-form"' in response.content
    assert b"Vraag 1?" in response.content


def test_page_query_count_does_not_grow_with_contributions(
    client, consultation, make_contribution, django_assert_num_queries
):
    make_contribution(consultation, text="Eerste")
    client.get(consultation.url)  # warms Wagtail's site cache
    with CaptureQueriesContext(connection) as one:
        client.get(consultation.url)
    for n in range(15):
        make_contribution(consultation, text=f"Idee {n}")
    with django_assert_num_queries(len(one)):
        response = client.get(consultation.url)
    assert len(response.context["contributions"]) == 16


def test_contribute_by_nickname_without_account(client, consultation):
    question = consultation.questions.first()
    response = client.post(
        reverse("participation:contribute", args=[consultation.pk]),
        {"question": str(question.pk), "nickname": "Sam", "text": "Sneller hulp"},
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.user is None
    assert contribution.question == question
    assert contribution.participant_key  # from the new signed cookie
    assert "inspraak_participant" in response.cookies


def test_an_idea_without_a_question(client, consultation):
    client.post(
        reverse("participation:contribute", args=[consultation.pk]),
        {"question": "idea", "nickname": "Sam", "text": "Een eigen idee"},
    )
    assert Contribution.objects.get().is_idea


def test_signed_in_contribution_is_linked_to_the_account(
    client, consultation, user_factory
):
    user = user_factory()
    client.force_login(user)
    client.post(
        reverse("participation:contribute", args=[consultation.pk]),
        {"question": "idea", "nickname": "Daan", "text": "Met account"},
    )
    assert Contribution.objects.get().user == user


def test_under_16_without_consent_cannot_post_as_themselves(
    client, consultation, user_factory
):
    from inspraak.accounts.consent import start_consent

    young = user_factory()
    start_consent(young, "ouder@example.test")
    client.force_login(young)
    response = client.post(
        reverse("participation:contribute", args=[consultation.pk]),
        {"question": "idea", "nickname": "Noa", "text": "Mag ik iets zeggen?"},
    )
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_the_rate_limit_keeps_the_typed_text(client, consultation):
    url = reverse("participation:contribute", args=[consultation.pk])
    for n in range(5):
        client.post(url, {"question": "idea", "nickname": "Sam", "text": f"Idee {n}"})
    response = client.post(
        url, {"question": "idea", "nickname": "Sam", "text": "Mijn zesde idee"}
    )
    assert response.status_code == 429
    assert "Mijn zesde idee" in response.content.decode()
    assert said(response, "Wait a few minutes", "Wacht een paar minuten")
    assert Contribution.objects.count() == 5


def test_invalid_contribution_shows_the_form_again(client, consultation):
    response = client.post(
        reverse("participation:contribute", args=[consultation.pk]),
        {"question": "idea", "nickname": "", "text": "Tekst zonder naam"},
    )
    assert response.status_code == 422
    assert "Tekst zonder naam" in response.content.decode()


def test_no_contributions_to_a_closed_consultation(client, make_consultation):
    past = make_consultation("past")
    response = client.post(
        reverse("participation:contribute", args=[past.pk]),
        {"question": "idea", "nickname": "Sam", "text": "Te laat"},
    )
    assert response.status_code == 409
    assert not Contribution.objects.exists()


def test_html_is_shown_as_text(client, consultation, make_contribution):
    make_contribution(consultation, text="<script>alert(1)</script>")
    content = client.get(consultation.url).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_support_once_without_javascript(client, consultation, make_contribution):
    contribution = make_contribution(consultation)
    url = reverse("participation:support", args=[contribution.pk])
    assert client.post(url).status_code == 302
    client.post(url)
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    response = client.get(consultation.url)
    assert response.context["contributions"][0].supported_by_me


def test_support_sorting_most_supported_first(client, consultation, make_contribution):
    quiet = make_contribution(consultation, text="Stil")
    popular = make_contribution(
        consultation,
        text="Populair",
        support_count=5,
        created_at=timezone.now() - timedelta(days=1),
    )
    newest = client.get(consultation.url).context["contributions"]
    assert [c.pk for c in newest] == [quiet.pk, popular.pk]
    supported = client.get(consultation.url, {"sort": "support"}).context[
        "contributions"
    ]
    assert [c.pk for c in supported] == [popular.pk, quiet.pk]


def test_report_page_and_post(client, consultation, make_contribution):
    contribution = make_contribution(consultation)
    url = reverse("participation:report", args=[contribution.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "hurtful", "note": "Gemeen"})
    assert response.status_code == 302
    assert contribution.reports.get().note == "Gemeen"


def test_hidden_contribution_shows_the_reason_not_the_text(
    client, consultation, make_contribution
):
    make_contribution(
        consultation,
        text="Geheime tekst",
        hidden_at=timezone.now(),
        hidden_reason="Persoonlijke gegevens",
    )
    content = client.get(consultation.url).content.decode()
    assert "Geheime tekst" not in content
    assert "Persoonlijke gegevens" in content


def test_subscribe_and_unsubscribe_by_link(client, consultation):
    response = client.post(
        reverse("participation:subscribe", args=[consultation.pk]),
        {"email": "sam@example.test", "consent": "on"},
    )
    assert response.status_code == 302
    subscription = FeedbackSubscription.objects.get()
    url = reverse("participation:unsubscribe", args=[subscription.token])
    assert client.get(url).status_code == 200
    assert FeedbackSubscription.objects.exists()  # a link scanner deletes nothing
    client.post(url)
    assert not FeedbackSubscription.objects.exists()


def test_subscribe_without_consent_is_refused(client, consultation):
    response = client.post(
        reverse("participation:subscribe", args=[consultation.pk]),
        {"email": "sam@example.test"},
    )
    assert response.status_code == 422
    assert not FeedbackSubscription.objects.exists()


# Moderation ----------------------------------------------------------------


def test_moderator_sees_reported_contributions(
    client, consultation, make_contribution, moderator, django_assert_max_num_queries
):
    contribution = make_contribution(consultation)
    contribution.reports.create(reason="spam", participant_key="k")
    for n in range(5):
        other = make_contribution(consultation, text=f"Ook gemeld {n}")
        other.reports.create(reason="spam", participant_key="k")
    client.force_login(moderator)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("participation:moderation"))
    assert response.status_code == 200
    assert contribution in response.context["contributions"]


def test_moderator_hides_with_a_reason_and_restores(
    client, consultation, make_contribution, moderator
):
    contribution = make_contribution(consultation)
    client.force_login(moderator)
    hide = reverse("participation:hide", args=[contribution.pk])
    assert client.post(hide, {"reason": ""}).status_code == 422
    client.post(hide, {"reason": "Scheldwoord", "next": "/doe-mee/moderatie/"})
    contribution.refresh_from_db()
    assert contribution.hidden_reason == "Scheldwoord"
    client.post(reverse("participation:restore", args=[contribution.pk]))
    contribution.refresh_from_db()
    assert not contribution.is_hidden


@pytest.mark.parametrize("who", ["anonymous", "other_organisation", "wrong_role"])
def test_people_who_may_not_moderate(
    client,
    who,
    consultation,
    make_contribution,
    user_factory,
    membership_factory,
    organisation_factory,
):
    contribution = make_contribution(consultation)
    if who == "other_organisation":
        user = user_factory()
        membership_factory(
            user=user, organisation=organisation_factory(), role=Role.MODERATOR
        )
        client.force_login(user)
    elif who == "wrong_role":
        user = user_factory()
        membership_factory(
            user=user, organisation=consultation.organisation, role=Role.CASE_HANDLER
        )
        client.force_login(user)
    hide = client.post(
        reverse("participation:hide", args=[contribution.pk]), {"reason": "Weg"}
    )
    restore = client.post(reverse("participation:restore", args=[contribution.pk]))
    listing = client.get(reverse("participation:moderation"))
    if who == "anonymous":
        assert hide.status_code == restore.status_code == listing.status_code == 302
    else:
        assert hide.status_code == restore.status_code == listing.status_code == 403
    contribution.refresh_from_db()
    assert not contribution.is_hidden


def test_a_moderator_of_another_organisation_does_not_see_our_reports(
    client,
    consultation,
    make_contribution,
    make_consultation,
    organisation_factory,
    user_factory,
    membership_factory,
):
    other_org = organisation_factory()
    theirs = make_consultation(organisation=other_org)
    their_moderator = user_factory()
    membership_factory(
        user=their_moderator, organisation=other_org, role=Role.MODERATOR
    )
    ours = make_contribution(consultation)
    ours.reports.create(reason="spam", participant_key="k")
    client.force_login(their_moderator)
    response = client.get(reverse("participation:moderation"), {"show": "all"})
    assert ours not in response.context["contributions"]
    assert list(response.context["consultations"]) == [theirs]


def test_publish_feedback_by_policy_officer_only(
    client, make_consultation, policy_officer, moderator
):
    consultation = make_consultation("past")
    FeedbackItem.objects.create(
        consultation=consultation, what_we_heard="Wachten", what_we_did="Sneller"
    )
    url = reverse("participation:publish_feedback", args=[consultation.pk])
    client.force_login(moderator)  # moderates, but does not speak for the policy
    assert client.post(url).status_code == 403
    client.force_login(policy_officer)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is not None
    response = client.get(consultation.url)
    assert b'id="feedback"' in response.content
    assert b"Sneller" in response.content


def test_published_feedback_cites_contributions_and_live_questions(
    client, make_consultation, make_contribution
):
    from participation.live.models import LiveSession, Question

    consultation = make_consultation("past")
    cited = make_contribution(consultation, text="Gratis sportpas")
    session = LiveSession.objects.create(
        consultation=consultation,
        title="Live avond",
        starts_at=timezone.now() - timedelta(days=20),
        state="ended",
    )
    question = Question.objects.create(
        session=session, nickname="Rik", text="Wanneer komt de pas?", status="published"
    )
    item = FeedbackItem.objects.create(
        consultation=consultation, what_we_heard="Te duur", what_we_did="Gratis pas"
    )
    item.contributions.add(cited)
    question.feedback_items.add(item)
    consultation.feedback_published_at = timezone.now()
    consultation.save()
    content = client.get(consultation.url).content.decode()
    assert "Gratis pas" in content
    assert "Gratis sportpas" in content
    assert "Wanneer komt de pas?" in content
    assert "Live avond" in content  # the live app's section
