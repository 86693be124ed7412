"""Caps per client address and live session (docs/live-protocol.md, "Limits"): one
client cannot open identity after identity, nor fill the moderators' queue."""

import re
import time
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings as django_settings

import pytest

from participation.live import limits
from participation.live import protocol as p
from participation.live.models import Participant, Question

SCHOOL = "203.0.113.7"
HOME = "198.51.100.20"


@pytest.fixture
def small_caps(settings, monkeypatch):
    settings.LIVE_NEW_PARTICIPANTS_PER_ADDRESS = 3
    settings.LIVE_QUESTIONS_PER_ADDRESS = 4
    # The windows are aligned to the clock: a test that ran across the end of one
    # would start counting again. The caps' clock stands still at 10 s into a window
    # of 10 minutes (and so of 1 minute) while the test runs.
    start = (int(time.time()) // 600) * 600 + 10
    monkeypatch.setattr(limits, "time", SimpleNamespace(time=lambda: start))


@pytest.mark.django_db(transaction=True)
async def test_new_participants_from_one_address_are_capped(
    small_caps, live_session, connect
):
    joined = [
        await connect(live_session, address=SCHOOL, nickname=f"Leerling {n}")
        for n in range(3)
    ]
    one_too_many = await connect(live_session, address=SCHOOL)
    await one_too_many.send(type="hello", id="h", nickname="Leerling 4")

    error = await one_too_many.expect("error")
    assert (error["code"], error["id"]) == ("rate_limited", "h")
    assert 1 <= error["retry_after"] <= 600
    assert await Participant.objects.acount() == 3
    # Another address still joins, and the ones in keep their identity.
    await connect(live_session, address=HOME, nickname="Thuis")
    again = await connect(live_session, address=SCHOOL)
    welcome, _ = await again.hello(token=joined[0].token)
    assert welcome["participant"]["nickname"] == "Leerling 0"


@pytest.mark.django_db(transaction=True)
async def test_questions_from_one_address_are_capped(small_caps, post_session, connect):
    pupils = [
        await connect(post_session, address=SCHOOL, nickname=f"Leerling {n}")
        for n in range(3)
    ]
    for pupil in pupils[:2]:
        for n in range(2):
            asked = await pupil.request("question.ask", text=f"Vraag {n}")
            assert asked["ok"]

    error = await pupils[2].request("question.ask", id="q", text="Nog een vraag")

    assert (error["code"], error["id"]) == ("rate_limited", "q")
    assert 1 <= error["retry_after"] <= 60
    assert await Question.objects.acount() == 4
    elsewhere = await connect(post_session, address=HOME, nickname="Thuis")
    assert (await elsewhere.request("question.ask", text="Van thuis"))["ok"]


@pytest.mark.django_db(transaction=True)
async def test_moderators_questions_are_not_capped(
    small_caps, post_session, connect, moderator_cookie
):
    moderator = await connect(post_session, moderator_cookie, address=SCHOOL)
    await moderator.hello()
    for n in range(5):
        assert (await moderator.request("question.ask", text=f"Vraag {n}"))["ok"]


@pytest.mark.parametrize(
    ("client", "address"),
    [
        (["203.0.113.7", 50123], "203.0.113.7"),
        (["::ffff:203.0.113.7", 50123], "203.0.113.7"),
        (["2001:db8:12:34:aaaa:bbbb:cccc:dddd", 1], "2001:db8:12:34::/64"),
        (["2001:db8:12:34::1", 2], "2001:db8:12:34::/64"),
        (None, "unknown"),
    ],
)
def test_the_address_is_the_scope_client(client, address):
    scope = {
        "client": client,
        # Only daphne's --proxy-headers may turn this into the client.
        "headers": [(b"x-forwarded-for", b"192.0.2.99")],
    }
    assert limits.client_address(scope) == address


@pytest.mark.parametrize(
    ("offset", "retry_after"), [(0, 600), (100, 500), (599.5, 1), (599.99, 1)]
)
def test_a_refusal_waits_until_the_window_ends(settings, offset, retry_after):
    settings.LIVE_NEW_PARTICIPANTS_PER_ADDRESS = 1
    now = 1_000 * 600 + offset  # windows are aligned to the clock
    assert limits.wait_for(limits.NEW_PARTICIPANTS, 7, SCHOOL, now) == 0
    assert limits.wait_for(limits.NEW_PARTICIPANTS, 7, SCHOOL, now) == retry_after
    # Another session, another window: counted apart.
    assert limits.wait_for(limits.NEW_PARTICIPANTS, 8, SCHOOL, now) == 0
    assert limits.wait_for(limits.NEW_PARTICIPANTS, 7, SCHOOL, now + 600) == 0


def test_the_protocol_document_gives_the_caps_as_configured():
    doc = (
        Path(__file__).resolve().parents[3] / "docs" / "live-protocol.md"
    ).read_text()
    for cap, unit in (
        (limits.NEW_PARTICIPANTS, "10 minutes"),
        (limits.QUESTIONS, "minute"),
    ):
        assert cap.seconds == {"10 minutes": 600, "minute": 60}[unit]
        row = re.search(rf"\| (\d+) per {unit} \| `{cap.setting}` \|", doc)
        assert row, cap.setting
        assert int(row.group(1)) == getattr(django_settings, cap.setting)


def test_the_protocol_document_names_every_close_code():
    doc = (
        Path(__file__).resolve().parents[3] / "docs" / "live-protocol.md"
    ).read_text()
    codes = [value for name, value in vars(p).items() if name.startswith("CLOSE_")]
    limits_section = doc.split("### Limits", 1)[1].split("## How it is built", 1)[0]
    for code in codes:
        assert f"`{code}`" in limits_section, code
