"""Sending adopted advice to the addressee, the answer clock, and the reminders
before and on the due date."""

from datetime import date, timedelta

from django.core.management import call_command
from django.utils import formats, timezone, translation

from wagtail.models import Site

import pytest

from councils.models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    CouncilIndexPage,
)
from councils.rules import answer_due_on
from councils.services.dispatch import send_advice
from councils.services.reminders import Reminder, reminder_due, send_reminders
from inspraak.notifications.kinds import Frequency
from inspraak.notifications.models import PendingNotification
from inspraak.notifications.services import set_preference
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_index(db):
    """Under the site's home page, so advice has a URL for the e-mail's link."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))


@pytest.fixture
def unsent(make_advice, council, organisation):
    """Adopted advice that has not gone out yet."""
    advice = make_advice(council, organisation, slug="advies-jeugdhulp")
    AdvicePage.objects.filter(pk=advice.pk).update(adopted_on=timezone.localdate())
    return AdvicePage.objects.get(pk=advice.pk)


@pytest.fixture
def english_staff(user_factory, membership_factory, organisation):
    user = user_factory(preferred_language="en")
    membership_factory(user=user, organisation=organisation, role=Role.POLICY)
    return user


def mails_to(mailoutbox, user):
    return [mail for mail in mailoutbox if user.email in mail.to]


# Sending ----------------------------------------------------------------------


def test_sending_starts_the_answer_clock(unsent, council):
    today = timezone.localdate()

    dispatch = send_advice(unsent)

    assert dispatch.sent_on == today
    assert dispatch.answer_due_on == answer_due_on(today, council.answer_period_weeks)


def test_sending_mails_the_answering_staff_in_their_language(
    unsent, staff, english_staff, mailoutbox
):
    dispatch = send_advice(unsent)

    [dutch] = mails_to(mailoutbox, staff)
    [english] = mails_to(mailoutbox, english_staff)
    assert f"http://testserver{unsent.url}" in dutch.body
    assert unsent.summary in dutch.body
    with translation.override("nl"):
        due_in_dutch = formats.date_format(dispatch.answer_due_on, "DATE_FORMAT")
    assert due_in_dutch in dutch.body
    assert "Please answer by" in english.body
    assert unsent.title in english.subject


def test_sending_skips_staff_without_an_answering_role(
    unsent, staff, user_factory, membership_factory, organisation, mailoutbox
):
    handler = user_factory()
    membership_factory(user=handler, organisation=organisation, role=Role.CASE_HANDLER)
    former = user_factory()
    membership_factory(
        user=former,
        organisation=organisation,
        role=Role.ADVICE_RESPONDER,
        ends_on=timezone.localdate() - timedelta(days=1),
    )

    send_advice(unsent)

    assert mails_to(mailoutbox, staff)
    assert not mails_to(mailoutbox, handler)
    assert not mails_to(mailoutbox, former)


def test_without_answering_staff_the_general_address_gets_the_advice(
    unsent, organisation, mailoutbox
):
    organisation.email = "post@rivierstad.example"
    organisation.save()

    send_advice(unsent)

    assert [mail.to for mail in mailoutbox] == [["post@rivierstad.example"]]


def test_sending_twice_sends_once_and_keeps_the_clock(unsent, staff, mailoutbox):
    first = send_advice(unsent, today=date(2026, 3, 2))

    second = send_advice(unsent, today=date(2026, 3, 9))

    assert second.pk == first.pk
    assert second.sent_on == date(2026, 3, 2)
    assert len(mails_to(mailoutbox, staff)) == 1


def test_first_publication_sends_and_adopts(make_advice, council, organisation, staff):
    advice = make_advice(council, organisation, slug="direct")
    advice.save_revision().publish()

    advice.refresh_from_db()
    assert advice.adopted_on == timezone.localdate()
    assert AdviceDispatch.objects.filter(advice=advice).exists()


# Reminders ----------------------------------------------------------------------

DUE = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - timedelta(days=8), None),
        (DUE - timedelta(days=7), Reminder.BEFORE),
        (DUE - timedelta(days=3), Reminder.BEFORE),  # the job missed a day
        (DUE - timedelta(days=1), Reminder.BEFORE),
        (DUE, Reminder.DUE),
        (DUE + timedelta(days=6), Reminder.DUE),  # caught up within a week
        (DUE + timedelta(days=7), None),
    ],
)
def test_which_reminder_which_day(today, expected):
    dispatch = AdviceDispatch(sent_on=DUE - timedelta(weeks=6), answer_due_on=DUE)

    assert reminder_due(dispatch, today) == expected


def test_each_reminder_goes_once():
    dispatch = AdviceDispatch(
        sent_on=DUE - timedelta(weeks=6),
        answer_due_on=DUE,
        reminder_before_sent_on=DUE - timedelta(days=7),
        reminder_due_sent_on=DUE,
    )

    assert reminder_due(dispatch, DUE - timedelta(days=3)) is None
    assert reminder_due(dispatch, DUE + timedelta(days=1)) is None


def test_no_reminder_on_the_day_of_sending():
    """With a one-week answer period the week before the due date is the sending
    day: the advice itself just arrived, so no reminder yet."""
    dispatch = AdviceDispatch(sent_on=DUE - timedelta(days=7), answer_due_on=DUE)

    assert reminder_due(dispatch, DUE - timedelta(days=7)) is None


@pytest.fixture
def wants_reminders_at_once(staff):
    """Staff reminders wait for the daily digest unless the person chose "straight
    away"."""
    set_preference(
        staff, "staff_deadline_reminder", enabled=True, frequency=Frequency.IMMEDIATE
    )


@pytest.fixture
def sent_advice(make_advice, council, organisation):
    advice = make_advice(council, organisation, slug="verstuurd")
    AdviceDispatch.objects.create(
        advice=advice, sent_on=DUE - timedelta(weeks=6), answer_due_on=DUE
    )
    return advice


@pytest.mark.parametrize(
    ("today", "field"),
    [
        (DUE - timedelta(days=7), "reminder_before_sent_on"),
        (DUE, "reminder_due_sent_on"),
    ],
)
def test_reminder_reaches_the_staff_once(
    sent_advice, staff, wants_reminders_at_once, mailoutbox, today, field
):
    first = send_reminders(today)
    second = send_reminders(today)

    assert (first, second) == (1, 0)
    [mail] = mails_to(mailoutbox, staff)
    assert sent_advice.title in mail.subject
    assert getattr(AdviceDispatch.objects.get(), field) == today


def test_answered_advice_gets_no_reminder(sent_advice, staff, mailoutbox):
    AdviceAnswer.objects.create(
        advice=sent_advice,
        verdict=AdviceAnswer.Verdict.ADOPTED,
        summary="We nemen het advies over.",
    )

    assert send_reminders(DUE) == 0
    assert not mailoutbox


def test_reminders_respect_the_staff_members_choice(sent_advice, staff, mailoutbox):
    set_preference(staff, "staff_deadline_reminder", enabled=False)

    send_reminders(DUE)

    assert not mails_to(mailoutbox, staff)


def test_by_default_a_reminder_waits_for_the_daily_digest(sent_advice, staff):
    send_reminders(DUE)

    [pending] = PendingNotification.objects.filter(user=staff)
    assert sent_advice.title in pending.subject


def test_command_runs_daily(
    sent_advice, staff, wants_reminders_at_once, mailoutbox, time_machine
):
    time_machine.move_to(DUE - timedelta(days=7))

    call_command("send_advice_reminders", verbosity=0)
    call_command("send_advice_reminders", verbosity=0)

    assert len(mails_to(mailoutbox, staff)) == 1
