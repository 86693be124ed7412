"""A moderator's role on an open socket (docs/live-protocol.md, "A role that ends
while the socket is open"): when a membership ends, an account is deactivated or its
sessions are logged out, the next moderator action is refused, the moderators' stream
stops and the socket closes with 4403."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest
from asgiref.sync import sync_to_async

from inspraak.organisations.models import Membership, Role
from participation.live.models import LiveSession, Poll, Question

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _check_every_time(settings):
    settings.LIVE_ROLE_RECHECK_SECONDS = 0


class SignedIn:
    """A person signed in in a browser: the cookie for the socket, and the browser
    to log out with."""

    def __init__(self, user):
        self.user = user
        self.browser = Client()
        self.browser.force_login(user)
        self.cookie = f"sessionid={self.browser.cookies['sessionid'].value}"


@pytest.fixture
def signed_in_moderator(moderator):
    return SignedIn(moderator)


@pytest.fixture
def other_moderator(org_member):
    return SignedIn(org_member(Role.MODERATOR))


async def end_membership(person: SignedIn) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    await Membership.objects.filter(user=person.user).aupdate(ends_on=yesterday)


async def deactivate(person: SignedIn) -> None:
    person.user.is_active = False
    await person.user.asave(update_fields=["is_active"])


async def log_out(person: SignedIn) -> None:
    await sync_to_async(person.browser.logout)()


async def change_password(person: SignedIn) -> None:
    # Django ends the other sessions of a person whose password changes.
    person.user.set_password("een heel ander wachtwoord")
    await person.user.asave(update_fields=["password"])


LOSSES = [end_membership, deactivate, log_out, change_password]


async def assert_closed_with(client, code: int) -> None:
    """The next frame but counts closes the socket with `code`."""
    while True:
        output = await client.communicator.receive_output(timeout=3)
        if '"type":"counts"' not in output.get("text", ""):
            break
    assert output == {"type": "websocket.close", "code": code}, output


async def assert_closed_as_withdrawn(client) -> None:
    await assert_closed_with(client, 4403)


@pytest.mark.parametrize("lose_role", LOSSES)
@pytest.mark.parametrize(
    "action",
    [
        ("poll.create", {"kind": "scale", "question": "Hoe gaat het?"}),
        ("session.end", {}),
        ("question.approve", None),  # the question asked below
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else None,
)
async def test_a_moderator_who_lost_the_role_is_refused_and_closed(
    live_session, connect, signed_in_moderator, lose_role, action
):
    moderator = await connect(live_session, signed_in_moderator.cookie)
    welcome, _snapshot = await moderator.hello()
    assert welcome["role"] == "moderator"
    participant = await connect(live_session, nickname="Sam")
    asked = await participant.request("question.ask", text="Mag ik iets vragen?")
    await moderator.expect("pending")

    await lose_role(signed_in_moderator)
    type_, fields = action
    if fields is None:
        fields = {"question_id": asked["question_id"]}
    error = await moderator.request(type_, id="after", **fields)

    assert (error["code"], error["id"]) == ("not_allowed", "after")
    await assert_closed_as_withdrawn(moderator)
    assert await Poll.objects.acount() == 0
    assert await LiveSession.objects.filter(state="scheduled").acount() == 1
    assert await Question.objects.filter(status="pending").acount() == 1


@pytest.mark.parametrize("lose_role", LOSSES)
async def test_unapproved_questions_stop_reaching_a_moderator_who_lost_the_role(
    live_session, connect, signed_in_moderator, other_moderator, lose_role
):
    leaving = await connect(live_session, signed_in_moderator.cookie)
    await leaving.hello()
    staying = await connect(live_session, other_moderator.cookie)
    await staying.hello()
    participant = await connect(live_session, nickname="Sam")

    await lose_role(signed_in_moderator)
    await participant.request("question.ask", text="Wie leest dit?")

    pending = await staying.expect("pending")
    assert pending["question"]["text"] == "Wie leest dit?"
    # Not the question: the socket closes instead.
    await assert_closed_as_withdrawn(leaving)


async def test_a_second_hello_does_not_bring_the_pending_questions_again(
    live_session, connect, signed_in_moderator
):
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await moderator.hello()
    participant = await connect(live_session, nickname="Sam")
    await participant.request("question.ask", text="Nog een vraag")
    await moderator.expect("pending")

    await end_membership(signed_in_moderator)
    await moderator.send(type="hello", id="again")

    error = await moderator.expect("error")
    assert (error["code"], error["id"]) == ("not_allowed", "again")
    await assert_closed_as_withdrawn(moderator)


@pytest.mark.parametrize("lose_role", LOSSES)
async def test_a_role_lost_before_hello_makes_a_participant(
    live_session, connect, signed_in_moderator, lose_role
):
    # The handshake saw a moderator; the hello reads the role as it is now.
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await lose_role(signed_in_moderator)
    welcome, snapshot = await moderator.hello(nickname="Mo")
    assert welcome["role"] == "participant"
    assert "pending" not in snapshot


async def test_a_moderator_who_keeps_the_role_keeps_working(
    live_session, connect, signed_in_moderator
):
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await moderator.hello()
    participant = await connect(live_session, nickname="Sam")
    asked = await participant.request("question.ask", text="Gaat dit goed?")
    await moderator.expect("pending")
    approved = await moderator.request(
        "question.approve", question_id=asked["question_id"]
    )
    assert approved["status"] == "published"
    assert (await moderator.request("session.end"))["state"] == "ended"


async def test_a_check_is_reused_for_the_recheck_interval(
    settings, live_session, connect, signed_in_moderator
):
    """The role is not read from the database for every message: a check holds for
    LIVE_ROLE_RECHECK_SECONDS, and the next message after that is checked again."""
    settings.LIVE_ROLE_RECHECK_SECONDS = 3600
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await moderator.hello()
    await end_membership(signed_in_moderator)
    created = await moderator.request("poll.create", kind="scale", question="Een")
    assert created["ok"]

    settings.LIVE_ROLE_RECHECK_SECONDS = 0
    error = await moderator.request("poll.create", kind="scale", question="Twee")
    assert error["code"] == "not_allowed"
    await assert_closed_as_withdrawn(moderator)
    assert await Poll.objects.acount() == 1


@pytest.fixture
def role_check_fails(monkeypatch):
    def unavailable(*args, **kwargs):
        raise RuntimeError("the database is unavailable")

    monkeypatch.setattr("participation.live.roles.still_moderates", unavailable)


async def test_an_action_whose_role_cannot_be_checked_is_not_done(
    live_session, connect, signed_in_moderator, role_check_fails
):
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await moderator.hello()
    await moderator.send(type="session.end", id="end")
    # Closed to reconnect (the client sends the action again with its id).
    await assert_closed_with(moderator, 4503)
    assert await LiveSession.objects.filter(state="scheduled").acount() == 1


async def test_pending_questions_wait_for_a_role_check_that_fails(
    live_session, connect, signed_in_moderator, role_check_fails
):
    moderator = await connect(live_session, signed_in_moderator.cookie)
    await moderator.hello()
    participant = await connect(live_session, nickname="Sam")
    await participant.request("question.ask", text="Komt deze aan?")
    await assert_closed_with(moderator, 4503)
