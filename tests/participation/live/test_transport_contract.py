"""The contract between participation/live/transport.py and the private insides of
the servers it writes through (daphne, autobahn, Twisted, and Channels' session
middleware). It fails loudly when an upgrade changes or removes one of them, or
when the installed versions are not the ones the transport was checked against:
then read the transport again against the new versions (its RELIES_ON names every
part it uses) and update CHECKED_AGAINST.

No server runs: the checks read the classes as installed, and one builds a real
Twisted TCP transport and daphne objects around a socket pair."""

# daphne.server installs Twisted's asyncio reactor when it is imported first.
import daphne.server  # isort:skip  # noqa: I001

import functools
import importlib
import importlib.metadata
import inspect
import re
import socket
import time
from pathlib import Path

import pytest
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import protocol as twisted_protocol
from twisted.internet import tcp

from participation.live import transport

LOCK = Path(__file__).resolve().parents[3] / "requirements.lock"
UPGRADED = (
    "participation/live/transport.py was checked against {package} {checked}, but "
    "{found} is {where}. Read the transport's RELIES_ON in the new version (daphne's "
    "Server.handle_reply and connections, autobahn's protocol state, Twisted's TCP "
    "transport buffers), then set CHECKED_AGAINST[{package!r}] to {found!r}."
)


def _resolve(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _assigned_in_source(cls, name: str) -> bool:
    """`self.<name> = ...` somewhere in the class or a base it inherits from."""
    pattern = re.compile(rf"\bself\.{re.escape(name)}\s*(:[^=\n]+)?=(?!=)")
    for klass in cls.__mro__:
        if klass is object:
            continue
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        if pattern.search(source):
            return True
    return False


@pytest.mark.parametrize("package", sorted(transport.CHECKED_AGAINST))
def test_the_installed_version_is_the_one_the_transport_was_checked_against(package):
    checked = transport.CHECKED_AGAINST[package]
    found = importlib.metadata.version(package)
    assert found == checked, UPGRADED.format(
        package=package, checked=checked, found=found, where="installed"
    )


@pytest.mark.parametrize("package", sorted(transport.CHECKED_AGAINST))
def test_the_lock_file_pins_the_version_the_transport_was_checked_against(package):
    pins = dict(
        re.findall(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", LOCK.read_text(), re.MULTILINE)
    )
    pins = {name.lower(): version for name, version in pins.items()}
    checked = transport.CHECKED_AGAINST[package]
    assert pins.get(package) == checked, UPGRADED.format(
        package=package,
        checked=checked,
        found=pins.get(package),
        where="pinned in requirements.lock",
    )


@pytest.mark.parametrize(
    ("where", "name", "kind"),
    transport.RELIES_ON,
    ids=[f"{where.rsplit('.', 1)[1]}.{name}" for where, name, _ in transport.RELIES_ON],
)
def test_each_private_part_the_transport_uses_is_still_there(where, name, kind):
    cls = _resolve(where)
    changed = (
        f"{where}.{name} ({kind}), which participation/live/transport.py relies "
        "on, changed in this version: check the transport before upgrading."
    )
    if kind == "function":
        assert callable(getattr(cls, name, None)), changed
    elif kind.startswith("method("):
        wanted = [part.strip() for part in kind[7:-1].split(",") if part.strip()]
        method = getattr(cls, name, None)
        assert callable(method), changed
        parameters = list(inspect.signature(method).parameters)
        assert parameters[1:] == wanted, f"{changed} Parameters now: {parameters}"
    elif kind == "constant":
        assert name in dir(cls) and not callable(getattr(cls, name)), changed
    else:
        assert kind == "attribute", f"unknown kind {kind!r} in RELIES_ON"
        present = name in dir(cls) and not callable(getattr(cls, name))
        assert present or _assigned_in_source(cls, name), changed


def test_daphne_gives_the_application_its_handle_reply_as_send():
    # Wire.of recognises daphne's send by this shape: partial(handle_reply, protocol).
    source = inspect.getsource(daphne.server.Server.create_application)
    assert "send=partial(self.handle_reply, protocol)" in source
    assert inspect.iscoroutinefunction(daphne.server.Server.handle_reply)
    # A closed connection is marked "disconnected" in server.connections.
    assert '["disconnected"]' in inspect.getsource(daphne.server.Server)


def test_daphnes_websocket_is_an_autobahn_server_protocol_that_is_open_in_state_open():
    from autobahn.websocket import protocol as autobahn

    assert issubclass(WebSocketProtocol, autobahn.WebSocketServerProtocol)
    source = inspect.getsource(autobahn)
    assert "self.state = WebSocketProtocol.STATE_OPEN" in source
    assert "self._perMessageCompress = None" in source


class _Reactor:
    """Enough of a reactor for a transport that is never run."""

    def addWriter(self, writer):
        pass

    def removeWriter(self, writer):
        pass

    def addReader(self, reader):
        pass

    def removeReader(self, reader):
        pass


class _Port:
    _realPortNumber = 8000
    _type = "TCP"


@pytest.fixture
def daphne_socket():
    """A daphne WebSocket over a real Twisted TCP transport on a socket pair, as
    daphne leaves it once the handshake is done."""
    ours, peer = socket.socketpair()
    ours.setblocking(False)
    peer.settimeout(2)
    server = daphne.server.Server(application=None, endpoints=["tcp:port=0"])
    server.connections = {}  # as Server.run() starts it
    websocket = WebSocketProtocol()
    websocket.transport = tcp.Server(
        ours, twisted_protocol.Protocol(), ("127.0.0.1", 50000), _Port(), 1, _Reactor()
    )
    websocket.state = WebSocketProtocol.STATE_OPEN
    websocket._perMessageCompress = None
    server.connections[websocket] = {"connected": time.time()}
    yield server, websocket, peer
    ours.close()
    peer.close()


def test_under_real_daphne_and_twisted_objects_a_frame_goes_straight_to_the_socket(
    daphne_socket,
):
    server, websocket, peer = daphne_socket
    send = functools.partial(server.handle_reply, websocket)
    wire = transport.Wire.of(send)
    assert wire is not None, "daphne's send is no longer recognised: check Wire.of"
    assert wire.backlog() == 0 and not wire.gone()
    frame = transport.ws_frame("hallo")
    assert wire.write(frame)
    assert peer.recv(64) == frame
    assert transport.transport_backlog(send)() == 0
    server.connections[websocket]["disconnected"] = time.time()
    assert wire.gone()


def test_twisted_holds_what_the_socket_did_not_take_where_the_backlog_looks(
    daphne_socket,
):
    server, websocket, _peer = daphne_socket
    wire = transport.Wire.of(functools.partial(server.handle_reply, websocket))
    websocket.transport.write(b"x" * 10)  # queued in Twisted until the reactor runs
    assert wire.backlog() == 10


def test_autobahn_formats_its_debug_lines_with_the_pformat_the_transport_quiets():
    from autobahn.websocket import protocol as autobahn

    source = inspect.getsource(autobahn.WebSocketProtocol._connectionMade)
    assert 'self.log.debug("\\n{attrs}", attrs=pformat(configAttrLog))' in source
    assert getattr(autobahn.pformat, "quiet", False), "transport.quiet_autobahn ran"


def test_the_quiet_pformat_formats_when_the_debug_log_is_on(monkeypatch):
    import txaio
    from autobahn.websocket import protocol as autobahn

    monkeypatch.setattr(txaio, "get_global_log_level", lambda: "info")
    assert "not formatted" in autobahn.pformat({"a": 1})
    monkeypatch.setattr(txaio, "get_global_log_level", lambda: "debug")
    assert autobahn.pformat({"a": 1}) == "{'a': 1}"
