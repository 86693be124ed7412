"""Resuming and joining without the database (participation/live/resume.py,
batches.py): a client that comes back inside the room's memory is answered with
no query, a refused token stays refused, a miss falls back to the database, and a
join storm creates its participants in batches."""

import asyncio
import threading
from contextlib import contextmanager

from django.db.backends import utils as db_utils

import pytest

from participation.live import protocol as p
from participation.live.hub import get_hub
from participation.live.models import Participant
from participation.live.resume import Memory
from participation.live.services.base import LiveError
from participation.live.services.session import create_participants, make_token


@contextmanager
def queries_in_every_thread():
    """The SQL of every database connection while inside, whatever thread runs it
    (the hub's database work runs in its own pools, which CaptureQueriesContext on
    the test's connection does not see)."""
    seen: list[str] = []
    lock = threading.Lock()
    original = db_utils.CursorWrapper._execute_with_wrappers

    def counting(self, sql, params, many, executor):
        with lock:
            seen.append(sql)
        return original(self, sql, params, many, executor)

    db_utils.CursorWrapper._execute_with_wrappers = counting
    try:
        yield seen
    finally:
        db_utils.CursorWrapper._execute_with_wrappers = original


def frames(*seqs):
    return [(seq, f"e{seq}") for seq in seqs]


# The memory of a room -------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "missed"),
    [
        (7, []),  # nothing missed
        (6, [7]),
        (4, [5, 6, 7]),  # the whole buffer
        (3, None),  # older than the buffer: ask the database
        (8, None),  # newer than the room: ask the database
        (-1, None),
    ],
)
def test_the_memory_replays_what_it_holds(since, missed):
    memory = Memory(3)
    memory.fill(frames(1, 2, 3, 4), {})
    for seq, text in frames(5, 6, 7):
        memory.add(seq, text)
    found = memory.missed(since, 7)
    assert found == (None if missed is None else frames(*missed))


def test_a_hole_in_the_events_empties_the_memory():
    memory = Memory(5)
    memory.fill(frames(1, 2), {})
    memory.add(4, "e4")  # 3 was never found
    assert memory.missed(3, 4) == frames(4)
    assert memory.missed(1, 4) is None
    memory.fill(frames(1, 3, 4), {})  # as read from the database
    assert memory.missed(2, 4) == frames(3, 4)
    assert memory.missed(1, 4) is None


def test_a_snapshot_is_certain_only_when_the_buffer_is_full():
    memory = Memory(3)
    memory.fill(frames(1, 2, 3), {})
    assert memory.needs_snapshot(None, 3)
    assert not memory.needs_snapshot(0, 3)  # in reach of a replay
    for seq, text in frames(4, 5):
        memory.add(seq, text)
    assert memory.needs_snapshot(1, 5)  # 4 behind, the limit is 3


def test_the_memory_knows_participants_by_their_signed_token():
    memory = Memory(3)
    memory.met(7, "Sam")
    token = make_token(Participant(pk=7, key="k", session_id=1))
    assert memory.participant(1, token, None) == (7, "Sam")
    assert memory.participant(1, token, "Sam") == (7, "Sam")
    assert memory.participant(1, token, "Noor") is None  # a new name: the database
    assert memory.participant(2, token, None) is None  # another session's token
    assert memory.participant(1, token + "x", None) is None
    stranger = make_token(Participant(pk=8, key="k", session_id=1))
    assert memory.participant(1, stranger, None) is None


# Through the socket -----------------------------------------------------------------


transactional = pytest.mark.django_db(transaction=True)


async def room_closed():
    """Wait until the hub has closed its rooms (as after a restart: no memory)."""
    hub = get_hub()
    for _ in range(200):
        if not hub.rooms:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the room did not close")


@transactional
async def test_a_resume_inside_the_memory_makes_no_query(
    post_session, connect, moderator_cookie
):
    moderator = await connect(post_session, moderator_cookie)
    await moderator.hello()
    first = await connect(post_session)
    welcome, _ = await first.hello(nickname="Sam")
    await moderator.request("question.ask", text="Voor de pauze")
    seen = (await first.expect("event"))["seq"]
    await first.close()
    for n in range(3):
        await moderator.request("question.ask", text=f"Gemist {n}")

    back = await connect(post_session)
    with queries_in_every_thread() as queries:
        await back.send(type="hello", token=welcome["token"], last_seq=seen)
        again = await back.expect("welcome")
        replayed = [await back.expect("event") for _ in range(3)]
        synced = await back.expect("synced")
    assert queries == []
    assert again["participant"] == welcome["participant"]
    assert again["token"] == welcome["token"]
    assert [frame["seq"] for frame in replayed] == [seen + 1, seen + 2, seen + 3]
    assert synced["seq"] == seen + 3
    # And it acts as itself: its question carries its nickname.
    ack = await back.request("question.ask", text="Terug van de pauze")
    assert ack["ok"]
    published = await back.expect("event")
    assert published["data"]["question"]["nickname"] == "Sam"


@transactional
async def test_order_and_once_across_the_memory_loaded_from_the_database(
    post_session, connect, moderator_cookie
):
    """Events from before the room opened (read once from the database) and events
    the room delivered since are replayed as one sequence, then live ones follow."""
    moderator = await connect(post_session, moderator_cookie)
    await moderator.hello()
    watcher = await connect(post_session)
    welcome, _ = await watcher.hello(nickname="Sam")
    await moderator.request("question.ask", text="Een")
    await moderator.request("question.ask", text="Twee")
    seen = (await watcher.expect("event"))["seq"]
    await watcher.close()
    await moderator.close()
    await room_closed()  # its memory is gone

    moderator = await connect(post_session, moderator_cookie)
    await moderator.hello()  # the room opens again, its memory read from the database
    await moderator.request("question.ask", text="Drie")
    back = await connect(post_session)
    with queries_in_every_thread() as queries:
        await back.send(type="hello", token=welcome["token"], last_seq=seen)
        await back.expect("welcome")
        replayed = [await back.expect("event") for _ in range(2)]
        assert (await back.expect("synced"))["seq"] == seen + 2
    assert queries == []
    assert [frame["data"]["question"]["text"] for frame in replayed] == [
        "Twee",
        "Drie",
    ]
    await moderator.request("question.ask", text="Vier")
    assert (await back.expect("event"))["seq"] == seen + 3
    assert await back.silent()


@transactional
async def test_after_a_restart_the_memory_is_read_once_not_per_client(
    post_session, connect, moderator_cookie
):
    moderator = await connect(post_session, moderator_cookie)
    await moderator.hello()
    people = [await connect(post_session) for _ in range(3)]
    welcomes = [
        (await person.hello(nickname=f"P{n}"))[0] for n, person in enumerate(people)
    ]
    await moderator.request("question.ask", text="Voor de herstart")
    for person in people:
        await person.expect("event")
    for client in (*people, moderator):
        await client.close()
    await room_closed()  # as after a restart

    back = [await connect(post_session) for _ in people]
    with queries_in_every_thread() as queries:
        for client, welcome in zip(back, welcomes, strict=True):
            await client.send(type="hello", token=welcome["token"], last_seq=0)
        for client in back:
            await client.expect("welcome")
            assert (await client.expect("event"))["seq"] == 1
            await client.expect("synced")
    # The room's memory (seq, events, participants), once for the three.
    assert len(queries) == 3


@transactional
async def test_a_moderators_token_is_refused_to_a_participant(
    post_session, connect, moderator_cookie
):
    moderator = await connect(post_session, moderator_cookie)
    welcome, _ = await moderator.hello()
    assert welcome["token"]
    impostor = await connect(post_session)
    await impostor.send(type="hello", token=welcome["token"], last_seq=0)
    error = await impostor.expect("error")
    assert (error["code"], error["field"]) == ("missing_field", "nickname")


@transactional
async def test_a_participant_that_no_longer_exists_is_refused(post_session, connect):
    gone = await connect(post_session)
    welcome, _ = await gone.hello(nickname="Weg")
    await gone.close()
    await room_closed()
    await Participant.objects.filter(pk=welcome["participant"]["id"]).adelete()

    back = await connect(post_session)
    await back.send(type="hello", token=welcome["token"], last_seq=0)
    error = await back.expect("error")
    assert (error["code"], error["field"]) == ("missing_field", "nickname")


@transactional
async def test_a_resume_the_memory_cannot_answer_falls_back_to_the_database(
    post_session, connect, moderator_cookie, monkeypatch
):
    monkeypatch.setattr(p, "REPLAY_LIMIT", 3)
    moderator = await connect(post_session, moderator_cookie)
    await moderator.hello()
    voter = await connect(post_session)
    welcome, _ = await voter.hello(nickname="Sam")
    question_id = (await moderator.request("question.ask", text="Vraag"))["question_id"]
    assert (await voter.request("question.upvote", question_id=question_id))["ok"]
    await voter.close()
    for n in range(4):
        await moderator.request("question.ask", text=f"Gemist {n}")

    # Too old for the memory (and the replay limit): a snapshot with its own upvote.
    back = await connect(post_session)
    _welcome, snapshot = await back.hello(token=welcome["token"], last_seq=1)
    assert snapshot["type"] == "snapshot"
    assert snapshot["mine"]["upvoted"] == [question_id]
    # A new nickname is written to the database.
    renamed = await connect(post_session)
    welcome_renamed, first = await renamed.hello(
        token=welcome["token"], nickname="Samira", last_seq=4
    )
    assert welcome_renamed["participant"]["nickname"] == "Samira"
    assert (first["type"], first["seq"]) == ("event", 5)
    stored = await Participant.objects.aget(pk=welcome["participant"]["id"])
    assert stored.nickname == "Samira"


@transactional
async def test_a_join_storm_creates_participants_in_batches(live_session, connect):
    clients = [await connect(live_session) for _ in range(6)]
    with queries_in_every_thread() as queries:
        for n, client in enumerate(clients):
            await client.send(type="hello", nickname=f"Deelnemer {n}")
        welcomes = []
        for client in clients:
            welcomes.append(await client.expect("welcome"))
            assert (await client.expect("snapshot"))["mine"] == {
                "upvoted": [],
                "voted": [],
                "quiz": {},
            }
    inserts = [sql for sql in queries if sql.startswith("INSERT")]
    assert 1 <= len(inserts) < 6
    ids = {welcome["participant"]["id"] for welcome in welcomes}
    assert len(ids) == 6
    assert await Participant.objects.filter(pk__in=ids).acount() == 6


@pytest.mark.django_db
def test_a_batch_of_new_participants_counts_each_against_its_address(
    live_session, settings, django_assert_num_queries
):
    settings.LIVE_NEW_PARTICIPANTS_PER_ADDRESS = 2
    school, home = "203.0.113.7", "198.51.100.20"
    arrivals = [("A", school), ("B", school), ("C", school), ("D", home), ("E", None)]
    with django_assert_num_queries(1):  # one insert for the batch
        results = create_participants(live_session.pk, arrivals)
    refused = [r for r in results if isinstance(r, LiveError)]
    assert [type(r) for r in results].count(LiveError) == 1
    assert results[2] is refused[0]
    assert (refused[0].code, refused[0].extra["retry_after"] > 0) == (
        "rate_limited",
        True,
    )
    created = [r for r in results if not isinstance(r, LiveError)]
    assert [participant.nickname for participant, _token in created] == [
        "A",
        "B",
        "D",
        "E",
    ]
    assert all(participant.pk for participant, _token in created)


async def test_joins_that_leave_before_their_batch_are_not_created(monkeypatch):
    from participation.live import batches

    calls = []

    async def fake_run_db(function, session_id, values, **kwargs):
        calls.append([nickname for nickname, _address in values])
        await asyncio.sleep(0)
        return [function(n, name) for n, (name, _address) in enumerate(values)]

    monkeypatch.setattr(batches, "run_db", fake_run_db)

    def made(n, name):
        return LiveError(p.RATE_LIMITED, retry_after=9) if name == "Vier" else (n, name)

    batcher = batches.Batcher(made, 1, pool="join")
    first = asyncio.ensure_future(batcher.submit(("Een", None), lambda: False))
    await asyncio.sleep(0)
    second = asyncio.ensure_future(batcher.submit(("Twee", None), lambda: True))
    third = asyncio.ensure_future(batcher.submit(("Drie", None), lambda: False))
    refused = asyncio.ensure_future(batcher.submit(("Vier", None), lambda: False))
    results = await asyncio.gather(first, second, third, return_exceptions=True)
    assert calls == [["Een"], ["Drie", "Vier"]]
    assert results == [(0, "Een"), None, (0, "Drie")]
    with pytest.raises(LiveError) as raised:
        await refused
    assert raised.value.code == p.RATE_LIMITED
