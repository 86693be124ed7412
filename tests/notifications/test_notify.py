"""notify(): the person's choice per kind decides whether and when they get e-mail."""

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy

import pytest
from allauth.account.models import EmailAddress

from inspraak.notifications.models import PendingNotification
from inspraak.notifications.services import (
    Outcome,
    notify,
    send_digests,
    set_preference,
)
from inspraak.notifications.tokens import read_token


def _notify(user, kind="advice_answered", **kwargs):
    kwargs.setdefault("subject", "Je advies is beantwoord")
    kwargs.setdefault("body", "De gemeente heeft gereageerd op jullie advies.")
    kwargs.setdefault("url", "/adviezen/1/")
    return notify(user, kind, **kwargs)


def test_an_immediate_kind_is_sent_at_once(person, mailoutbox):
    assert _notify(person) == Outcome.SENT

    [mail] = mailoutbox
    assert mail.to == [person.email]
    assert mail.subject == "Je advies is beantwoord"
    assert "De gemeente heeft gereageerd" in mail.body
    assert "http://testserver/adviezen/1/" in mail.body
    assert "Sanne" in mail.body


def test_every_mail_has_one_click_unsubscribe_headers(person, mailoutbox):
    _notify(person)

    message = mailoutbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/meldingen/")
    assert url.endswith("/uitschrijven/")


def test_the_footer_links_to_this_persons_preferences(person, mailoutbox):
    _notify(person)

    [footer_link] = [
        line for line in mailoutbox[0].body.splitlines() if "/meldingen/" in line
    ]
    assert footer_link.startswith("http://testserver/meldingen/")
    token = footer_link.rstrip("/").rsplit("/", 1)[-1]
    user, kind = read_token(token)
    assert (user, kind.key) == (person, "advice_answered")


def test_the_mail_is_in_the_persons_language(user_factory, mailoutbox):
    dutch = user_factory(preferred_language="nl")
    english = user_factory(preferred_language="en")

    for user in (dutch, english):
        _notify(user, subject=gettext_lazy("Search"))

    assert [mail.subject for mail in mailoutbox] == ["Zoeken", "Search"]
    assert "http://testserver/en/meldingen/" in mailoutbox[1].body
    assert "Change which e-mails you get" in mailoutbox[1].body
    assert "/en/" not in mailoutbox[0].body


def test_a_kind_switched_off_is_not_sent(person, mailoutbox):
    set_preference(person, "advice_answered", enabled=False)

    assert _notify(person) == Outcome.SWITCHED_OFF
    assert mailoutbox == []
    assert not PendingNotification.objects.exists()


def test_a_daily_kind_waits_for_the_digest(person, mailoutbox):
    set_preference(person, "advice_answered", enabled=True, frequency="daily")

    assert _notify(person) == Outcome.QUEUED
    assert mailoutbox == []
    pending = PendingNotification.objects.get()
    assert (pending.user, pending.kind, pending.sent_at) == (
        person,
        "advice_answered",
        None,
    )


def test_a_required_kind_is_sent_at_once_whatever_was_chosen(person, mailoutbox):
    from inspraak.notifications.models import NotificationPreference

    NotificationPreference.objects.create(
        user=person, kind="case_acknowledgement", enabled=False, frequency="daily"
    )
    person.preferred_language = "en"

    outcome = _notify(
        person, "case_acknowledgement", subject="We hebben je klacht ontvangen"
    )

    assert outcome == Outcome.SENT
    assert len(mailoutbox) == 1
    assert "the law says we must send it" in mailoutbox[0].body.replace("\n", " ")


def test_an_inactive_person_gets_nothing(user_factory, mailoutbox):
    user = user_factory(is_active=False)

    assert _notify(user, "case_acknowledgement") == Outcome.UNREACHABLE
    assert mailoutbox == []


def test_an_unconfirmed_address_gets_nothing(user_factory, mailoutbox):
    # The address may be someone else's typo: they never asked for our e-mail.
    user = user_factory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False)

    assert _notify(user) == Outcome.UNREACHABLE
    assert mailoutbox == []


def test_staff_kinds_reach_only_staff(person, membership_factory, mailoutbox):
    handler = membership_factory().user

    assert _notify(person, "staff_deadline_reminder") == Outcome.NOT_FOR_USER
    assert _notify(handler, "staff_deadline_reminder") == Outcome.QUEUED


def test_subjects_are_kept_on_one_line(person, mailoutbox):
    _notify(person, subject="Twee\nregels")

    assert mailoutbox[0].subject == "Twee regels"


# The daily digest ------------------------------------------------------------


@pytest.fixture
def daily(person):
    for kind in ("advice_answered", "case_update"):
        set_preference(person, kind, enabled=True, frequency="daily")
    return person


def test_the_digest_sends_one_mail_with_everything(daily, other_person, mailoutbox):
    _notify(daily, subject="Eerste bericht")
    _notify(daily, "case_update", subject="Tweede bericht", url="")
    set_preference(other_person, "case_update", enabled=True, frequency="daily")
    _notify(other_person, "case_update", subject="Voor Bram")

    assert send_digests() == 2

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    mine = by_address[daily.email]
    assert "Eerste bericht" in mine.body
    assert "Tweede bericht" in mine.body
    assert "Voor Bram" not in mine.body
    assert mine.subject.startswith("2 ")
    assert mine.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not PendingNotification.objects.unsent().exists()


def test_the_digest_is_sent_only_once(daily, mailoutbox):
    _notify(daily)

    assert send_digests() == 1
    assert send_digests() == 0
    assert len(mailoutbox) == 1


def test_the_digest_leaves_later_notifications_for_the_next_run(daily, mailoutbox):
    cutoff = timezone.now()
    _notify(daily)

    assert send_digests(now=cutoff) == 0
    assert send_digests() == 1


def test_the_digest_drops_what_was_switched_off_since(daily, mailoutbox):
    _notify(daily)
    set_preference(daily, "advice_answered", enabled=False)

    assert send_digests() == 0
    assert mailoutbox == []
    assert not PendingNotification.objects.exists()


def test_the_management_command_sends_the_digests(daily, mailoutbox):
    _notify(daily)

    call_command("send_notification_digests", verbosity=0)

    assert len(mailoutbox) == 1
