"""Rankings, quiz questions and open answers over the WebSocket: every new message and
every refusal, the coalesced results, and what a reconnect restores (a replay or a
snapshot), through Channels' WebsocketCommunicator."""

from datetime import timedelta

from django.utils import timezone

import pytest

from participation.live.models import LiveSession, OpenAnswer, Poll, Vote

pytestmark = pytest.mark.django_db(transaction=True)

OPTIONS = ["Wachttijd", "Uitleg", "Bereikbaarheid"]


async def moderating(session, connect, cookie):
    moderator = await connect(session, cookie)
    await moderator.hello()
    return moderator


async def next_event(client, kind: str) -> dict:
    event = await client.expect("event")
    while event["kind"] != kind:
        event = await client.expect("event")
    return event


async def opened(moderator, *clients, **fields) -> int:
    """Create and open a poll; every client (and the moderator) saw it open."""
    created = await moderator.request("poll.create", **fields)
    assert created["ok"], created
    await moderator.request("poll.open", poll_id=created["poll_id"])
    for client in (moderator, *clients):
        await next_event(client, "poll.opened")
    return created["poll_id"]


# Ranking --------------------------------------------------------------------------------


async def test_a_ranking_from_opening_to_average_ranks(
    live_session, connect, moderator_cookie
):
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session, nickname="Sam")
    noor = await connect(live_session, nickname="Noor")
    poll_id = await opened(
        moderator, sam, noor, kind="ranking", question="Wat eerst?", options=OPTIONS
    )

    first = await sam.request("poll.vote", poll_id=poll_id, order=[1, 0, 2], id="r1")
    assert first == {"type": "ack", "ok": True, "poll_id": poll_id, "id": "r1"}
    retry = await sam.request("poll.vote", poll_id=poll_id, order=[1, 0, 2], id="r1")
    assert retry == first  # the same answer, not already_voted
    assert (await noor.request("poll.vote", poll_id=poll_id, order=[1, 2, 0]))["ok"]
    expected = {"average": [2.5, 1.0, 2.5], "rankings": 2}
    for client in (moderator, sam, noor):
        await client.wait_counts(
            lambda frame: frame.get("polls", {}).get(str(poll_id)) == expected
        )
    again = await sam.request("poll.vote", poll_id=poll_id, order=[0, 1, 2])
    assert again["code"] == "already_voted"

    await moderator.request("poll.close", poll_id=poll_id)
    closed = await next_event(noor, "poll.closed")
    assert closed["data"] == {"poll_id": poll_id, "results": expected}
    late = await connect(live_session, nickname="Laat")
    error = await late.request("poll.vote", poll_id=poll_id, order=[0, 1, 2])
    assert error["code"] == "poll_closed"
    assert await Vote.objects.acount() == 2


@pytest.mark.parametrize(
    ("order", "code"),
    [
        ([0, 1], "invalid_ranking"),  # an option left out
        ([0, 1, 5], "invalid_ranking"),  # an option the poll lacks
        ([0, 0, 1], "invalid_ranking"),  # one twice
        (["een", "twee"], "invalid_field"),
    ],
)
async def test_a_ranking_that_is_not_every_option_once_is_refused(
    live_session, connect, moderator_cookie, order, code
):
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session, nickname="Sam")
    other = await connect(live_session, nickname="Noor")
    poll_id = await opened(
        moderator, sam, other, kind="ranking", question="Q", options=OPTIONS
    )
    error = await sam.request("poll.vote", poll_id=poll_id, order=order, id="x")
    assert (error["code"], error["field"], error["id"]) == (code, "order", "x")
    assert error["message"]
    assert await other.silent()
    assert await Vote.objects.acount() == 0


# Quiz -------------------------------------------------------------------------------------


def quiz(**fields):
    return {
        "kind": "quiz",
        "question": "Hoeveel jongeren wachten langer dan 8 weken?",
        "options": ["1 op 10", "1 op 4", "1 op 2"],
        "correct": 1,
        "time_limit": 30,
        **fields,
    }


async def quiz_on(session):
    await LiveSession.objects.filter(pk=session.pk).aupdate(quiz=True)


async def test_quiz_questions_need_the_sessions_quiz_mode(
    live_session, connect, moderator_cookie
):
    moderator = await moderating(live_session, connect, moderator_cookie)
    error = await moderator.request("poll.create", **quiz())
    assert (error["code"], error["field"]) == ("quiz_off", "kind")
    assert await Poll.objects.acount() == 0


async def test_a_quiz_question_from_opening_to_the_leaderboard(
    live_session, connect, moderator_cookie
):
    await quiz_on(live_session)
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session, nickname="Sam")
    noor = await connect(live_session, nickname="Noor")
    kim = await connect(live_session, nickname="Kim")

    created = await moderator.request("poll.create", **quiz())
    assert created["poll"]["correct"] == 1  # the moderator's own copy
    poll_id = created["poll_id"]
    await moderator.request("poll.open", poll_id=poll_id)
    shown = await next_event(sam, "poll.opened")
    assert "correct" not in shown["data"]["poll"]
    assert shown["data"]["poll"]["time_limit"] == 30
    assert shown["data"]["poll"]["deadline"]

    right = await sam.request("poll.vote", poll_id=poll_id, choices=[1])
    wrong = await noor.request("poll.vote", poll_id=poll_id, choices=[2])
    assert right["worth"] == wrong["worth"] == 150  # never whether it is right
    # Time is up, on the server's clock.
    await Poll.objects.filter(pk=poll_id).aupdate(
        deadline=timezone.now() - timedelta(seconds=5)
    )
    late = await kim.request("poll.vote", poll_id=poll_id, choices=[1], id="k")
    assert (late["code"], late["field"], late["id"]) == ("too_late", "poll_id", "k")

    await moderator.request("poll.close", poll_id=poll_id)
    closed = await next_event(kim, "poll.closed")
    assert closed["data"]["correct"] == 1
    assert closed["data"]["leaderboard"] == {
        "top": [
            {"nickname": "Sam", "score": 150, "rank": 1},
            {"nickname": "Noor", "score": 0, "rank": 2},
        ],
        "scores": [[150, 1], [0, 1]],
        "players": 2,
    }
    again = await moderator.request("poll.open", poll_id=poll_id)
    assert (again["code"], again["field"]) == ("invalid_field", "poll_id")


async def test_a_reconnect_restores_the_leaderboard_and_my_answers(
    live_session, connect, moderator_cookie
):
    await quiz_on(live_session)
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session)
    welcome, _snapshot = await sam.hello(nickname="Sam")
    poll_id = await opened(moderator, sam, **quiz())
    await sam.request("poll.vote", poll_id=poll_id, choices=[1])
    seen = welcome["last_seq"] + 1  # the poll.opened event
    await sam.close()
    await moderator.request("poll.close", poll_id=poll_id)

    # A resume replays the reveal with its leaderboard ...
    back = await connect(live_session)
    await back.send(type="hello", token=welcome["token"], last_seq=seen)
    await back.expect("welcome")
    replayed = await back.expect("event")
    assert replayed["kind"] == "poll.closed"
    assert replayed["data"]["leaderboard"]["top"][0]["nickname"] == "Sam"
    await back.expect("synced")
    # ... and a snapshot holds it, with my answer and its worth.
    fresh = await connect(live_session)
    _welcome, snap = await fresh.hello(token=welcome["token"])
    assert snap["leaderboard"]["top"] == [{"nickname": "Sam", "score": 150, "rank": 1}]
    assert snap["mine"]["quiz"] == {str(poll_id): {"choice": 1, "worth": 150}}
    assert snap["polls"][0]["correct"] == 1


# Open questions ---------------------------------------------------------------------------


async def test_an_answer_waits_for_approval_and_then_reaches_everyone(
    live_session, connect, moderator_cookie
):
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session, nickname="Sam")
    noor = await connect(live_session, nickname="Noor")
    poll_id = await opened(moderator, sam, noor, kind="text", question="Wat mis je?")

    sent = await sam.request("answer.send", poll_id=poll_id, text="Meer tijd", id="a")
    assert (sent["status"], sent["poll_id"], sent["id"]) == ("pending", poll_id, "a")
    pending = await moderator.expect("pending")
    assert pending["answer"]["text"] == "Meer tijd"
    assert pending["answer"]["nickname"] == "Sam"
    assert await noor.silent()  # unapproved answers reach moderators only
    retry = await sam.request("answer.send", poll_id=poll_id, text="Meer tijd", id="a")
    assert retry == sent
    assert await OpenAnswer.objects.acount() == 1

    answer_id = sent["answer_id"]
    approved = await moderator.request("answer.approve", answer_id=answer_id)
    assert (approved["answer_id"], approved["status"]) == (answer_id, "published")
    published = await next_event(noor, "answer.published")
    assert published["data"]["answer"]["text"] == "Meer tijd"
    assert "nickname" not in published["data"]["answer"]
    # Approving again changes nothing and sends nothing.
    assert (await moderator.request("answer.approve", answer_id=answer_id))["ok"]
    assert await noor.silent()

    await moderator.request("answer.hide", answer_id=answer_id)
    hidden = await next_event(sam, "answer.hidden")
    assert hidden["data"] == {"answer_id": answer_id, "poll_id": poll_id}
    again = await connect(live_session)
    _welcome, snap = await again.hello(nickname="Later")
    assert snap["answers"] == []


async def test_a_waiting_answer_a_moderator_hides_leaves_every_console(
    post_session, connect, moderator_cookie
):
    moderator = await moderating(post_session, connect, moderator_cookie)
    console = await moderating(post_session, connect, moderator_cookie)
    sam = await connect(post_session, nickname="Sam")
    poll_id = await opened(moderator, console, sam, kind="text", question="Q")
    sent = await sam.request("answer.send", poll_id=poll_id, text="Bel 06-12345678")
    assert (sent["status"], sent["held"]) == ("pending", "contact")
    await moderator.expect("pending")
    await console.expect("pending")
    snap_console = await connect(post_session, moderator_cookie)
    _welcome, snap = await snap_console.hello()
    assert [a["id"] for a in snap["pending_answers"]] == [sent["answer_id"]]

    hidden = await moderator.request("answer.hide", answer_id=sent["answer_id"])
    assert hidden["status"] == "hidden"
    assert (await console.expect("rejected")) == {
        "type": "rejected",
        "answer_id": sent["answer_id"],
    }
    assert await sam.silent()
    error = await moderator.request("answer.approve", answer_id=sent["answer_id"])
    assert (error["code"], error["field"]) == ("invalid_field", "answer_id")


async def test_answers_are_refused_where_they_do_not_fit(
    live_session, connect, moderator_cookie
):
    moderator = await moderating(live_session, connect, moderator_cookie)
    sam = await connect(live_session, nickname="Sam")
    closed_id = (await moderator.request("poll.create", kind="text", question="Q"))[
        "poll_id"
    ]
    single_id = await opened(
        moderator, sam, kind="single", question="Q", options=["Ja", "Nee"]
    )
    for poll_id, code in (
        (closed_id, "poll_closed"),
        (single_id, "invalid_field"),
        (closed_id + single_id + 100, "not_found"),
    ):
        error = await sam.request("answer.send", poll_id=poll_id, text="Hoi")
        assert (error["code"], error["field"]) == (code, "poll_id")
    assert (await sam.request("answer.send", poll_id=single_id, text="x" * 201))[
        "code"
    ] == "too_long"
    # Only moderators approve and hide; moderators do not answer.
    for type_ in ("answer.approve", "answer.hide"):
        assert (await sam.request(type_, answer_id=1))["code"] == "not_allowed"
    error = await moderator.request("answer.send", poll_id=closed_id, text="Hoi")
    assert error["code"] == "not_allowed"
    assert (await moderator.request("answer.hide", answer_id=999))[
        "code"
    ] == "not_found"
    assert await OpenAnswer.objects.acount() == 0


async def test_a_participant_sends_at_most_three_answers_a_minute(
    post_session, connect, moderator_cookie
):
    moderator = await moderating(post_session, connect, moderator_cookie)
    sam = await connect(post_session, nickname="Sam")
    poll_id = await opened(moderator, sam, kind="text", question="Q")
    for n in range(3):
        assert (await sam.request("answer.send", poll_id=poll_id, text=f"A{n}"))["ok"]
    error = await sam.request("answer.send", poll_id=poll_id, text="Nog een")
    assert error["code"] == "rate_limited"
    assert 1 <= error["retry_after"] <= 60


async def test_an_answer_published_while_away_is_replayed(
    post_session, connect, moderator_cookie
):
    moderator = await moderating(post_session, connect, moderator_cookie)
    watcher = await connect(post_session)
    welcome, _ = await watcher.hello(nickname="Sam")
    poll_id = await opened(moderator, watcher, kind="text", question="Q")
    seen = welcome["last_seq"] + 1
    await watcher.close()
    writer = await connect(post_session, nickname="Noor")
    await writer.request("answer.send", poll_id=poll_id, text="Rust")

    back = await connect(post_session)
    await back.send(type="hello", token=welcome["token"], last_seq=seen)
    await back.expect("welcome")
    replayed = await back.expect("event")
    assert replayed["kind"] == "answer.published"
    assert replayed["data"]["answer"]["text"] == "Rust"
    await back.expect("synced")
    fresh = await connect(post_session)
    _welcome, snap = await fresh.hello(nickname="Kim")
    assert [a["text"] for a in snap["answers"]] == ["Rust"]
