"""The per-process hub: ordered, exactly-once delivery, gap repair from the
database, coalesced counts and the bounded outbox of a slow client."""

import asyncio
import functools
import json

import pytest
from channels.layers import get_channel_layer

from participation.live import collector as collector_module
from participation.live import hub as hub_module
from participation.live import protocol as p
from participation.live import sockets as sockets_module
from participation.live import transport as transport_module
from participation.live.counts import counts_frame, merge_counts
from participation.live.hub import Hub, Room
from participation.live.services.actions import perform
from participation.live.services.session import identify
from participation.live.sockets import Socket


class Recorder:
    """An ASGI send that records, and can be held up like a slow network."""

    def __init__(self):
        self.messages = []
        self.open = asyncio.Event()
        self.open.set()

    async def __call__(self, message):
        await self.open.wait()
        self.messages.append(message)

    @property
    def texts(self):
        return [m["text"] for m in self.messages if m["type"] == "websocket.send"]


def room_with(*sockets, next_seq=1):
    room = Room(1)
    room.next_seq = next_seq
    for socket in sockets:
        room.sockets.add(socket)
        socket.room = room
        socket.caught_up(next_seq - 1)
    return room


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def test_events_are_delivered_in_order_and_once():
    hub = Hub(get_channel_layer())
    send = Recorder()
    socket = Socket(send)
    room = room_with(socket)
    for seq in (3, 1, 2, 2, 1, 4):
        hub._accept(room, seq, f"e{seq}")
    await settle()
    assert send.texts == ["e1", "e2", "e3", "e4"]
    assert room.next_seq == 5 and not room.held
    socket.stop()


async def test_a_socket_catching_up_gets_only_what_its_catch_up_missed():
    hub = Hub(get_channel_layer())
    send = Recorder()
    socket = Socket(send)
    room = room_with(next_seq=1)
    room.sockets.add(socket)
    socket.catching_up()
    for seq in (1, 2, 3):
        hub._accept(room, seq, f"e{seq}")
    socket.frame("counts")
    await settle()
    assert send.texts == []  # held while the database is read
    socket.offer("snapshot@2")
    socket.caught_up(2)
    await settle()
    assert send.texts == ["snapshot@2", "e3", "counts"]
    socket.stop()


@pytest.mark.django_db(transaction=True)
async def test_a_lost_layer_message_is_fetched_from_the_database(post_session):
    from asgiref.sync import sync_to_async

    moderator = await sync_to_async(identify)(
        post_session.pk, p.Role.PARTICIPANT, nickname="Mo"
    )
    for n in range(3):
        await sync_to_async(perform)(
            "question.ask", post_session.pk, moderator[0].pk, text=f"Vraag {n}"
        )
    hub = Hub(get_channel_layer())
    send = Recorder()
    socket = Socket(send)
    room = room_with(socket)
    room.session_id = post_session.pk
    hub._accept(room, 3, "third, live")  # 1 and 2 never arrived
    await asyncio.sleep(hub_module.GAP_REPAIR_SECONDS + 0.5)
    assert [json.loads(t)["seq"] for t in send.texts[:2]] == [1, 2]
    assert send.texts[2] == "third, live"
    socket.stop()


async def test_a_slow_client_is_closed_with_4408_instead_of_buffering():
    send = Recorder()
    send.open.clear()  # the network stalls
    socket = Socket(send)
    socket.caught_up(0)
    for n in range(sockets_module.OUTBOX_FRAMES + 5):
        socket.offer(f"frame {n}")
    assert socket.closed
    send.open.set()
    await settle()
    assert send.messages[-1] == {"type": "websocket.close", "code": p.CLOSE_TOO_SLOW}
    assert len(send.texts) < sockets_module.OUTBOX_FRAMES
    socket.offer("after close")
    await settle()
    assert "after close" not in send.texts


async def test_a_large_transport_backlog_closes_the_socket():
    class Transport:
        dataBuffer = b"x" * (sockets_module.TRANSPORT_BACKLOG_BYTES + 1)
        offset = 0
        _tempDataLen = 0

    class Protocol:
        transport = Transport()

    async def server_send(protocol, message):
        server_send.messages.append(message)

    server_send.messages = []
    socket = Socket(functools.partial(server_send, Protocol()))
    socket.caught_up(0)
    socket.offer("one frame too many")
    await settle()
    assert server_send.messages == [{"type": "websocket.close", "code": 4408}]


def test_counts_merge_by_the_larger_value():
    merged = merge_counts({}, {"questions": {"1": 3}, "reactions": {"👏": 5}})
    merge_counts(merged, {"questions": {"1": 2, "2": 1}, "reactions": {"👏": 6}})
    merge_counts(merged, {"polls": {"7": [1, 0]}})
    merge_counts(merged, {"polls": {"7": [0, 2], "8": {"rust": 1}}})
    merge_counts(merged, {"polls": {"8": {"rust": 3, "tijd": 1}}, "participants": 4})
    assert merged == {
        "questions": {"1": 3, "2": 1},
        "reactions": {"👏": 6},
        "polls": {"7": [1, 2], "8": {"rust": 3, "tijd": 1}},
        "participants": 4,
    }


def test_a_counts_frame_shows_at_most_fifty_words():
    words = {f"woord{n}": n for n in range(80)}
    frame = json.loads(counts_frame({"polls": {"1": words}}))
    assert frame["type"] == "counts"
    assert len(frame["polls"]["1"]) == p.WORDS_SHOWN
    assert "woord79" in frame["polls"]["1"]


@pytest.mark.parametrize("size", [0, 125, 126, 65535, 65536])
def test_a_frame_is_built_as_rfc_6455_says(size):
    text = "x" * size
    frame = transport_module.ws_frame(text)
    assert frame[0] == 0x81  # FIN, text, no compression
    if size < 126:
        assert frame[1] == size and frame[2:] == text.encode()
    elif size < 65536:
        assert frame[1] == 126 and int.from_bytes(frame[2:4]) == size
        assert frame[4:] == text.encode()
    else:
        assert frame[1] == 127 and int.from_bytes(frame[2:10]) == size
        assert frame[10:] == text.encode()


class FakeRawSocket:
    def __init__(self, accepts):
        self.accepts = accepts  # bytes the kernel takes per send
        self.sent = b""

    def send(self, data):
        taken = data[: self.accepts]
        self.sent += taken
        return len(taken)


class FakeTransport:
    def __init__(self, raw):
        self.socket = raw
        self.dataBuffer = b""
        self.offset = 0
        self._tempDataLen = 0
        self.producer = None
        self.disconnecting = False
        self.written = b""

    def write(self, data):
        self.written += data
        self._tempDataLen += len(data)


class FakeProtocol:
    STATE_OPEN = 1

    def __init__(self, transport):
        self.transport = transport
        self.state = 1
        self.closed_with = None

    def serverClose(self, code):
        self.closed_with = code


class FakeServer:
    def __init__(self):
        self.connections = {}

    async def handle_reply(self, protocol, message):
        raise AssertionError("frames should not go through daphne")


def daphne_socket(accepts):
    server = FakeServer()
    transport = FakeTransport(FakeRawSocket(accepts))
    protocol = FakeProtocol(transport)
    server.connections[protocol] = {}
    socket = Socket(functools.partial(server.handle_reply, protocol))
    socket.caught_up(0)
    return socket, server, protocol, transport


def test_under_daphne_a_frame_goes_to_the_network_at_once_and_in_order():
    socket, server, protocol, transport = daphne_socket(accepts=5)
    socket.offer("hallo")  # 7 bytes: 5 on the socket, 2 queued in Twisted
    socket.offer("daar")  # Twisted holds bytes now: queued behind them
    assert transport.socket.sent == transport_module.ws_frame("hallo")[:5]
    assert transport.written == (
        transport_module.ws_frame("hallo")[5:] + transport_module.ws_frame("daar")
    )
    assert socket._writer is None  # no task per socket under daphne
    server.connections[protocol]["disconnected"] = True
    socket.offer("weg")
    assert socket.closed and socket.gone()


def test_under_daphne_a_stalled_client_is_closed_with_4408():
    socket, _server, protocol, transport = daphne_socket(accepts=0)
    transport.dataBuffer = b"x" * (sockets_module.TRANSPORT_BACKLOG_BYTES + 1)
    socket.offer("te veel")
    assert socket.closed and protocol.closed_with == p.CLOSE_TOO_SLOW


def test_a_settled_crowd_is_frozen_out_of_full_collections(monkeypatch):
    calls = []
    monkeypatch.setattr(collector_module.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(
        collector_module.gc, "unfreeze", lambda: calls.append("unfreeze")
    )
    monkeypatch.setattr(collector_module.gc, "collect", lambda: calls.append("collect"))
    clock = [1000.0]
    monkeypatch.setattr(collector_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(collector_module, "_start_frozen", False)
    collector = collector_module.Collector()

    def settle(sockets, after=0.0):
        clock[0] += after
        collector.settle(sockets)

    assert calls == ["freeze"]  # what the process loaded to start
    calls.clear()
    collector_module.Collector()
    assert calls == []  # once per process
    settle(150), settle(150, after=2)
    assert calls == []  # too few sockets to matter
    settle(300), settle(350), settle(400)
    assert calls == ["freeze", "freeze"]  # joining: at 300, and a quarter more
    settle(1000), settle(1000, after=0.5), settle(1000, after=1)
    assert calls == ["freeze"] * 3  # frozen while joining, not again when settled
    settle(1050), settle(1050, after=2)
    assert calls == ["freeze"] * 3  # grew by less than 10 %
    calls.clear()
    settle(400), settle(400, after=2)
    assert calls == ["unfreeze", "collect", "freeze"]
    settle(400, after=collector_module.GC_REFREEZE_SECONDS + 1)
    assert calls[-3:] == ["unfreeze", "collect", "freeze"]


async def test_a_change_of_the_participant_count_alone_is_sent_once_a_second(
    monkeypatch,
):
    from participation.live import counts as counts_module

    class Layer:
        async def group_send(self, group, message):
            pass

    clock = [1000.0]
    monkeypatch.setattr(counts_module.time, "monotonic", lambda: clock[0])
    send = Recorder()
    socket = Socket(send)
    room = room_with(socket)

    async def tick(after=0.25):
        clock[0] += after
        await counts_module.tick(room, Layer(), "hub-1")
        await settle()
        return [json.loads(text) for text in send.texts[-1:]]

    room.counts.arrived(True)
    assert await tick() == [{"type": "counts", "participants": 1}]
    send.messages.clear()
    room.counts.arrived(True)
    assert await tick() == []  # a quarter second later: not yet
    room.counts.changed({"reactions": {"👍": 1}})
    assert await tick() == [  # with other counts it goes along
        {"type": "counts", "reactions": {"👍": 1}, "participants": 2}
    ]
    send.messages.clear()
    room.counts.arrived(True)
    assert await tick(after=1.0) == [{"type": "counts", "participants": 3}]
    socket.stop()


async def test_a_large_room_gets_its_counts_frame_once_a_second(monkeypatch):
    from participation.live import counts as counts_module

    class Layer:
        async def group_send(self, group, message):
            pass

    clock = [1000.0]
    monkeypatch.setattr(counts_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(counts_module, "LARGE_ROOM_SOCKETS", 2)
    sends = [Recorder(), Recorder()]
    sockets = [Socket(send) for send in sends]
    room = room_with(*sockets)

    async def tick(after=0.25):
        clock[0] += after
        await counts_module.tick(room, Layer(), "hub-1")
        await settle()
        frames = [json.loads(text) for text in sends[0].texts]
        sends[0].messages.clear()
        for frame in frames:
            frame.pop("participants", None)  # the first one says 0
        return frames

    room.counts.changed({"reactions": {"👍": 1}})
    assert await tick() == [{"type": "counts", "reactions": {"👍": 1}}]
    room.counts.changed({"reactions": {"👍": 2}})
    assert await tick() == []  # a quarter second later: it waits
    room.counts.changed({"reactions": {"👍": 3, "👏": 1}})
    assert await tick(after=0.5) == []
    # A second after the last frame: one frame with the latest counts.
    assert await tick() == [{"type": "counts", "reactions": {"👍": 3, "👏": 1}}]
    assert [json.loads(text) for text in sends[1].texts][-1]["reactions"] == {
        "👍": 3,
        "👏": 1,
    }
    # A small room (one socket left) is back to four frames a second.
    room.sockets.discard(sockets[1])
    room.counts.changed({"reactions": {"👍": 4}})
    assert await tick() == [{"type": "counts", "reactions": {"👍": 4}}]
    room.counts.changed({"reactions": {"👍": 5}})
    assert await tick() == [{"type": "counts", "reactions": {"👍": 5}}]
    for socket in sockets:
        socket.stop()
