"""Pace feedback (docs/live-protocol.md, "Pace feedback"): the window and meter as
pure rules, the stored signals, and the meter counted by the hub of a process
that took no signal itself."""

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from participation.live import pace
from participation.live import protocol as p
from participation.live.hub import Hub
from participation.live.models import PaceSignal
from participation.live.services.actions import perform
from participation.live.services.base import LiveError
from participation.live.services.pace import meter
from participation.live.services.session import identify
from participation.live.sockets import Socket

from .test_hub import Recorder

NOW = datetime(2030, 5, 1, 19, 30, tzinfo=UTC)


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


# The messages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "fields"),
    [
        ({"type": "pace", "signal": "too_fast"}, {"signal": "too_fast"}),
        ({"type": "pace", "signal": "too_slow"}, {"signal": "too_slow"}),
        ({"type": "pace", "signal": "lost", "id": "p1"}, {"signal": "lost"}),
        ({"type": "pace.withdraw"}, {}),
    ],
)
def test_pace_messages(message, fields):
    assert p.parse(json.dumps(message), p.Role.PARTICIPANT).fields == fields


@pytest.mark.parametrize(
    ("message", "code", "field"),
    [
        ({"type": "pace"}, p.MISSING_FIELD, "signal"),
        ({"type": "pace", "signal": None}, p.MISSING_FIELD, "signal"),
        ({"type": "pace", "signal": "te_snel"}, p.INVALID_FIELD, "signal"),
        ({"type": "pace", "signal": ["lost"]}, p.INVALID_FIELD, "signal"),
    ],
)
def test_refused_pace_messages(message, code, field):
    with pytest.raises(p.ProtocolError) as refused:
        p.parse(json.dumps(message), p.Role.PARTICIPANT)
    assert (refused.value.code, refused.value.field) == (code, field)


@pytest.mark.parametrize("message_type", ["pace", "pace.withdraw"])
@pytest.mark.parametrize(
    ("role", "allowed"),
    [(p.Role.PARTICIPANT, True), (p.Role.MODERATOR, False), (p.Role.PROJECTOR, False)],
)
def test_only_participants_give_pace(message_type, role, allowed):
    assert p.allowed(role, message_type) is allowed


# The window, as pure rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "counts"),
    [
        (0, True),
        (1, True),
        (59.9, True),
        (60, False),  # exactly a minute old: expired
        (61, False),
        (3600, False),
        (-0.5, True),  # from a server whose clock runs a little ahead
    ],
)
def test_a_signal_counts_for_one_minute(age, counts):
    assert pace.is_current(ago(age), NOW) is counts


def test_the_meter_counts_current_signals_per_kind():
    result = pace.meter(
        [("too_fast", 3, ago(50)), ("lost", 1, ago(10)), ("too_slow", 2, ago(70))],
        NOW,
    )
    assert result.signals == {"too_fast": 3, "too_slow": 0, "lost": 1}
    # The oldest current signal (50 s) expires in 10 s: then the meter changes.
    assert result.changes_in == pytest.approx(10)
    assert not result.empty


@pytest.mark.parametrize(
    "groups",
    [[], [("too_slow", 4, ago(61))], [("bored", 2, ago(1))], [("lost", 0, ago(1))]],
)
def test_a_meter_without_current_signals_is_empty_and_stays_so(groups):
    result = pace.meter(groups, NOW)
    assert result.signals == {"too_fast": 0, "too_slow": 0, "lost": 0}
    assert result.empty and result.changes_in is None


@pytest.mark.parametrize(
    ("last", "now", "wait"),
    [(None, 100.0, 0), (90.0, 100.0, 0), (98.0, 100.0, 0), (99.5, 100.0, 1.5)],
)
def test_a_participant_gives_at_most_one_signal_per_two_seconds(last, now, wait):
    assert pace.tap_wait(last, now) == pytest.approx(wait)


def test_the_signals_are_one_list():
    assert tuple(p.PACE_SIGNALS) == p.SCHEMAS["pace"]["signal"].values
    field = PaceSignal._meta.get_field("signal")
    assert [value for value, _label in field.choices] == list(p.PACE_SIGNALS)


# Stored signals -------------------------------------------------------------------------


def join(session, nickname):
    return identify(session.pk, p.Role.PARTICIPANT, nickname=nickname)[0]


@pytest.mark.django_db
def test_a_new_signal_replaces_the_old_one_and_can_be_withdrawn(post_session):
    sam, noor = join(post_session, "Sam"), join(post_session, "Noor")
    outcome = perform("pace", post_session.pk, sam.pk, signal="too_fast")
    assert outcome.result == {"signal": "too_fast", "expires_in": 60}
    assert outcome.pace
    perform("pace", post_session.pk, noor.pk, signal="too_fast")
    perform("pace", post_session.pk, sam.pk, signal="lost")
    assert meter(post_session.pk).signals == {"too_fast": 1, "too_slow": 0, "lost": 1}
    assert PaceSignal.objects.filter(participant=sam).count() == 1

    withdrawn = perform("pace.withdraw", post_session.pk, sam.pk)
    assert withdrawn.result == {"signal": None} and withdrawn.pace
    assert meter(post_session.pk).signals == {"too_fast": 1, "too_slow": 0, "lost": 0}
    # Nothing to withdraw: nothing changes for the moderators.
    assert not perform("pace.withdraw", post_session.pk, sam.pk).pace


@pytest.mark.django_db
def test_the_meter_leaves_out_signals_older_than_a_minute(post_session):
    sam, noor = join(post_session, "Sam"), join(post_session, "Noor")
    perform("pace", post_session.pk, sam.pk, signal="too_slow")
    perform("pace", post_session.pk, noor.pk, signal="too_slow")
    PaceSignal.objects.filter(participant=sam).update(given_at=ago(45))
    PaceSignal.objects.filter(participant=noor).update(given_at=ago(5))
    assert meter(post_session.pk, NOW).signals["too_slow"] == 2
    assert meter(post_session.pk, NOW).changes_in == pytest.approx(15)
    assert meter(post_session.pk, NOW + timedelta(seconds=15)).signals["too_slow"] == 1
    assert meter(post_session.pk, NOW + timedelta(seconds=55)).empty
    # An expired signal withdrawn changes nothing the moderators see.
    expired = datetime.now(UTC) - timedelta(seconds=61)
    PaceSignal.objects.filter(participant=sam).update(given_at=expired)
    assert not perform("pace.withdraw", post_session.pk, sam.pk).pace


@pytest.mark.django_db
def test_the_meter_counts_one_session(post_session, other_session):
    perform("pace", post_session.pk, join(post_session, "Sam").pk, signal="lost")
    assert meter(other_session.pk).empty


@pytest.mark.django_db
def test_no_signal_in_an_ended_session(post_session):
    sam = join(post_session, "Sam")
    moderator = join(post_session, "Mo")
    perform("session.end", post_session.pk, moderator.pk)
    for action, fields in (("pace", {"signal": "lost"}), ("pace.withdraw", {})):
        with pytest.raises(LiveError) as refused:
            perform(action, post_session.pk, sam.pk, **fields)
        assert refused.value.code == p.SESSION_ENDED


# The hub: a process that took no signal counts the meter for its moderators ----------


@pytest.mark.django_db(transaction=True)
async def test_a_signal_taken_by_another_process_reaches_this_ones_moderators(
    post_session, monkeypatch
):
    monkeypatch.setattr(p, "PACE_INTERVAL", 0.1)
    layer = get_channel_layer()
    here, there = Hub(layer), Hub(layer)  # two processes on one channel layer
    sam = (await sync_to_async(join)(post_session, "Sam")).pk

    send = Recorder()
    moderator = Socket(send, role=p.Role.MODERATOR)
    await there.join(post_session.pk, moderator)
    moderator.caught_up(0)
    participant_send = Recorder()
    participant = Socket(participant_send, participant_id=sam)
    await here.join(post_session.pk, participant)
    participant.caught_up(0)

    async def frames(n):
        for _ in range(40):
            paces = [json.loads(t) for t in send.texts if '"pace"' in t]
            if len(paces) >= n:
                return paces
            await asyncio.sleep(0.1)
        raise AssertionError(f"{n} pace frames expected, got {send.texts}")

    outcome = await sync_to_async(perform)(
        "pace", post_session.pk, sam, signal="too_fast"
    )
    await here.publish(post_session.pk, outcome)
    (first,) = await frames(1)
    assert first == {
        "type": "pace",
        "signals": {"too_fast": 1, "too_slow": 0, "lost": 0},
    }
    # The minute ends (here: the row grows old): the meter goes back to 0 by itself.
    await sync_to_async(PaceSignal.objects.update)(
        given_at=datetime.now(UTC) - timedelta(seconds=59.5)
    )
    there.rooms[post_session.pk].pace.heard()  # counted again: unchanged, not sent
    _first, second = await frames(2)
    assert second["signals"] == {"too_fast": 0, "too_slow": 0, "lost": 0}
    # Participants never get the meter.
    assert not [t for t in participant_send.texts if '"pace"' in t]
    here.leave(participant)
    there.leave(moderator)
