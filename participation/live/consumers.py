"""The live-session WebSocket (docs/live-protocol.md).

One consumer per browser. It validates each frame (protocol.py), runs the action in
one small database function (the `services` package, one module per flow) and
hands what was stored to the process's hub (hub.py), which fans it out. Nothing a client sends can affect
another client's connection: every refusal is an `error` frame to the sender.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque

from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer

from . import protocol as p
from .hub import get_hub
from .limits import client_address
from .models import LiveSession
from .permissions import moderates_now
from .pools import run_db
from .reads import SharedSnapshot
from .resume import arrive
from .roles import ModeratorRole
from .services.actions import perform
from .services.base import LiveError, dumps
from .services.join import catch_up
from .services.session import identify
from .services.snapshot import mine, nothing_mine
from .sockets import Socket

logger = logging.getLogger(__name__)


def _identify(
    session_id: int, fields: dict, user, session_key: str | None, address: str
) -> tuple[str, object, str]:
    """The role and participant behind a signed-in person's `hello`. The role is
    read from the Django session as it is now, not as it was at the handshake."""
    wants_projector = fields.get("role") == p.Role.PROJECTOR
    session = LiveSession.objects.select_related("consultation").get(pk=session_id)
    may_moderate = moderates_now(session, user.pk, session_key)
    if wants_projector and not may_moderate:
        raise LiveError(p.NOT_ALLOWED, "role")
    if wants_projector:
        role = p.Role.PROJECTOR
    elif may_moderate:
        role = p.Role.MODERATOR
    else:
        role = p.Role.PARTICIPANT
    participant, token = identify(
        session_id,
        role,
        token=fields.get("token"),
        nickname=fields.get("nickname"),
        user=user if role == p.Role.MODERATOR else None,
        address=address,
    )
    return role, participant, token


class LiveConsumer(AsyncWebsocketConsumer):
    # No channel per consumer: the process's hub holds the one channel it needs.
    channel_layer_alias = "live-hub-owns-the-layer"

    async def dispatch(self, message):
        # Channels 4.2+ awaits aclose_old_connections() (a thread hop) before every
        # handler; our database functions close old connections in their own thread.
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        self.session_id = None
        self.socket = None
        self.role = None
        self.participant_id = None
        self.window: deque[float] = deque()
        self.address = client_address(self.scope)
        # Accept first: daphne refuses a handshake the application has not accepted
        # within its connect timeout, and in a join storm the lookup may wait.
        await self.accept()
        self.hub = get_hub()
        session = await self.hub.session(self.scope["url_route"]["kwargs"]["code"])
        if session is None:
            await self.close(code=p.CLOSE_UNKNOWN_SESSION)
            return
        self.session = session
        self.session_id = session["id"]
        self.socket = Socket(self.base_send)

    async def disconnect(self, code):
        if self.socket is not None:
            self.hub.leave(self.socket)
            self.socket = None

    async def websocket_disconnect(self, message):
        await self.disconnect(message.get("code"))
        raise StopConsumer()

    async def receive(self, text_data=None, bytes_data=None):
        if self.socket is None:
            return
        if text_data is None:
            if len(bytes_data or b"") > p.MAX_FRAME_BYTES:
                self.error(p.TOO_LARGE)
                return
            try:
                text_data = (bytes_data or b"").decode()
            except UnicodeDecodeError:
                self.error(p.BAD_JSON)
                return
        try:
            await self.handle(text_data)
        except LiveSession.DoesNotExist:
            await self.close(code=p.CLOSE_UNKNOWN_SESSION)
        except Exception:
            logger.exception("live: message failed in session %s", self.session_id)

    # Frames to this client -------------------------------------------------------------

    def reply(self, frame: dict) -> None:
        self.socket.offer(dumps(frame))

    def error(self, code: str, message_id=None, field=None, **extra) -> None:
        frame = {"type": "error", "code": code, "message": str(p.ERROR_MESSAGES[code])}
        if message_id is not None:
            frame["id"] = message_id
        if field:
            frame["field"] = field
        if "retry_after" in extra:
            frame["retry_after"] = extra["retry_after"]
        self.reply(frame)

    # Frames from this client -------------------------------------------------------------

    def rate_limited(self, now: float) -> int:
        """Seconds to wait when this connection sent too much, else 0."""
        window = self.window
        while window and now - window[0] >= p.RATE_WINDOW:
            window.popleft()
        if len(window) >= p.RATE_MESSAGES:
            return max(1, math.ceil(p.RATE_WINDOW - (now - window[0])))
        window.append(now)
        return 0

    async def handle(self, text: str) -> None:
        wait = self.rate_limited(time.monotonic())
        try:
            content = p.decode(text)
        except p.ProtocolError as refused:
            self.error(refused.code)
            return
        message_id = p.client_id(content)
        if wait:
            self.error(p.RATE_LIMITED, message_id, retry_after=wait)
            return
        if self.role is None and content.get("type") != "hello":
            self.error(p.HELLO_FIRST, message_id)
            return
        try:
            message = p.check(content, self.role)
        except p.ProtocolError as refused:
            self.error(refused.code, message_id, refused.field)
            return
        if message.type == "hello":
            await self.hello(message)
        elif message.type == "ping":
            self.reply({"type": "pong"})
        else:
            await self.act(message)

    async def hello(self, message: p.Message) -> None:
        fields = message.fields
        user = self.scope.get("user")
        if self.role is None and not (user and user.is_authenticated):
            await self.first_hello(message)
            return
        # Signed-in people (moderators, the projector) are few: they take the
        # actions' lane, so that a moderator is back quickly after a restart.
        pool = "act" if user and user.is_authenticated else "join"
        if self.role is None:
            try:
                found = await run_db(
                    _identify,
                    self.session_id,
                    fields,
                    user,
                    self.session_key(),
                    self.address,
                    skip=self.socket.gone,
                    pool=pool,
                )
            except LiveError as refused:
                self.error(refused.code, message.id, refused.field, **refused.extra)
                return
            if found is None or self.socket is None or self.socket.gone():
                return
            self.identified(*found)
            room = await self.hub.join(self.session_id, self.socket)
            if self.role == p.Role.PARTICIPANT:
                room.memory.met(self.participant.pk, self.participant.nickname)
        else:
            # A second hello resyncs (e.g. after the client saw a gap); a
            # moderator's brings the pending questions again.
            if not await self.still_moderating(message.id):
                return
            self.socket.catching_up()
        seq, missed, snapshot = await run_db(
            catch_up,
            self.session_id,
            self.participant_id,
            self.role,
            fields.get("last_seq"),
            skip=self.socket.gone,
            pool=pool,
        ) or (None, None, None)
        if self.socket is None or self.socket.gone():
            return
        if snapshot is None and missed is None:  # not run: the client went away
            return
        own = None
        if snapshot is not None and self.role != p.Role.MODERATOR:
            snapshot = await self.hub.public_snapshot(self.session_id)
            seq = snapshot.seq
            if self.participant_id is not None:
                own = await run_db(
                    mine, self.session_id, self.participant_id, pool="join"
                )
        self.welcome(seq, missed, snapshot, own)

    async def first_hello(self, message: p.Message) -> None:
        """An anonymous client's first hello: a participant (a projector needs a
        moderator), answered from the room's memory when it can be (resume.py), or
        identified and caught up in one trip to the database. The socket joins the
        room first, so that nothing sent meanwhile is missed."""
        fields = message.fields
        if fields.get("role") == p.Role.PROJECTOR:
            self.error(p.NOT_ALLOWED, message.id, "role")
            return
        if not fields.get("token") and not fields.get("nickname"):
            self.error(p.MISSING_FIELD, message.id, "nickname")
            return
        socket = self.socket
        socket.role = p.Role.PARTICIPANT
        room = await self.hub.join(self.session_id, socket)
        try:
            found = await arrive(room, fields, self.address, socket.gone)
        except LiveError as refused:
            self.hub.leave(socket, stop=False)
            self.error(refused.code, message.id, refused.field, **refused.extra)
            return
        except BaseException:
            self.hub.leave(socket, stop=False)
            raise
        if found is None or self.socket is not socket or socket.gone():
            return
        self.identified(p.Role.PARTICIPANT, found.participant, found.token)
        if found.missed is not None:
            self.welcome(found.seq, found.missed, None)
            return
        shared = await self.hub.public_snapshot(self.session_id)
        if self.socket is not socket or socket.gone():
            return
        self.welcome(shared.seq, None, shared, found.mine)

    def identified(self, role: str, participant, token) -> None:
        self.role = role
        self.participant = participant
        self.participant_id = participant.pk if participant else None
        self.token = token
        self.socket.role = role
        self.socket.participant_id = self.participant_id
        if role == p.Role.MODERATOR:
            self.socket.moderator_role = ModeratorRole(
                self.session_id,
                self.scope["user"].pk,
                self.session_key(),
                gone=self.socket.gone,
            )

    def session_key(self) -> str | None:
        session = self.scope.get("session")
        return session.session_key if session is not None else None

    async def still_moderating(self, message_id) -> bool:
        """For a moderator's socket: is the role still held (roles.ModeratorRole)?
        If not, the message is refused and the socket closed with 4403 after the
        refusal; the client may connect again with the role it has now. When the
        role cannot be checked, the socket is closed with 4503: the client
        reconnects and sends the message again with its id."""
        if self.role != p.Role.MODERATOR:
            return True
        try:
            if await self.socket.moderator_role.confirm():
                return True
        except Exception:
            logger.exception("live: could not check a moderator's role")
            self.socket.close(p.CLOSE_CHECK_FAILED)
            return False
        self.error(p.NOT_ALLOWED, message_id)
        self.socket.close(p.CLOSE_ROLE_WITHDRAWN, drop=False)
        return False

    def welcome(
        self, seq: int, missed, snapshot: dict | SharedSnapshot | None, mine=None
    ) -> None:
        """welcome, then the missed events and `synced`, or the snapshot (a
        moderator's own, or the shared public one with this client's `mine`)."""
        session = self.session
        participant = (
            {"id": self.participant.pk, "nickname": self.participant.nickname}
            if self.participant
            else None
        )
        shared = snapshot if isinstance(snapshot, SharedSnapshot) else None
        self.reply(
            {
                "type": "welcome",
                "role": self.role,
                "participant": participant,
                "token": self.token,
                "session": (
                    (shared.frame if shared else snapshot)["session"]
                    if snapshot is not None
                    else {key: value for key, value in session.items() if key != "id"}
                ),
                "last_seq": seq,
            }
        )
        participants = self.hub.participants(self.session_id)
        if shared is not None:
            self.socket.offer(shared.text(participants, mine or nothing_mine()))
        elif snapshot is not None:
            snapshot["participants"] = participants
            self.reply(snapshot)
        else:
            for _seq, text in missed:
                self.socket.offer(text)
            self.reply({"type": "synced", "seq": seq})
        self.socket.caught_up(seq)

    async def act(self, message: p.Message) -> None:
        if not await self.still_moderating(message.id):
            return
        if message.type == "reaction":
            wait = self.hub.reaction_wait(self.session_id, self.participant_id)
            if wait:
                self.error(p.RATE_LIMITED, message.id, retry_after=math.ceil(wait))
                return
        elif message.type == "pace":
            wait = self.hub.pace_wait(self.session_id, self.participant_id, message.id)
            if wait:
                self.error(p.RATE_LIMITED, message.id, retry_after=math.ceil(wait))
                return
        try:
            if message.type == "poll.vote" and self.socket.room is not None:
                outcome = await self.hub.vote(
                    self.session_id,
                    self.participant_id,
                    message.id,
                    message.fields,
                    self.socket.gone,
                )
            else:
                outcome = await run_db(
                    perform,
                    message.type,
                    self.session_id,
                    self.participant_id,
                    message.id,
                    address=self.address,
                    **message.fields,
                    skip=self.socket.gone,
                )
        except LiveError as refused:
            self.error(refused.code, message.id, refused.field, **refused.extra)
            return
        if outcome is None:  # the client went away before its turn
            return
        if not outcome.repeated:
            await self.hub.publish(self.session_id, outcome)
        ack = {"type": "ack", "ok": True, **outcome.result}
        if message.id is not None:
            ack["id"] = message.id
        self.reply(ack)
