"""Emoji reactions: one tally row per emoji and session, counted up in the database
(the hub spaces a participant's reactions, protocol.REACTION_INTERVAL)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import ReactionTally
from .base import Outcome
from .events import open_session


def react(session_id: int, participant_id: int, *, emoji: str) -> Outcome:
    open_session(session_id)
    tallies = ReactionTally.objects.filter(session_id=session_id, emoji=emoji)
    if not tallies.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ReactionTally.objects.create(
                    session_id=session_id, emoji=emoji, count=1
                )
        except IntegrityError:  # created by someone else just now
            tallies.update(count=F("count") + 1)
    count = tallies.values_list("count", flat=True).get()
    return Outcome(result={"emoji": emoji}, counts={"reactions": {emoji: count}})
