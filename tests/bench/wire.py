"""A minimal WebSocket client for the benchmark's load (RFC 6455, client side).

The load client holds thousands of sockets on one core that it shares with the
servers it measures, so each received frame must cost little: frames are parsed in
`data_received` and handed to a callback at once, as bytes, without a task switch
per frame (the `websockets` client wakes a reader task for every message). It
speaks only what the benchmark needs: the opening handshake with extra headers,
text frames (fragmented ones too), ping → pong, and the closing handshake. Frames
it sends are masked with a zero key (RFC 6455 5.3 asks for a mask; a zero key
leaves the payload unchanged, so nothing is copied byte by byte).
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
from collections.abc import Callable
from urllib.parse import urlparse

ZERO_MASK = b"\x00\x00\x00\x00"


class HandshakeFailed(Exception):
    """The server answered the upgrade with something else than 101."""


def _frame(opcode: int, payload: bytes) -> bytes:
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    return header + ZERO_MASK + payload


class Socket(asyncio.Protocol):
    """One client WebSocket. `on_message(bytes, t)` is called for every text
    message; `opened` resolves after the handshake, `closed` with the close code
    (None when the connection dropped without one)."""

    def __init__(self, request: bytes, on_message: Callable[[bytes], None]):
        loop = asyncio.get_running_loop()
        self.request = request
        self.on_message = on_message
        self.opened: asyncio.Future = loop.create_future()
        self.closed: asyncio.Future = loop.create_future()
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.fragments: list[bytes] = []
        self.open = False
        self.close_code: int | None = None

    # asyncio.Protocol ------------------------------------------------------------

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        if not self.open:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buffer[: buffer.find(b"\r\n")])
            del buffer[: end + 4]
            if b" 101 " not in status + b" ":
                self._fail(HandshakeFailed(status.decode("latin-1")))
                return
            self.open = True
            if not self.opened.done():
                self.opened.set_result(self)
        self._frames()

    def connection_lost(self, exc) -> None:
        self.open = False
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed in handshake"))
        if not self.closed.done():
            self.closed.set_result(self.close_code)

    # Frames ----------------------------------------------------------------------

    def _frames(self) -> None:
        buffer = self.buffer
        start = 0
        size = len(buffer)
        while size - start >= 2:
            b0, b1 = buffer[start], buffer[start + 1]
            length = b1 & 0x7F
            head = 2
            if length == 126:
                if size - start < 4:
                    break
                length = int.from_bytes(buffer[start + 2 : start + 4], "big")
                head = 4
            elif length == 127:
                if size - start < 10:
                    break
                length = int.from_bytes(buffer[start + 2 : start + 10], "big")
                head = 10
            if b1 & 0x80:  # servers never mask; skip the key if one did
                head += 4
            if size - start < head + length:
                break
            payload = bytes(buffer[start + head : start + head + length])
            start += head + length
            self._frame(b0 & 0x80, b0 & 0x0F, payload)
            if self.transport is None or self.transport.is_closing():
                break
        if start:
            del buffer[:start]

    def _frame(self, fin: int, opcode: int, payload: bytes) -> None:
        if opcode == 0x1 or opcode == 0x2:  # text (binary is not used)
            if fin:
                self.on_message(payload)
            else:
                self.fragments = [payload]
        elif opcode == 0x0:  # continuation
            self.fragments.append(payload)
            if fin:
                message, self.fragments = b"".join(self.fragments), []
                self.on_message(message)
        elif opcode == 0x8:  # close: answer it and let the server close TCP
            self.close_code = (
                int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
            )
            if self.open:
                self.open = False
                self.transport.write(_frame(0x8, payload[:2]))
            self.transport.close()
        elif opcode == 0x9:  # ping
            self.transport.write(_frame(0xA, payload))

    # Sending ---------------------------------------------------------------------

    def send(self, text: str) -> None:
        if not self.open:
            raise ConnectionError("not open")
        self.transport.write(_frame(0x1, text.encode()))

    async def close(self, code: int = 1000, timeout: float = 2.0) -> None:
        if self.transport is None:
            return
        if self.open:
            self.open = False
            self.transport.write(_frame(0x8, code.to_bytes(2, "big")))
        try:
            async with asyncio.timeout(timeout):
                await asyncio.shield(self.closed)
        except TimeoutError:
            self.transport.abort()

    def _fail(self, exc: Exception) -> None:
        if not self.opened.done():
            self.opened.set_exception(exc)
        self.transport.abort()


async def connect(
    url: str, headers: dict[str, str], on_message: Callable[[bytes], None]
) -> Socket:
    """Open a WebSocket to a ws:// URL; returns the socket once it is open."""
    parsed = urlparse(url)
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        f"GET {parsed.path or '/'} HTTP/1.1",
        f"Host: {parsed.netloc}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    loop = asyncio.get_running_loop()
    _transport, socket = await loop.create_connection(
        lambda: Socket(request, on_message), parsed.hostname, parsed.port or 80
    )
    return await socket.opened
