"""A consultation's phase "Live" follows its live sessions: the live period is the
span of the sessions, kept on the consultation whenever a session is planned,
moved, started, ended or deleted, and kept when an editor publishes a revision."""

import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from wagtail.models import Revision

import pytest

from participation.live.models import LiveSession
from participation.live.period import live_period
from participation.live.services.actions import perform
from participation.live.services.session import identify
from participation.models import ConsultationPage
from participation.page_context import timeline
from participation.phases import Phase

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("first_start", "last_end", "last_start_without_end", "period"),
    [
        (None, None, None, (None, None)),
        (at(3, 19), at(3, 21), None, (at(3, 19), at(3, 21))),
        # Without an end a session counts until the end of the day it starts.
        (at(3, 19), None, at(3, 19), (at(3, 19), at(4, 0))),
        (at(3, 19), at(17, 21), at(10, 15), (at(3, 19), at(17, 21))),
        (at(3, 19), at(3, 21), at(10, 15), (at(3, 19), at(11, 0))),
    ],
)
def test_the_live_period_spans_the_sessions(
    settings, first_start, last_end, last_start_without_end, period
):
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert live_period(first_start, last_end, last_start_without_end) == period


def fresh(page) -> ConsultationPage:
    return ConsultationPage.objects.get(pk=page.pk)


def plan(consultation, starts_at, ends_at=None, title="Vragenuur"):
    return LiveSession.objects.create(
        consultation=consultation, title=title, starts_at=starts_at, ends_at=ends_at
    )


def test_planning_a_session_sets_the_live_period(consultation):
    start = timezone.now() + timedelta(days=7)
    plan(consultation, start, start + timedelta(hours=1))

    page = fresh(consultation)
    assert (page.live_starts_at, page.live_ends_at) == (
        start,
        start + timedelta(hours=1),
    )


def test_a_second_session_widens_it_and_deleting_both_clears_it(consultation):
    start = timezone.now() + timedelta(days=7)
    first = plan(consultation, start, start + timedelta(hours=1))
    second = plan(
        consultation, start + timedelta(days=14), start + timedelta(days=14, hours=2)
    )
    assert fresh(consultation).live_ends_at == second.ends_at

    second.delete()
    assert fresh(consultation).live_ends_at == first.ends_at
    first.delete()
    page = fresh(consultation)
    assert (page.live_starts_at, page.live_ends_at) == (None, None)


def test_a_session_moved_to_another_consultation_leaves_the_first(
    consultation, make_consultation
):
    other = make_consultation()
    start = timezone.now() + timedelta(days=3)
    session = plan(consultation, start, start + timedelta(hours=1))

    session.consultation = other
    session.save()

    assert fresh(consultation).live_starts_at is None
    assert fresh(other).live_starts_at == start


def test_starting_early_and_ending_move_the_period(consultation):
    planned = timezone.now() + timedelta(hours=2)
    session = plan(consultation, planned, planned + timedelta(hours=1))
    host, _token = identify(session.pk, "participant", nickname="Host")

    perform("session.start", session.pk, host.pk)
    started = fresh(consultation).live_starts_at
    perform("session.end", session.pk, host.pk)

    session.refresh_from_db()
    page = fresh(consultation)
    assert started < planned
    assert (page.live_starts_at, page.live_ends_at) == (
        session.starts_at,
        session.ends_at,
    )


def test_the_phase_and_the_timeline_show_the_sessions_day(consultation):
    # The demo showed "Live 7 december" for a session on 3 December.
    start = timezone.now() + timedelta(days=3)
    plan(consultation, start, start + timedelta(hours=1))
    page = fresh(consultation)

    live_step = next(
        step for step in timeline(page, timezone.now()) if step["phase"] == Phase.LIVE
    )
    assert timezone.localdate(live_step["date"]) == timezone.localdate(start)
    assert not live_step["done"]
    assert page.phase_at(start + timedelta(minutes=30)) == Phase.LIVE
    assert page.phase_at(start + timedelta(hours=2)) == Phase.OPEN


def test_a_session_after_input_closed_is_not_done_before_it_starts(
    make_consultation,
):
    page = make_consultation("past")  # input closed 10 days ago
    start = timezone.now() + timedelta(days=2)
    plan(page, start, start + timedelta(hours=1))
    page = fresh(page)

    steps = {step["phase"]: step for step in timeline(page, timezone.now())}
    assert steps[Phase.PROCESSING]["current"]
    assert not steps[Phase.LIVE]["done"]
    later = {step["phase"]: step for step in timeline(page, start)}
    assert later[Phase.LIVE]["current"] and later[Phase.LIVE]["done"]


def test_publishing_an_older_revision_keeps_the_sessions_period(consultation):
    revision = consultation.save_revision()
    start = timezone.now() + timedelta(days=5)
    plan(consultation, start, start + timedelta(hours=1))

    Revision.objects.get(pk=revision.pk).publish()  # as the admin reads it

    assert fresh(consultation).live_starts_at == start
    latest = fresh(consultation).get_latest_revision_as_object()
    assert latest.live_starts_at == start  # what the editor's form shows


def test_the_editor_cannot_type_a_live_period(client, admin_user, consultation):
    from tests.participation.test_admin_policy import _page_data

    consultation.save_revision()
    start = timezone.now() + timedelta(days=5)
    plan(consultation, start, start + timedelta(hours=1))
    client.force_login(admin_user)
    typed = timezone.localtime(start + timedelta(days=30)).strftime("%Y-%m-%d %H:%M")

    response = client.post(
        f"/admin/pages/{consultation.pk}/edit/",
        {
            **_page_data(fresh(consultation), live_starts_at=typed, live_ends_at=typed),
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    assert fresh(consultation).live_starts_at == start
