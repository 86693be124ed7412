"""Bounds: travel costs, hours, dates of birth and years within what the column
holds and what makes sense; a refusal keeps what was typed; a bad stored value or a
bad year in the address never gives a server error."""

import datetime
import decimal
import importlib
from decimal import Decimal

from django.db import connection
from django.utils import timezone

import pytest

from experience_experts.models import ExpertProfile, WorkLog
from experience_experts.services import applications, bookings
from experience_experts.services import hours as work_hours

from .conftest import make_assignment
from .test_views import profile_post as view_profile_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BASE = "/en/ervaringsdeskundigen"  # English pages: refusals in their source text


@pytest.fixture
def past_booking(organiser, expert, municipality):
    assignment = make_assignment(
        municipality,
        travel_reimbursed=True,
        sessions=[(timezone.localdate() + datetime.timedelta(5), (10,), (13,))],
    )
    booking = bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    bookings.confirm(expert, booking)
    assignment.sessions.update(date=timezone.localdate() - datetime.timedelta(2))
    return booking


def log_post(booking, **fields):
    data = {
        "session": booking.assignment.sessions.get().pk,
        "hours": "3",
        "travel_costs": "7.40",
        "note": "Trein",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("travel", ["1e20", "100000", "99999.99", "-1", "NaN"])
def test_travel_costs_beyond_sense_are_refused_and_kept(
    client, expert, past_booking, travel
):
    client.force_login(expert)
    url = f"{BASE}/boekingen/{past_booking.pk}/uren/"
    response = client.post(url, log_post(past_booking, travel_costs=travel))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Check the hours and travel costs you filled in." in page
    assert f'value="{travel}"' in page and 'value="Trein"' in page
    assert not WorkLog.objects.exists()


@pytest.mark.parametrize("hours", ["25", "1e20", "0"])
def test_hours_beyond_a_day_are_refused_and_kept(client, expert, past_booking, hours):
    client.force_login(expert)
    url = f"{BASE}/boekingen/{past_booking.pk}/uren/"
    response = client.post(url, log_post(past_booking, hours=hours))
    assert response.status_code == 200
    assert f'value="{hours}"' in response.content.decode()
    assert not WorkLog.objects.exists()


def test_sensible_travel_costs_are_logged(client, expert, past_booking):
    client.force_login(expert)
    url = f"{BASE}/boekingen/{past_booking.pk}/uren/"
    response = client.post(url, log_post(past_booking, travel_costs="999.99"))
    assert response.status_code == 302
    assert WorkLog.objects.get().travel_costs == Decimal("999.99")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL never stored such a value"
)
def test_travel_costs_stored_before_the_bounds_are_repaired(
    client, organiser, expert, past_booking
):
    """SQLite stored 1e20, after which every page reading the row gave a 500."""
    from django.apps import apps

    repair = importlib.import_module(
        "experience_experts.migrations.0004_bounds"
    ).repair_travel_costs
    session = past_booking.assignment.sessions.get()
    log = work_hours.log_hours(expert, past_booking, session, hours=Decimal("3"))
    WorkLog.objects.filter(pk=log.pk).update(travel_costs=Decimal("1e20"))
    client.force_login(expert)
    booking_url = f"{BASE}/boekingen/{past_booking.pk}/"
    with pytest.raises(decimal.InvalidOperation):
        client.get(booking_url)

    repair(apps, None)

    log.refresh_from_db()
    assert log.travel_costs == 0 and log.status == WorkLog.Status.RETURNED
    year = session.date.year
    for url in (
        booking_url,
        f"{BASE}/boekingen/{past_booking.pk}/overzicht/",
        f"{BASE}/overzicht/{year}/",
        "/mijn-gegevens/",
    ):
        assert client.get(url).status_code == 200, url


def profile_post(**extra):
    """The profile form of test_views, with the consent a new profile needs."""
    return view_profile_post(consent="on", **extra)


@pytest.mark.parametrize(
    "born, message",
    [
        ("9999-01-01", "A date of birth cannot be in the future."),
        ("1850-05-05", "it is before 1900"),
    ],
)
def test_a_date_of_birth_outside_life_is_refused_and_kept(
    client, user_factory, born, message
):
    user = user_factory()
    client.force_login(user)
    response = client.post(
        f"{BASE}/profiel/", profile_post(date_of_birth=born, about="Mijn verhaal")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{born}"' in page and "Mijn verhaal" in page
    assert not ExpertProfile.objects.filter(user=user).exists()


def test_the_statement_survives_a_date_of_birth_stored_before_the_bounds(
    client, expert
):
    ExpertProfile.objects.filter(user=expert).update(
        date_of_birth=datetime.date(9999, 1, 1)
    )
    client.force_login(expert)
    assert client.get(f"{BASE}/overzicht/2025/").status_code == 200


def test_a_profile_text_has_a_length_limit(client, user_factory):
    user = user_factory()
    client.force_login(user)
    response = client.post(f"{BASE}/profiel/", profile_post(about="x" * 10_001))
    assert response.status_code == 200
    assert "This text is too long" in response.content.decode()
    assert not ExpertProfile.objects.filter(user=user).exists()


@pytest.mark.parametrize("year", ["-1", "99999999999999999999", "1899", "abc", "%00"])
def test_a_wrong_year_on_the_finance_export_is_a_400(client, organiser, year):
    client.force_login(organiser)
    response = client.get(f"{BASE}/export/?year={year}")
    assert response.status_code == 400


def test_the_finance_export_takes_a_sensible_year(client, organiser):
    client.force_login(organiser)
    response = client.get(f"{BASE}/export/?year=2025")
    assert response.status_code == 200
    assert "ervaringsdeskundigen-2025.csv" in response["Content-Disposition"]


@pytest.mark.parametrize("year", ["0001", "9999", "99999999999999999999"])
def test_a_year_statement_outside_the_years_is_not_found(client, expert, year):
    client.force_login(expert)
    assert client.get(f"{BASE}/overzicht/{year}/").status_code == 404


def test_huge_numbers_in_addresses_are_not_found(client, expert):
    client.force_login(expert)
    huge = 2**70
    for url in (
        f"{BASE}/opdrachten/{huge}/",
        f"{BASE}/boekingen/{huge}/",
        f"{BASE}/verklaringen/{huge}/",
        f"{BASE}/opdrachten/{huge}/aanmeldingen/{huge}/",
    ):
        assert client.get(url).status_code == 404, url


def test_an_assignment_fee_beyond_the_column_is_refused(
    client, organiser, municipality
):
    client.force_login(organiser)
    response = client.post(
        f"{BASE}/opdrachten/nieuw/",
        {
            "organisation": municipality.pk,
            "title": "Meelezen",
            "description": "Lezen",
            "experts_needed": "99999999999",
            "fee_type": "hourly",
            "fee_amount": "1e20",
            "application_deadline": "9999-12-31",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"experts_needed", "fee_amount", "application_deadline"} <= set(form.errors)
