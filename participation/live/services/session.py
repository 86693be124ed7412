"""A session's life: finding it by its code, the participants (and the signed token
a browser keeps to stay the same participant), starting and ending it."""

from __future__ import annotations

from django.core import signing
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import limits
from .. import protocol as p
from ..models import LiveSession, Participant, Poll
from ..period import sync_live_period
from .base import LiveError, Outcome, check_address
from .events import append_events, open_session
from .polls import close_locked_poll


def session_ref(code: str) -> dict | None:
    """What a handshake needs of the session a code names (one small query):
    `id` and the fields of `session_info`."""
    return (
        LiveSession.objects.by_code(code)
        .values("id", "code", "title", "state", "moderation")
        .first()
    )


def session_info(session: LiveSession) -> dict:
    return {
        "code": session.code,
        "title": session.title,
        "state": session.state,
        "moderation": session.moderation,
    }


def _token_salt(session_id: int) -> str:
    return f"inspraak.live.participant.{session_id}"


def make_token(participant: Participant) -> str:
    return signing.dumps(
        [participant.pk, participant.key], salt=_token_salt(participant.session_id)
    )


def _token_payload(session_id: int, token: str) -> tuple[int, str] | None:
    try:
        pk, key = signing.loads(token, salt=_token_salt(session_id))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(key, str):
        return None
    return pk, key


def token_participant_id(session_id: int, token: str) -> int | None:
    """The participant a token names, by its signature alone (no database): only
    the server signs tokens, and only for its own participants of this session."""
    payload = _token_payload(session_id, token)
    return payload[0] if payload is not None else None


def participant_from_token(session_id: int, token: str) -> Participant | None:
    payload = _token_payload(session_id, token)
    if payload is None:
        return None
    pk, key = payload
    return Participant.objects.filter(
        pk=pk, key=key, session_id=session_id, user__isnull=True
    ).first()


def create_participants(
    session_id: int, arrivals: list[tuple[str, str | None]]
) -> list[tuple[Participant, str] | LiveError]:
    """New participants for (nickname, client address) pairs, in one insert: each
    gets its row and token, or the refusal of its address's cap (limits.py), in
    the order given. A join storm creates its participants in batches of these."""
    per_address: dict[str | None, int] = {}
    for _nickname, address in arrivals:
        per_address[address] = per_address.get(address, 0) + 1
    allowed: dict[str | None, tuple[int, int]] = {
        address: (
            limits.allowed_of(limits.NEW_PARTICIPANTS, session_id, address, n)
            if address is not None
            else (n, 0)
        )
        for address, n in per_address.items()
    }
    outcome: list = []
    rows = []
    for nickname, address in arrivals:
        left, wait = allowed[address]
        if left <= 0:
            outcome.append(LiveError(p.RATE_LIMITED, retry_after=wait))
            continue
        allowed[address] = (left - 1, wait)
        row = Participant(session_id=session_id, nickname=nickname)
        rows.append(row)
        outcome.append(row)
    Participant.objects.bulk_create(rows)
    return [
        result if isinstance(result, LiveError) else (result, make_token(result))
        for result in outcome
    ]


def identify(
    session_id: int,
    role: str,
    *,
    token: str | None = None,
    nickname: str | None = None,
    user=None,
    address: str | None = None,
) -> tuple[Participant | None, str | None]:
    """The participant behind a `hello`: a moderator's own row, the one the token
    names, or a new one with the nickname. A projector has none. A new one counts
    against its client `address` (limits.NEW_PARTICIPANTS), when one is given."""
    if role == p.Role.PROJECTOR:
        return None, None
    if role == p.Role.MODERATOR:
        participant, _created = Participant.objects.get_or_create(
            session_id=session_id,
            user=user,
            defaults={"nickname": nickname or _("Moderator")},
        )
    else:
        participant = participant_from_token(session_id, token) if token else None
        if participant is None:
            if not nickname:
                raise LiveError(p.MISSING_FIELD, "nickname")
            check_address(limits.NEW_PARTICIPANTS, session_id, address)
            participant = Participant.objects.create(
                session_id=session_id, nickname=nickname
            )
    if nickname and participant.nickname != nickname:
        participant.nickname = nickname
        participant.save(update_fields=["nickname"])
    return participant, make_token(participant)


def start_session(session_id: int, participant_id: int) -> Outcome:
    session = open_session(session_id, lock=True)
    if session.state == LiveSession.State.LIVE:
        return Outcome(result={"state": session.state})
    # Started before the planned time: the record says when it really began, so
    # that it never ends before it starts.
    now = timezone.now()
    LiveSession.objects.filter(pk=session_id).update(
        state=LiveSession.State.LIVE,
        starts_at=Case(
            When(starts_at__gt=now, then=Value(now)), default=F("starts_at")
        ),
    )
    sync_live_period(session.consultation_id)
    events = append_events(
        session, [("session.started", {"state": LiveSession.State.LIVE})]
    )
    return Outcome(result={"state": LiveSession.State.LIVE}, events=events)


def end_session(session_id: int, participant_id: int) -> Outcome:
    session = open_session(session_id, lock=True)
    now = timezone.now()
    LiveSession.objects.filter(pk=session_id).update(
        state=LiveSession.State.ENDED, ends_at=now
    )
    sync_live_period(session.consultation_id)
    # Votes stop with the session: an open poll closes first, with its results.
    items = [
        close_locked_poll(poll)
        for poll in Poll.objects.select_for_update().filter(
            session_id=session_id, state=Poll.State.OPEN
        )
    ]
    items.append(("session.ended", {"state": LiveSession.State.ENDED}))
    events = append_events(session, items)
    return Outcome(result={"state": LiveSession.State.ENDED}, events=events)
