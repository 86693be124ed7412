"""Two daphne processes share one Redis channel layer and one PostgreSQL database:
a question asked on one reaches participants on the other, and every participant on
both receives every event exactly once, in sequence.

Runs against real services (marker `services`): it skips without PostgreSQL or
Redis, and fails in CI where INSPRAAK_REQUIRE_SERVICES=1. It migrates its own
database, `inspraak_live_two_process`, so it never touches the test database.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from tests.conftest import service_missing
from tests.processes import free_port

pytestmark = pytest.mark.services

REPO = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
DATABASE = "inspraak_live_two_process"
PARTICIPANTS_PER_PROCESS = 4
SECRET = "two-process-test-secret-" + "x" * 40

SETUP = """
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation, Role
from participation.models import ConsultationIndexPage, ConsultationPage
from participation.live.models import LiveSession

organisation = Organisation.objects.create(name="Gemeente Twee", slug="twee", kind="municipality")
root = Page.get_first_root_node()
index = root.add_child(instance=ConsultationIndexPage(title="Raadplegingen", slug="r2p"))
now = timezone.now()
consultation = index.add_child(instance=ConsultationPage(
    title="Twee processen", slug="twee-processen", organisation=organisation,
    summary="Test.", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1),
    feedback_due_on=timezone.localdate() + timedelta(days=30)))
user = User.objects.create_user(email="mod@example.test", password="x" * 12)
Membership.objects.create(user=user, organisation=organisation, role=Role.MODERATOR)
session = LiveSession.objects.create(consultation=consultation, title="Sessie",
    starts_at=now, moderation=LiveSession.Moderation.POST)
client = Client()
client.force_login(user)
print(json.dumps({"code": session.code, "cookie": client.cookies["sessionid"].value}))
"""


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def postgres_url():
    """A server URL for our own database (DATABASE_URL when it is PostgreSQL)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parsed = urlparse(base)
    if not _reachable(parsed.hostname, parsed.port or 5432):
        service_missing(f"PostgreSQL is not reachable at {parsed.hostname}")
    import psycopg

    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    yield urlunparse(parsed._replace(path=f"/{DATABASE}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def environment(postgres_url, redis_url, tmp_path_factory):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inspraak.settings",
        "DATABASE_URL": postgres_url,
        "REDIS_URL": redis_url,
        "DEBUG": "true",
        "SECRET_KEY": SECRET,
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    return env


@pytest.fixture(scope="module")
def session_data(environment):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SETUP],
        cwd=REPO,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def servers(environment, session_data):
    processes, ports = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "inspraak.asgi:application",
                ],
                cwd=REPO,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        ports.append(port)
    try:
        deadline = time.monotonic() + 60
        for process, port in zip(processes, ports, strict=True):
            while not _reachable("127.0.0.1", port):
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode()[-3000:])
                if time.monotonic() > deadline:
                    raise RuntimeError(f"daphne did not start on port {port}")
                time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


class Peer:
    """A websockets client that records every sequenced event it receives."""

    def __init__(self, port: int, code: str, cookie: str | None = None):
        self.url = f"ws://127.0.0.1:{port}/ws/live/{code}/"
        self.origin = f"http://127.0.0.1:{port}"
        self.cookie = cookie
        self.events: list[dict] = []
        self.acks: dict[str, dict] = {}
        self.welcome: dict | None = None

    async def open(self, **hello):
        import websockets

        headers = {"Cookie": f"sessionid={self.cookie}"} if self.cookie else None
        self.ws = await websockets.connect(
            self.url, origin=self.origin, additional_headers=headers
        )
        await self.ws.send(json.dumps({"type": "hello", **hello}))
        self.welcome = json.loads(await self.ws.recv())
        assert self.welcome["type"] == "welcome", self.welcome
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self):
        async for text in self.ws:
            frame = json.loads(text)
            if frame["type"] == "event":
                self.events.append(frame)
            elif frame["type"] in ("ack", "error"):
                self.acks[frame.get("id")] = frame

    async def send(self, message_id: str, **message):
        await self.ws.send(json.dumps({"id": message_id, **message}))
        for _ in range(200):
            if message_id in self.acks:
                return self.acks[message_id]
            await asyncio.sleep(0.025)
        raise AssertionError(f"no answer to {message_id}")

    async def wait_for(self, count: int, timeout: float = 15):
        deadline = time.monotonic() + timeout
        while len(self.events) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def close(self):
        self.reader.cancel()
        await self.ws.close()


async def test_two_daphne_processes_deliver_every_event_once_in_sequence(
    servers, session_data
):
    code, cookie = session_data["code"], session_data["cookie"]
    port_a, port_b = servers
    moderator = await Peer(port_a, code, cookie).open()
    assert moderator.welcome["role"] == "moderator"
    on_a = [
        await Peer(port_a, code).open(nickname=f"A{n}")
        for n in range(PARTICIPANTS_PER_PROCESS)
    ]
    on_b = [
        await Peer(port_b, code).open(nickname=f"B{n}")
        for n in range(PARTICIPANTS_PER_PROCESS)
    ]
    everyone = [moderator, *on_a, *on_b]
    # Give both hubs a moment to be in the session's group (they are once
    # `welcome` arrived, but presence settles on the next tick).
    await asyncio.sleep(0.3)

    # A question asked on B reaches a participant on A.
    asked = await on_b[0].send("b-ask", type="question.ask", text="Via Redis?")
    assert asked["ok"], asked
    await on_a[0].wait_for(1)
    assert on_a[0].events[0]["kind"] == "question.published"
    assert on_a[0].events[0]["data"]["question"]["text"] == "Via Redis?"

    # Then a burst from both sides: the moderator on A, participants on B.
    question_id = asked["question_id"]
    sends = [
        moderator.send("m-start", type="session.start"),
        moderator.send("m-answer", type="question.answer", question_id=question_id),
        moderator.send("m-pin", type="question.pin", question_id=question_id),
        *[
            peer.send(f"b{n}-ask", type="question.ask", text=f"Vraag van B{n}")
            for n, peer in enumerate(on_b)
        ],
        moderator.send("m-unpin", type="question.unpin", question_id=question_id),
        *[
            peer.send(f"a{n}-ask", type="question.ask", text=f"Vraag van A{n}")
            for n, peer in enumerate(on_a[1:], start=1)
        ],
    ]
    answers = await asyncio.gather(*sends)
    assert all(answer["ok"] for answer in answers), answers
    expected = 1 + 4 + len(on_b) + len(on_a) - 1
    for peer in everyone:
        await peer.wait_for(expected)
    await asyncio.sleep(0.5)  # anything extra (a duplicate) would show up now

    for peer in everyone:
        seqs = [event["seq"] for event in peer.events]
        assert seqs == list(range(1, expected + 1)), (peer.url, seqs)
    texts = {
        event["data"]["question"]["text"]
        for event in moderator.events
        if event["kind"] == "question.published"
    }
    assert {f"Vraag van B{n}" for n in range(len(on_b))} <= texts
    for peer in everyone:
        await peer.close()
