"""New participants of a join storm, created in batches (docs/live-scale.md, "Joins").

Every participant that says `hello` without a token needs a row, a token and a count
against its address's cap. One at a time, a storm of 2,000 was 2,000 inserts and
4,000 round trips to Redis, each waiting for a database thread. Here the joins that
arrive while a batch is being stored wait for the next one: one insert and one count
per address per batch. A join that arrives when nothing is running goes at once, on
its own, so a quiet session waits for nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from .pools import run_db
from .services.base import LiveError
from .services.session import create_participants
from .sockets import spawn

BATCH_MAX = 200  # joins stored in one trip to the database


@dataclass
class Arrival:
    nickname: str
    address: str | None
    gone: Callable[[], bool]
    future: asyncio.Future


class Newcomers:
    """The participants waiting to be created for one session in this process."""

    def __init__(self, session_id: int):
        self.session_id = session_id
        self.waiting: list[Arrival] = []
        self.running = False

    async def create(
        self, nickname: str, address: str | None, gone: Callable[[], bool]
    ) -> tuple:
        """(participant, token) of a new participant, or LiveError raised (its
        address is over the cap); None when the client left before its turn."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append(Arrival(nickname, address, gone, future))
        if not self.running:
            self.running = True
            spawn(self._run())
        return await future

    async def _run(self) -> None:
        try:
            while self.waiting:
                batch = self.waiting[:BATCH_MAX]
                del self.waiting[:BATCH_MAX]
                batch = [a for a in batch if not a.future.done()]
                for arrival in batch:
                    if arrival.gone():
                        arrival.future.set_result(None)
                batch = [a for a in batch if not a.future.done()]
                if not batch:
                    continue
                try:
                    results = await run_db(
                        create_participants,
                        self.session_id,
                        [(a.nickname, a.address) for a in batch],
                        pool="join",
                    )
                except BaseException as failure:
                    for arrival in batch:
                        if not arrival.future.done():
                            arrival.future.set_exception(_copy(failure))
                    if isinstance(failure, asyncio.CancelledError):
                        raise
                    continue
                for arrival, result in zip(batch, results, strict=True):
                    if arrival.future.done():
                        continue
                    if isinstance(result, LiveError):
                        arrival.future.set_exception(result)
                    else:
                        arrival.future.set_result(result)
        finally:
            self.running = False
            waiting, self.waiting = self.waiting, []  # left only when cancelled
            for arrival in waiting:
                if not arrival.future.done():
                    arrival.future.cancel()


def _copy(failure: BaseException) -> BaseException:
    """Each waiter gets its own exception (a traceback is per raise)."""
    if isinstance(failure, Exception):
        copied = RuntimeError(f"creating participants failed: {failure!r}")
        copied.__cause__ = failure
        return copied
    return asyncio.CancelledError()
