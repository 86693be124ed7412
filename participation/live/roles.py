"""A moderator's role on an open socket, re-checked while the socket lives.

A membership can end, an account be deactivated, a session be logged out while a
moderator's socket stays open. The role is therefore checked again
(`permissions.still_moderates`) before every moderator action and before the
moderators' stream reaches the socket, reusing a check for at most
`settings.LIVE_ROLE_RECHECK_SECONDS`, so that a busy console costs one small query
per few seconds, not one per frame (docs/live-protocol.md, "Roles").
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from django.conf import settings

from .permissions import still_moderates
from .pools import run_db


class ModeratorRole:
    """The role of one moderator's socket: held until a check says otherwise; once
    lost it stays lost (the socket is closed and the client connects again)."""

    def __init__(
        self,
        session_id: int,
        user_id: int,
        session_key: str | None,
        gone: Callable[[], bool] | None = None,
    ):
        self.session_id = session_id
        self.user_id = user_id
        self.session_key = session_key
        self.gone = gone
        self.held = True
        self.checked_at = time.monotonic()
        self._check: asyncio.Future | None = None

    def fresh(self) -> bool:
        """Held, and checked less than LIVE_ROLE_RECHECK_SECONDS ago."""
        age = time.monotonic() - self.checked_at
        return self.held and age < settings.LIVE_ROLE_RECHECK_SECONDS

    async def confirm(self) -> bool:
        """Is the role still held? Checks the database when the last check is too
        old; callers at the same moment share one check."""
        if self.fresh():
            return True
        if not self.held:
            return False
        if self._check is None:
            self._check = asyncio.ensure_future(self._run())
        return await asyncio.shield(self._check)

    async def _run(self) -> bool:
        started = time.monotonic()
        try:
            held = await run_db(
                still_moderates,
                self.session_id,
                self.user_id,
                self.session_key,
                skip=self.gone,
            )
        finally:
            self._check = None
        # None: the socket went away before the check ran; nothing to hold for.
        self.held = bool(held)
        self.checked_at = started
        return self.held
