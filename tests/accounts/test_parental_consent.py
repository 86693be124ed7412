"""Under 16 a parent or guardian consents to an account (AVG art. 8, UAVG art. 5)."""

import re
from datetime import date, timedelta

from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

import pytest
import time_machine

from inspraak.accounts import consent as consent_service
from inspraak.accounts.decorators import posting_allowed
from inspraak.accounts.models import ParentalConsent, User

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"
TODAY = date(2026, 11, 22)


def signup_data(**overrides):
    data = {
        "email": "sam@example.test",
        "display_name": "Sam",
        "age_group": "under_16",
        "date_of_birth": "2012-03-14",
        "parent_email": "ouder@example.test",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def link_in(message, pattern) -> str:
    return re.search(rf"https?://[^\s]+{pattern}[^\s]+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up_and_confirm(client, mailoutbox, **overrides) -> User:
    response = client.post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 302, response.context["form"].errors
    confirm = link_in(mailoutbox[-1], "/accounts/confirm-email/")
    client.post(path_of(confirm))
    return User.objects.get(email=overrides.get("email", "sam@example.test"))


def can_post(user) -> int:
    """Status of a real posting view guarded by `posting_allowed` for this user."""
    request = RequestFactory().post("/post/")
    request.user = User.objects.get(pk=user.pk)  # fresh: no cached consent
    return posting_allowed(lambda request: HttpResponse("posted"))(request).status_code


@time_machine.travel(TODAY, tick=False)
def test_under_16_from_sign_up_to_consent_to_posting(client, mailoutbox):
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    sam = User.objects.get(email="sam@example.test")
    assert sam.parental_consent.status == ParentalConsent.Status.PENDING
    # Nothing goes to the parent before Sam proved the address is theirs.
    assert [m.to for m in mailoutbox] == [["sam@example.test"]]
    assert can_post(sam) == 403

    client.post(path_of(link_in(mailoutbox[-1], "/accounts/confirm-email/")))
    to_parent = mailoutbox[-1]
    assert to_parent.to == ["ouder@example.test"]
    assert "Sam" in to_parent.subject
    assert "jonger dan 16" in to_parent.body  # Sam signed up in Dutch
    consent_link = path_of(link_in(to_parent, "/toestemming/"))

    # Sam can sign in and read, but a posting view refuses.
    client.post("/accounts/login/", {"login": "sam@example.test", "password": PASSWORD})
    assert client.get("/accounts/profile/").status_code == 200
    assert can_post(sam) == 403

    # The parent opens the link without an account; looking changes nothing.
    parent = client.__class__()
    page = parent.get(consent_link)
    assert page.status_code == 200
    assert b"Sam" in page.content
    sam.parental_consent.refresh_from_db()
    assert sam.parental_consent.status == ParentalConsent.Status.PENDING

    # Giving consent needs the parent to confirm who they are.
    unconfirmed = parent.post(consent_link, {"action": "give"})
    assert unconfirmed.status_code == 200
    assert "confirm_parent" in unconfirmed.context["form"].errors

    parent.post(consent_link, {"action": "give", "confirm_parent": "on"})
    consent = ParentalConsent.objects.get(user=sam)
    assert consent.status == ParentalConsent.Status.GIVEN
    assert consent.given_at == timezone.now()
    assert mailoutbox[-1].to == ["sam@example.test"]
    assert can_post(sam) == 200

    # Withdrawing restricts the account again; the date is recorded.
    parent.post(consent_link, {"action": "withdraw"})
    consent.refresh_from_db()
    assert consent.status == ParentalConsent.Status.WITHDRAWN
    assert consent.withdrawn_at is not None
    assert can_post(sam) == 403


@time_machine.travel(TODAY, tick=False)
def test_refusal_is_recorded_and_keeps_the_account_limited(client, mailoutbox):
    sam = sign_up_and_confirm(client, mailoutbox)
    consent_link = path_of(link_in(mailoutbox[-1], "/toestemming/"))

    client.post(consent_link, {"action": "refuse"})

    consent = ParentalConsent.objects.get(user=sam)
    assert consent.status == ParentalConsent.Status.REFUSED
    assert consent.refused_at == timezone.now()
    assert consent.given_at is None
    assert can_post(sam) == 403
    assert mailoutbox[-1].to == ["sam@example.test"]
    # A refusal is not the end: the parent may still change their mind.
    client.post(consent_link, {"action": "give", "confirm_parent": "on"})
    assert can_post(sam) == 200


def test_a_forged_or_replaced_link_does_nothing(client, mailoutbox):
    sam = sign_up_and_confirm(client, mailoutbox)
    old_link = path_of(link_in(mailoutbox[-1], "/toestemming/"))

    forged = old_link.rstrip("/")[:-3] + "abc/"
    assert client.get(forged).status_code == 404
    assert client.post(forged, {"action": "refuse"}).status_code == 404

    # Sam sends the request to the other parent: the first link stops working.
    client.force_login(sam)
    client.post("/accounts/toestemming/", {"parent_email": "andere-ouder@example.test"})
    assert mailoutbox[-1].to == ["andere-ouder@example.test"]
    assert (
        client.post(old_link, {"action": "give", "confirm_parent": "on"}).status_code
        == 404
    )
    assert (
        ParentalConsent.objects.get(user=sam).status == ParentalConsent.Status.PENDING
    )


def test_the_parent_address_cannot_be_the_young_persons_own(client, mailoutbox):
    response = client.post(
        "/accounts/signup/", signup_data(parent_email="SAM@example.test")
    )
    assert response.status_code == 200
    assert "parent_email" in response.context["form"].errors
    assert not User.objects.filter(email="sam@example.test").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date_of_birth": ""}, "date_of_birth"),
        ({"parent_email": ""}, "parent_email"),
        ({"date_of_birth": "2000-01-01"}, "date_of_birth"),  # not under 16
        ({"age_group": "16_or_older", "date_of_birth": "2013-01-01"}, "date_of_birth"),
        ({"age_group": ""}, "age_group"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_sign_up_explains_what_is_missing(client, overrides, field):
    response = client.post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    # What was typed stays in the form.
    assert response.context["form"]["display_name"].value() == "Sam"


@time_machine.travel(TODAY, tick=False)
def test_16_or_older_needs_no_date_and_no_consent(client, mailoutbox):
    sign_up_and_confirm(
        client,
        mailoutbox,
        email="noor@example.test",
        age_group="16_or_older",
        date_of_birth="",
        parent_email="",
    )
    noor = User.objects.get(email="noor@example.test")
    assert not ParentalConsent.objects.filter(user=noor).exists()
    assert noor.can_post
    assert len(mailoutbox) == 1  # only the verification mail


def test_one_reminder_after_a_week(client, mailoutbox):
    with time_machine.travel(date(2026, 11, 1), tick=False):
        sam = sign_up_and_confirm(client, mailoutbox)
    sent = len(mailoutbox)

    with time_machine.travel(date(2026, 11, 7), tick=False):
        assert consent_service.send_reminders() == 0
    with time_machine.travel(date(2026, 11, 8), tick=False):
        call_command("update_parental_consent")
    assert len(mailoutbox) == sent + 1
    reminder = mailoutbox[-1]
    assert reminder.to == ["ouder@example.test"]
    assert "Herinnering" in reminder.subject
    # The reminder's link is the same working link.
    client.post(
        path_of(link_in(reminder, "/toestemming/")),
        {"action": "give", "confirm_parent": "on"},
    )
    assert ParentalConsent.objects.get(user=sam).status == ParentalConsent.Status.GIVEN

    with time_machine.travel(date(2026, 11, 30), tick=False):
        call_command("update_parental_consent")
    assert len(mailoutbox) == sent + 2  # only the "consent given" mail to Sam


@pytest.mark.parametrize(
    ("born", "day_before_16", "sixteenth"),
    [
        (date(2010, 11, 23), date(2026, 11, 22), date(2026, 11, 23)),
        (date(2010, 12, 31), date(2026, 12, 30), date(2026, 12, 31)),
        (date(2008, 2, 29), date(2024, 2, 28), date(2024, 2, 29)),
        # 16 years after 29 February is a leap year again, except across 2100:
        # then the birthday is 1 March.
        (date(2084, 2, 29), date(2100, 2, 28), date(2100, 3, 1)),
        (date(2011, 2, 28), date(2027, 2, 27), date(2027, 2, 28)),
    ],
)
def test_sixteenth_birthday(born, day_before_16, sixteenth):
    assert consent_service.needs_parental_consent(born, day_before_16)
    assert not consent_service.needs_parental_consent(born, sixteenth)
    assert consent_service.sixteenth_birthday(born) == sixteenth


def test_the_limit_lifts_on_the_16th_birthday(client, mailoutbox):
    with time_machine.travel(date(2026, 11, 1), tick=False):
        sam = sign_up_and_confirm(client, mailoutbox, date_of_birth="2010-11-23")
        client.post(
            path_of(link_in(mailoutbox[-1], "/toestemming/")), {"action": "refuse"}
        )
    assert can_post(sam) == 403

    with time_machine.travel(date(2026, 11, 22), tick=False):
        call_command("update_parental_consent")
    assert can_post(sam) == 403

    with time_machine.travel(date(2026, 11, 23), tick=False):
        call_command("update_parental_consent")
    consent = ParentalConsent.objects.get(user=sam)
    assert consent.status == ParentalConsent.Status.NOT_NEEDED
    assert consent.parent_email == ""  # no longer needed, so no longer kept
    assert can_post(sam) == 200
    assert mailoutbox[-1].to == ["sam@example.test"]
    # Running it again changes nothing and sends nothing.
    sent = len(mailoutbox)
    with time_machine.travel(date(2026, 11, 24), tick=False):
        call_command("update_parental_consent")
    assert len(mailoutbox) == sent


def test_an_under_16_cannot_drop_the_limit_by_editing_the_date(client, mailoutbox):
    sam = sign_up_and_confirm(client, mailoutbox)
    client.force_login(sam)
    client.post(
        "/accounts/profile/",
        {
            "display_name": "Sam",
            "preferred_language": "nl",
            "date_of_birth": "2000-01-01",
        },
    )
    sam.refresh_from_db()
    assert sam.date_of_birth == date(2012, 3, 14)
    assert can_post(sam) == 403


def test_resending_to_the_same_parent_waits_a_day(client, mailoutbox):
    sam = sign_up_and_confirm(client, mailoutbox)
    client.force_login(sam)
    sent = len(mailoutbox)
    client.post("/accounts/toestemming/", {"parent_email": "ouder@example.test"})
    assert len(mailoutbox) == sent
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        client.force_login(sam)  # sessions last less than a day
        client.post("/accounts/toestemming/", {"parent_email": "ouder@example.test"})
    assert len(mailoutbox) == sent + 1


def test_status_page_is_for_the_young_person_only(client, user_factory):
    adult = user_factory()
    client.force_login(adult)
    response = client.get("/accounts/toestemming/")
    assert response.status_code == 302 and response.url.endswith("/accounts/profile/")
    client.logout()
    assert "/accounts/login/" in client.get("/accounts/toestemming/").url


def test_an_answer_that_is_not_possible_now_changes_nothing(client, mailoutbox):
    sam = sign_up_and_confirm(client, mailoutbox)
    consent_link = path_of(link_in(mailoutbox[-1], "/toestemming/"))
    sent = len(mailoutbox)

    response = client.post(consent_link, {"action": "withdraw"})  # nothing to withdraw

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert (
        ParentalConsent.objects.get(user=sam).status == ParentalConsent.Status.PENDING
    )
    assert len(mailoutbox) == sent
