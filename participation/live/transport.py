"""The live sockets' way to the network, and the one place that knows the servers'
insides (docs/live-protocol.md, "Once per frame, straight to the network").

Under daphne a frame the hub builds once (`ws_frame`) is written straight to the
TCP transport of each WebSocket (`Wire`). That reaches into private parts of
daphne, autobahn and Twisted (and of Channels' session middleware, to find daphne's
send under it); every one of them is named in RELIES_ON, and
tests/participation/live/test_transport_contract.py checks them against the
installed versions. Upgrading any package of CHECKED_AGAINST fails that test until
the transport is checked again.

The switch: with DIRECT_WRITES False, or under any other server (and in tests),
`Wire.of` gives None and every frame goes the ordinary way, through the ASGI send
(the Socket's outbox; daphne and autobahn build the frame).

One more: autobahn pretty-prints every option of every new connection for a debug
line that is not written unless its debug log is on (`quiet_autobahn`).
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable

DIRECT_WRITES = True  # False: every frame goes through daphne and autobahn
QUIET_AUTOBAHN = True  # False: autobahn formats its debug lines even when off

# The versions (requirements.lock) whose insides this module was last checked
# against. On an upgrade: read the code of RELIES_ON in the new version, then
# change these numbers (the contract test says which differ).
CHECKED_AGAINST = {
    "channels": "4.3.2",
    "daphne": "4.2.3",
    "autobahn": "26.10.2",
    "twisted": "26.10.0",
}

# (where, name, what it must be): every private part used below.
#   "method(a, b)" a function on the class with these parameters after self;
#   "attribute"    set on instances (class attribute or in __init__);
#   "constant"     a class attribute;
#   "function"     a function named in a module.
RELIES_ON = (
    # Channels' session middleware wraps the send; its own is `real_send`.
    ("channels.sessions.InstanceSessionWrapper", "real_send", "attribute"),
    # daphne gives the application partial(server.handle_reply, protocol) as send,
    # and keeps {"disconnected": ...} per protocol in server.connections.
    ("daphne.server.Server", "handle_reply", "method(protocol, message)"),
    ("daphne.server.Server", "connections", "attribute"),
    ("daphne.ws_protocol.WebSocketProtocol", "serverClose", "method(code)"),
    ("daphne.ws_protocol.WebSocketProtocol", "transport", "attribute"),
    # autobahn: the protocol's state, and no per-message compression negotiated.
    ("autobahn.websocket.protocol.WebSocketProtocol", "state", "attribute"),
    ("autobahn.websocket.protocol.WebSocketProtocol", "STATE_OPEN", "constant"),
    (
        "autobahn.websocket.protocol.WebSocketProtocol",
        "_perMessageCompress",
        "attribute",
    ),
    # Twisted's TCP transport: what it holds unwritten, its socket, its state.
    ("twisted.internet.tcp.Server", "dataBuffer", "attribute"),
    ("twisted.internet.tcp.Server", "offset", "attribute"),
    ("twisted.internet.tcp.Server", "_tempDataLen", "attribute"),
    ("twisted.internet.tcp.Server", "socket", "attribute"),
    ("twisted.internet.tcp.Server", "disconnecting", "attribute"),
    ("twisted.internet.tcp.Server", "TLS", "constant"),
    ("twisted.internet.tcp.Server", "write", "method(bytes)"),
    # autobahn formats debug lines with the module's own name for pprint.pformat.
    ("autobahn.websocket.protocol", "pformat", "function"),
)


def quiet_autobahn() -> None:
    """Make autobahn's `pformat` cheap while its debug log is off.

    `WebSocketProtocol._connectionMade` calls `pformat` on the options of every new
    connection and `startHandshake` on its transport details, both for debug lines,
    before the logger decides to drop them: in a join storm of 2,000 that was a
    fifth of daphne's event loop (py-spy, docs/live-scale.md). Off (txaio's level
    above debug), the text is a placeholder; on, it is formatted as before."""
    import txaio
    from autobahn.websocket import protocol

    loud = protocol.pformat
    if getattr(loud, "quiet", False):
        return

    def pformat(value, *args, **kwargs):
        try:
            level = txaio.get_global_log_level()
        except RuntimeError:  # no framework chosen yet: keep the old behaviour
            level = "debug"
        if level in ("debug", "trace"):
            return loud(value, *args, **kwargs)
        return "(not formatted: autobahn's debug log is off)"

    pformat.quiet = True
    protocol.pformat = pformat


if QUIET_AUTOBAHN:
    quiet_autobahn()


def ws_frame(text: str) -> bytes:
    """One unfragmented, unmasked, uncompressed WebSocket text frame (RFC 6455, 5.2),
    as a server sends it: built once per event and written to every socket."""
    payload = text.encode()
    n = len(payload)
    if n < 126:
        header = bytes((0x81, n))
    elif n < 65536:
        header = struct.pack("!BBH", 0x81, 126, n)
    else:
        header = struct.pack("!BBQ", 0x81, 127, n)
    return header + payload


def innermost_send(send: Callable) -> Callable:
    """The server's own send, under the session middleware's wrapper: that wrapper
    only matters for HTTP responses and the accept, and costs time per frame."""
    seen = 0
    while seen < 10:
        owner = getattr(send, "__self__", None)
        inner = getattr(owner, "real_send", None)
        if inner is None:
            return send
        send, seen = inner, seen + 1
    return send


def _held_bytes(transport) -> int:
    """Bytes Twisted holds for a transport and has not written yet."""
    return (
        len(transport.dataBuffer)
        - getattr(transport, "offset", 0)
        + getattr(transport, "_tempDataLen", 0)
    )


def transport_backlog(send: Callable) -> Callable[[], int] | None:
    """Bytes waiting in the TCP transport under daphne (which never makes a send
    wait), so a slow client is noticed before its backlog eats memory. None for
    other servers (and in tests), where only the outbox is measured."""
    if not isinstance(send, functools.partial) or not send.args:
        return None
    transport = getattr(send.args[0], "transport", None)
    if transport is None or not hasattr(transport, "dataBuffer"):
        return None
    return functools.partial(_held_bytes, transport)


class Wire:
    """Writes frames straight to the TCP transport of a daphne WebSocket.

    Daphne's own path (handle_reply → autobahn's sendMessage → sendFrame →
    transport.write) builds the frame again for every socket, and Twisted always
    defers the write to the reactor (addWriter/removeWriter per frame). The text
    frames a server sends are plain bytes (daphne negotiates no compression), so the
    hub builds each frame once and writes it here: on the socket at once when
    Twisted holds nothing for it (as asyncio's transports do), else behind what
    Twisted holds, in order. Close frames still go through autobahn."""

    __slots__ = ("server", "protocol", "transport", "_raw")

    def __init__(self, server, protocol, transport):
        self.server = server
        self.protocol = protocol
        self.transport = transport
        self._raw = getattr(transport, "socket", None)

    @classmethod
    def of(cls, send: Callable) -> Wire | None:
        """The wire under an ASGI send, or None: not daphne's send, a TLS or
        compressed connection, or DIRECT_WRITES off."""
        if not DIRECT_WRITES or not isinstance(send, functools.partial):
            return None
        if not send.args or getattr(send.func, "__name__", "") != "handle_reply":
            return None
        server = getattr(send.func, "__self__", None)
        protocol = send.args[0]
        transport = getattr(protocol, "transport", None)
        if (
            server is None
            or transport is None
            or not hasattr(transport, "dataBuffer")
            or getattr(transport, "TLS", False)
            or getattr(protocol, "_perMessageCompress", None) is not None
            or getattr(protocol, "state", None) != getattr(protocol, "STATE_OPEN", 1)
        ):
            return None
        return cls(server, protocol, transport)

    def gone(self) -> bool:
        protocol = self.protocol
        details = self.server.connections.get(protocol)
        return (
            details is None
            or bool(details.get("disconnected"))
            or protocol.state != protocol.STATE_OPEN
            or bool(self.transport.disconnecting)
        )

    def backlog(self) -> int:
        return _held_bytes(self.transport)

    def write(self, data: bytes) -> bool:
        """False when the connection is gone."""
        if self.gone():
            return False
        transport = self.transport
        raw = self._raw
        if raw is not None and not self.backlog():
            try:
                sent = raw.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:  # Twisted notices and reports the lost connection
                sent = 0
            if sent == len(data):
                return True
            data = data[sent:]
        transport.write(data)
        return True

    def close(self, code: int) -> None:
        if not self.gone():
            self.protocol.serverClose(code)
