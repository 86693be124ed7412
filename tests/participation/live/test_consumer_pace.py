"""Pace feedback over the live WebSocket (docs/live-protocol.md, "Pace feedback"):
each message, each refusal, and the meter that only moderators receive."""

import pytest

from participation.live import protocol as p
from participation.live.models import PaceSignal

pytestmark = pytest.mark.django_db(transaction=True)

NONE = {"too_fast": 0, "too_slow": 0, "lost": 0}


@pytest.fixture(autouse=True)
def _quick_meter(monkeypatch):
    monkeypatch.setattr(p, "PACE_INTERVAL", 0.1)


async def test_a_signal_reaches_the_moderators_meter_and_nobody_else(
    live_session, connect, moderator_cookie
):
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    projector = await connect(live_session, moderator_cookie)
    await projector.hello(role="projector")
    sam = await connect(live_session, nickname="Sam")
    noor = await connect(live_session, nickname="Noor")

    ack = await sam.request("pace", id="p-1", signal="too_fast")
    assert ack == {
        "type": "ack",
        "ok": True,
        "id": "p-1",
        "signal": "too_fast",
        "expires_in": 60,
    }
    meter = await moderator.expect("pace")
    assert meter == {"type": "pace", "signals": {**NONE, "too_fast": 1}}
    assert (await noor.request("pace", signal="lost"))["ok"]
    meter = await moderator.expect("pace")
    assert meter["signals"] == {**NONE, "too_fast": 1, "lost": 1}
    # Neither the other participants nor the projector see it.
    assert await noor.silent()
    assert await projector.silent()
    assert all(frame["type"] != "pace" for frame in sam.seen)


async def test_a_new_signal_replaces_the_old_one_and_withdrawing_takes_it_back(
    live_session, connect, moderator_cookie, monkeypatch
):
    monkeypatch.setattr(p, "PACE_TAP_INTERVAL", 0)
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    sam = await connect(live_session, nickname="Sam")

    await sam.request("pace", signal="too_fast")
    assert (await moderator.expect("pace"))["signals"]["too_fast"] == 1
    await sam.request("pace", signal="too_slow")
    assert (await moderator.expect("pace"))["signals"] == {**NONE, "too_slow": 1}
    ack = await sam.request("pace.withdraw", id="w-1")
    assert (ack["id"], ack["signal"]) == ("w-1", None)
    assert (await moderator.expect("pace"))["signals"] == NONE
    assert await PaceSignal.objects.acount() == 0
    # Withdrawing again changes nothing and sends the moderators nothing.
    assert (await sam.request("pace.withdraw"))["ok"]
    assert await moderator.silent(0.5)


async def test_a_signal_expires_after_the_window(
    live_session, connect, moderator_cookie, monkeypatch
):
    monkeypatch.setattr(p, "PACE_WINDOW", 1)
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    sam = await connect(live_session, nickname="Sam")
    assert (await sam.request("pace", signal="lost"))["expires_in"] == 1
    assert (await moderator.expect("pace"))["signals"]["lost"] == 1
    # Nobody does anything: the meter goes back to 0 when the minute (here: the
    # second) is over.
    assert (await moderator.expect("pace", timeout=3))["signals"] == NONE


async def test_a_moderator_who_connects_gets_the_meter_after_the_snapshot(
    live_session, connect, moderator_cookie
):
    sam = await connect(live_session, nickname="Sam")
    await sam.request("pace", signal="too_slow")
    moderator = await connect(live_session, moderator_cookie)
    welcome, snapshot = await moderator.hello()
    assert snapshot["type"] == "snapshot"
    assert (await moderator.expect("pace"))["signals"] == {**NONE, "too_slow": 1}


async def test_a_moderator_who_connects_to_an_empty_meter_gets_no_frame(
    live_session, connect, moderator_cookie
):
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    assert await moderator.silent(0.5)


async def test_moderators_and_the_projector_do_not_give_pace(
    live_session, connect, moderator_cookie
):
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    projector = await connect(live_session, moderator_cookie)
    await projector.hello(role="projector")
    for client in (moderator, projector):
        for message in (
            {"type": "pace", "signal": "too_fast"},
            {"type": "pace.withdraw"},
        ):
            error = await client.request(message.pop("type"), **message)
            assert error["code"] == "not_allowed"
    assert await PaceSignal.objects.acount() == 0


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({}, "missing_field", "signal"),
        ({"signal": "bored"}, "invalid_field", "signal"),
        ({"signal": "Too fast"}, "invalid_field", "signal"),
        ({"signal": 1}, "invalid_field", "signal"),
    ],
)
async def test_a_signal_that_is_not_one_of_the_three_is_refused(
    live_session, connect, fields, code, field
):
    sam = await connect(live_session, nickname="Sam")
    error = await sam.request("pace", **fields)
    assert (error["code"], error.get("field")) == (code, field)
    assert await PaceSignal.objects.acount() == 0


async def test_pace_before_hello_is_refused(live_session, connect):
    client = await connect(live_session)
    assert (await client.request("pace", signal="lost"))["code"] == "hello_first"


async def test_a_participant_gives_at_most_one_signal_per_two_seconds(
    live_session, connect
):
    sam = await connect(live_session, nickname="Sam")
    noor = await connect(live_session, nickname="Noor")
    assert (await sam.request("pace", signal="too_fast"))["ok"]
    error = await sam.request("pace", id="again", signal="lost")
    assert (error["code"], error["id"], error["retry_after"]) == (
        "rate_limited",
        "again",
        2,
    )
    # Withdrawing is not spaced, and another participant is not held up.
    assert (await sam.request("pace.withdraw"))["ok"]
    assert (await noor.request("pace", signal="lost"))["ok"]


async def test_no_pace_in_an_ended_session(live_session, connect, moderator_cookie):
    moderator = await connect(live_session, moderator_cookie)
    await moderator.hello()
    sam = await connect(live_session, nickname="Sam")
    await moderator.request("session.end")
    assert (await sam.request("pace", signal="lost"))["code"] == "session_ended"
    assert (await sam.request("pace.withdraw"))["code"] == "session_ended"


async def test_a_retried_signal_is_answered_once_and_not_spaced(live_session, connect):
    await connect(live_session, nickname="Noor")  # keeps the room open
    sam = await connect(live_session, nickname="Sam")
    first = await sam.request("pace", id="same", signal="too_fast")
    # The client lost the connection before the ack and sends it again at once
    # with the same id: the stored result, not `rate_limited`.
    await sam.close()
    again = await connect(live_session, token=sam.token)
    assert await again.request("pace", id="same", signal="too_fast") == first
    assert await PaceSignal.objects.acount() == 1
