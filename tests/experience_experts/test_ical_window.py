"""The calendar feed lists confirmed sessions from three months back to a year
ahead, in the same number of queries however many bookings the expert has."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from experience_experts.models import ExpertProfile, Session
from experience_experts.services import applications, bookings

from .conftest import make_assignment

pytestmark = pytest.mark.django_db


def book_and_confirm(organiser, expert, assignment):
    booking = bookings.book(organiser, applications.apply(expert, assignment, "Graag"))
    return bookings.confirm(expert, booking)


def feed(client, expert) -> tuple[int, str]:
    token = ExpertProfile.objects.get(user=expert).calendar_token
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ervaringsdeskundigen/agenda/{token}.ics")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_session(assignment, day: datetime.date) -> Session:
    return Session.objects.create(
        assignment=assignment,
        date=day,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
        place="Stadhuis",
    )


def test_the_feed_lists_only_sessions_in_its_window(
    client, organiser, expert, municipality
):
    today = timezone.localdate()
    assignment = make_assignment(
        municipality, sessions=[(today + datetime.timedelta(days=30), (10,), (12,))]
    )
    book_and_confirm(organiser, expert, assignment)
    next_month = assignment.sessions.get()
    # Sessions added after confirming, as an organiser's history would have them.
    last_week = add_session(assignment, today - datetime.timedelta(days=7))
    four_months_ago = add_session(assignment, today - datetime.timedelta(days=122))
    thirteen_months_ahead = add_session(
        assignment, today + datetime.timedelta(days=396)
    )
    # A booking whose sessions all lie outside the window is left out entirely.
    old = make_assignment(
        municipality, sessions=[(today + datetime.timedelta(days=2), (9,), (10,))]
    )
    book_and_confirm(organiser, expert, old)
    old.sessions.update(date=today - datetime.timedelta(days=200))

    _, body = feed(client, expert)

    assert f"session-{next_month.pk}-" in body
    assert f"session-{last_week.pk}-" in body
    assert f"session-{four_months_ago.pk}-" not in body
    assert f"session-{thirteen_months_ahead.pk}-" not in body
    assert body.count("BEGIN:VEVENT") == 2


def confirmed_bookings(organiser, expert, municipality, count: int, start: int = 0):
    today = timezone.localdate()
    for number in range(start, start + count):
        day = today + datetime.timedelta(days=number + 1)
        assignment = make_assignment(
            municipality, title=f"Opdracht {number}", sessions=[(day, (9,), (10,))]
        )
        book_and_confirm(organiser, expert, assignment)
        add_session(assignment, today - datetime.timedelta(days=300 + number))


def test_feed_queries_do_not_grow_with_the_bookings(
    client, organiser, expert, municipality
):
    confirmed_bookings(organiser, expert, municipality, 3)
    few, body = feed(client, expert)
    assert body.count("BEGIN:VEVENT") == 3

    confirmed_bookings(organiser, expert, municipality, 27, start=3)
    many, body = feed(client, expert)
    assert body.count("BEGIN:VEVENT") == 30

    assert few == many
