"""Fixtures for live-session tests: a session of a consultation, moderators, and a
small WebSocket client around Channels' WebsocketCommunicator."""

import asyncio
import json

from django.test import Client
from django.utils import timezone

import pytest
from channels.layers import channel_layers
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from inspraak.core.websocket_auth import AuthMiddlewareStack
from inspraak.organisations.models import Role
from participation.live import hub as hub_module
from participation.live import pools
from participation.live.models import LiveSession
from participation.live.routing import websocket_urlpatterns


@pytest.fixture(autouse=True)
def _fresh_live_hub(monkeypatch):
    """A fresh in-memory layer per test (its queues belong to the test's loop) and
    rooms that close as soon as their last socket leaves."""
    channel_layers.backends = {}
    monkeypatch.setattr(hub_module, "ROOM_GRACE_SECONDS", 0)
    monkeypatch.setattr(hub_module, "GAP_REPAIR_SECONDS", 0.2)
    yield
    channel_layers.backends = {}
    # No database call of this test may still run when the next one starts.
    pools.close_pools()


@pytest.fixture
def index_page(db):
    """Transactional tests start from empty tables (no root page, no locale)."""
    from django.conf import settings

    from wagtail.models import Locale, Page

    from participation.models import ConsultationIndexPage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    return root.add_child(
        instance=ConsultationIndexPage(title="Raadplegingen", slug="raadplegingen")
    )


@pytest.fixture
def live_session(consultation):
    return LiveSession.objects.create(
        consultation=consultation,
        title="Vragenuur jeugdhulp",
        starts_at=timezone.now(),
        moderation=LiveSession.Moderation.PRE,
    )


@pytest.fixture
def post_session(consultation):
    return LiveSession.objects.create(
        consultation=consultation,
        title="Open vragenuur",
        starts_at=timezone.now(),
        moderation=LiveSession.Moderation.POST,
    )


@pytest.fixture
def other_session(make_consultation, organisation):
    return LiveSession.objects.create(
        consultation=make_consultation(),
        title="Een andere sessie",
        starts_at=timezone.now(),
        moderation=LiveSession.Moderation.POST,
    )


@pytest.fixture
def org_member(user_factory, membership_factory, organisation):
    def make(role):
        user = user_factory()
        membership_factory(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def case_handler_cookie(org_member):
    """A member of the organisation whose role does not moderate."""
    return cookie_for(org_member(Role.CASE_HANDLER))


@pytest.fixture
def moderator_cookie(moderator):
    client = Client()
    client.force_login(moderator)
    return f"sessionid={client.cookies['sessionid'].value}"


def cookie_for(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


APPLICATION = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


def from_address(address: str):
    """The application as a server at `address` would call it (`scope["client"]`)."""

    async def application(scope, receive, send):
        return await APPLICATION({**scope, "client": [address, 50000]}, receive, send)

    return application


class LiveClient:
    """One browser: sends JSON, receives frames; `counts` frames are kept apart
    because they arrive on a timer."""

    def __init__(
        self, code: str, cookie: str | None = None, address: str | None = None
    ):
        headers = [(b"origin", b"http://testserver")]
        if cookie:
            headers.append((b"cookie", cookie.encode()))
        self.communicator = WebsocketCommunicator(
            from_address(address) if address else APPLICATION,
            f"/ws/live/{code}/",
            headers=headers,
        )
        self.counts: list[dict] = []
        self.seen: list[dict] = []
        self.buffer: list[dict] = []  # frames `request` passed over

    async def connect(self):
        connected, _ = await self.communicator.connect()
        assert connected
        return self

    async def send(self, **message):
        await self.communicator.send_to(text_data=json.dumps(message))

    async def send_raw(self, text: str):
        await self.communicator.send_to(text_data=text)

    async def recv(self, timeout: float = 3) -> dict:
        """The next frame that is not `counts`."""
        if self.buffer:
            return self.buffer.pop(0)
        while True:
            frame = json.loads(await self.communicator.receive_from(timeout=timeout))
            self.seen.append(frame)
            if frame["type"] == "counts":
                self.counts.append(frame)
                continue
            return frame

    async def expect(self, type_: str, timeout: float = 3) -> dict:
        frame = await self.recv(timeout)
        assert frame["type"] == type_, frame
        return frame

    async def silent(self, timeout: float = 0.4) -> bool:
        """Nothing but counts arrives within `timeout`. (A timeout in receive_from
        would cancel the application, so this polls with receive_nothing.)"""
        assert not self.buffer, self.buffer
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if await self.communicator.receive_nothing(timeout=0.05):
                continue
            frame = json.loads(await self.communicator.receive_from())
            self.seen.append(frame)
            if frame["type"] != "counts":
                raise AssertionError(f"unexpected frame {frame}")
            self.counts.append(frame)
        return True

    async def wait_counts(self, predicate, timeout: float = 3) -> dict:
        for frame in self.counts:
            if predicate(frame):
                return frame
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise AssertionError(f"no matching counts in {self.counts}")
            frame = json.loads(await self.communicator.receive_from(timeout=left))
            self.seen.append(frame)
            if frame["type"] != "counts":
                raise AssertionError(f"expected counts, got {frame}")
            self.counts.append(frame)
            if predicate(frame):
                return frame

    async def hello(self, **fields) -> tuple[dict, dict]:
        """hello; returns (welcome, snapshot or synced)."""
        await self.send(type="hello", **fields)
        welcome = await self.expect("welcome")
        self.token = welcome["token"]
        return welcome, await self.recv()

    async def request(self, type_: str, **fields) -> dict:
        """Send an action and return its ack or error (events before it are kept)."""
        await self.send(type=type_, **fields)
        passed = []
        while True:
            frame = await self.recv()
            if frame["type"] in ("ack", "error"):
                self.buffer[:0] = passed
                return frame
            passed.append(frame)

    async def close(self):
        await self.communicator.disconnect()


@pytest.fixture
def connect():
    clients = []

    async def open_client(session, cookie=None, address=None, **hello):
        client = await LiveClient(session.code, cookie, address).connect()
        clients.append(client)
        if hello:
            await client.hello(**hello)
        return client

    yield open_client


@pytest.fixture
def moderating_org_roles():
    return (Role.MODERATOR, Role.POLICY, Role.ADMIN)
