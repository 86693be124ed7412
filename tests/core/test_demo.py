"""`make run` seeds demo content every time it starts: the second run must add nothing."""

import time

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Site

import pytest

from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation
from inspraak.pages.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    PrivacyStatementPage,
    SiteSettings,
)

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Page.objects.count(),
    )


def test_seeding_twice_adds_nothing(demo_site, settings):
    before = counts()
    settings.DEBUG = True
    call_command("seed_demo", "--quiet")

    assert counts() == before
    assert before[0] == 19  # one account per role, council chairs, an under-16, experts
    assert (
        Organisation.objects.get(
            slug="regio-midden-voorland"
        ).member_municipalities.count()
        == 2
    )


def test_demo_statements_are_statement_pages_in_both_languages(demo_site):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    for model in (AccessibilityStatementPage, PrivacyStatementPage):
        nl = model.objects.get(locale__language_code="nl", live=True)
        en = model.objects.get(locale__language_code="en", live=True)
        assert en.translation_key == nl.translation_key
        assert en.summary != nl.summary  # written in each language
    assert site_settings.accessibility_statement.specific_class is (
        AccessibilityStatementPage
    )
    assert site_settings.privacy_statement.specific_class is PrivacyStatementPage
    accessibility = AccessibilityStatementPage.objects.get(locale__language_code="nl")
    assert accessibility.status == AccessibilityStatementPage.Status.PARTIALLY_COMPLIANT


def test_seeding_replaces_statements_of_an_older_demo(demo_site, settings):
    """Older demos made the statements content pages; a new run swaps them."""
    before = counts()
    home = HomePage.objects.get(locale__language_code="nl")
    home_en = HomePage.objects.get(locale__language_code="en")
    for model in (AccessibilityStatementPage, PrivacyStatementPage):
        for page in model.objects.all():
            page.delete()
    for slug in ("toegankelijkheid", "privacy"):
        old = home.add_child(instance=ContentPage(title=slug, slug=slug))
        old.copy_for_translation(home_en.locale)

    settings.DEBUG = True
    call_command("seed_demo", "--quiet")

    assert counts() == before
    assert not ContentPage.objects.filter(slug__in=["toegankelijkheid", "privacy"])
    assert PrivacyStatementPage.objects.filter(slug="privacy").count() == 2


def test_demo_accounts_can_log_in(client, demo_site):
    response = client.post(
        "/accounts/login/",
        {"login": "jongere@inspraak.test", "password": "inspraak-demo"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_demo_case_handler_logs_in_with_the_demo_code(client, demo_site):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from inspraak.core.demo.people import DEMO_TOTP_SECRET

    response = client.post(
        "/accounts/login/",
        {"login": "klachten@voorstad.test", "password": "inspraak-demo"},
    )
    assert response.url.endswith("/accounts/2fa/authenticate/")
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" in client.session


def test_seeding_is_refused_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", "--quiet")


def test_demo_councils_have_advice_in_every_state(demo_site):
    from councils.models import AdvicePage, AdviceRequest, CouncilPage
    from councils.models.advice import AdviceStatus

    assert set(CouncilPage.objects.values_list("kind", flat=True)) >= {
        CouncilPage.Kind.YOUTH,
        CouncilPage.Kind.CLIENT,
    }
    statuses = set(AdvicePage.objects.with_status().values_list("status", flat=True))
    assert statuses == set(AdviceStatus.values)
    assert AdviceRequest.objects.filter(status=AdviceRequest.Status.OPEN).exists()
    answering_request = AdvicePage.objects.get(request__isnull=False)
    assert answering_request.council.kind == CouncilPage.Kind.CLIENT


def test_demo_cases_cover_every_kind_and_one_is_late(demo_site):
    from complaints.models import Case

    cases = list(Case.objects.select_related("organisation"))
    assert {case.kind for case in cases} == set(Case.Kind.values)
    assert {case.organisation.slug for case in cases} == {
        "gemeente-voorstad",
        "gemeente-noorddorp",
        "jeugdhulp-de-brug",
    }
    assert any(case.is_overdue() for case in cases)
    assert any(case.is_late for case in cases)
    assert any(case.status == Case.Status.REPAIR_REQUESTED for case in cases)


def test_demo_case_handlers_use_two_step_verification(demo_site):
    handler = User.objects.get(email="klachten@voorstad.test")
    assert handler.authenticator_set.filter(type="totp").exists()


def test_demo_live_sessions_end_after_they_start_within_their_consultation(
    demo_site,
):
    from participation.live.models import LiveSession

    sessions = list(LiveSession.objects.select_related("consultation"))
    assert sessions
    for session in sessions:
        assert session.ends_at and session.ends_at > session.starts_at, session
        # Shown as "12 augustus 2026, 12:00 – 13:00": a session lasts hours.
        assert (session.ends_at - session.starts_at).total_seconds() < 12 * 3600
        # "Live 7 december" on the consultation means a session on that day.
        consultation = session.consultation
        assert (
            consultation.live_starts_at
            <= session.starts_at
            < session.ends_at
            <= consultation.live_ends_at
        ), session
