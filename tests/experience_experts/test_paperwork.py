"""Calendar feed, reminders the day before, invoices for freelancers and the CSV for
the finance department."""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

import pytest

from experience_experts.exceptions import Refused
from experience_experts.models import ExpertProfile
from experience_experts.services import (
    applications,
    bookings,
    calendar,
    invoices,
    reminders,
)
from experience_experts.services import hours as work_hours

from .conftest import make_assignment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def book_and_confirm(organiser, expert, assignment):
    booking = bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    return bookings.confirm(expert, booking)


def test_the_reminder_goes_once_the_day_before(
    organiser, expert, municipality, mailoutbox
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assignment = make_assignment(municipality, sessions=[(tomorrow, (14,), (16,))])
    book_and_confirm(organiser, expert, assignment)
    mailoutbox.clear()

    call_command("send_session_reminders", verbosity=0)
    call_command("send_session_reminders", verbosity=0)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [expert.email]
    assert "14:00" in mailoutbox[0].body


def test_no_reminder_for_unconfirmed_bookings_or_other_days(
    organiser, expert, other_expert, municipality, mailoutbox
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    waiting = make_assignment(municipality, sessions=[(tomorrow, (9,), (10,))])
    bookings.book(organiser, applications.apply(other_expert, waiting, "a"))
    later = make_assignment(
        municipality, sessions=[(tomorrow + datetime.timedelta(1), (9,), (10,))]
    )
    book_and_confirm(organiser, expert, later)
    mailoutbox.clear()
    assert reminders.send_session_reminders() == 0
    assert mailoutbox == []


def test_the_calendar_feed_lists_confirmed_sessions_behind_a_secret_link(
    client, organiser, expert, municipality, assignment
):
    book_and_confirm(organiser, expert, assignment)
    profile = ExpertProfile.objects.get(user=expert)
    url = f"/ervaringsdeskundigen/agenda/{profile.calendar_token}.ics"

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and assignment.title in body
    assert client.get("/ervaringsdeskundigen/agenda/wrong-token.ics").status_code == 404


def test_a_new_calendar_link_kills_the_old_one(client, expert):
    profile = ExpertProfile.objects.get(user=expert)
    old = profile.calendar_token
    client.force_login(expert)
    client.post("/ervaringsdeskundigen/agenda/")
    profile.refresh_from_db()
    assert profile.calendar_token != old
    assert client.get(f"/ervaringsdeskundigen/agenda/{old}.ics").status_code == 404


def test_unconfirmed_sessions_stay_out_of_the_calendar(organiser, expert, assignment):
    bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    feed = calendar.calendar_feed(ExpertProfile.objects.get(user=expert))
    assert "BEGIN:VEVENT" not in feed


@pytest.fixture
def freelancer_log(organiser, municipality):
    from .conftest import make_expert

    profile = make_expert(
        name="Fleur Freelance",
        pay_mode="freelancer",
        kvk_number="12345678",
        vat_liable=True,
        vat_number="NL001234567B01",
        invoice_address="Kerkstraat 1, Oost",
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assignment = make_assignment(
        municipality, fee_amount=Decimal("75.00"), sessions=[(tomorrow, (9,), (12,))]
    )
    booking = book_and_confirm(organiser, profile.user, assignment)
    assignment.sessions.update(date=datetime.date(2025, 5, 5))
    log = work_hours.log_hours(
        profile.user,
        booking,
        assignment.sessions.get(),
        hours=Decimal("3"),
        travel_costs=Decimal("12.40"),
    )
    return work_hours.approve_hours(organiser, log, paid_on=datetime.date(2025, 5, 9))


def test_a_freelancer_downloads_an_invoice_with_kvk_and_vat(client, freelancer_log):
    booking = freelancer_log.booking
    data = invoices.invoice_data(booking)
    assert data.kvk_number == "12345678" and data.vat_liable
    assert data.lines[0].quantity == Decimal("3")
    assert data.lines[0].unit_price == Decimal("75.00")
    assert data.travel == Decimal("12.40")
    assert data.organisation_name == "Gemeente Oost"

    client.force_login(booking.expert)
    response = client.get(f"/ervaringsdeskundigen/boekingen/{booking.pk}/factuur/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_volunteer_gets_no_invoice(organiser, expert, assignment):
    booking = book_and_confirm(organiser, expert, assignment)
    with pytest.raises(Refused, match="freelancers"):
        invoices.invoice_pdf(booking)


def test_the_finance_csv_holds_approved_hours_of_the_own_organisation(
    client, organiser, other_organiser, freelancer_log
):
    client.force_login(organiser)
    response = client.get("/ervaringsdeskundigen/export/?year=2025")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].split(";")[:3] == ["booking", "assignment", "expert"]
    assert len(lines) == 2
    assert "Fleur Freelance" in lines[1] and "12345678" in lines[1]
    assert "237.40" in lines[1]  # 3 × 75 + 12.40

    client.force_login(other_organiser)
    response = client.get("/ervaringsdeskundigen/export/?year=2025")
    assert (
        len(b"".join(response.streaming_content).decode().strip().splitlines()) == 1
    )  # header only


def test_the_finance_csv_writes_a_hostile_name_as_text(
    client, organiser, freelancer_log
):
    import csv
    import io

    expert = freelancer_log.booking.expert
    expert.display_name = "=cmd|' /C calc'!A0"
    expert.save()
    client.force_login(organiser)
    response = client.get("/ervaringsdeskundigen/export/?year=2025")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"
        )
    )
    assert rows[1][2] == "'=cmd|' /C calc'!A0"
    assert rows[1][9] == "237.40"  # amounts stay numbers


def test_the_finance_csv_is_for_organisations_only(client, expert):
    client.force_login(expert)
    assert client.get("/ervaringsdeskundigen/export/").status_code == 403
