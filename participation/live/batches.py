"""Work of a storm, stored in batches (docs/live-scale.md, "Joins" and "Votes").

A join storm needs a row, a token and a count per address for every new
participant; a vote storm a row per vote under a lock of the poll. One at a time,
2,000 joins were 2,000 inserts and 4,000 round trips to Redis, and 5,000 votes as
many transactions, each taking the poll's lock and waiting for its own commit. Here
whatever arrives while a batch is being stored waits for the next one, which
stores it in one trip (`services.session.create_participants`,
`services.ballots.cast_votes`). Something that arrives when nothing is running
goes at once, on its own, so a quiet session waits for nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .pools import run_db
from .services.base import LiveError
from .sockets import spawn

BATCH_MAX = 200  # items stored in one trip to the database


@dataclass
class Item:
    value: Any
    gone: Callable[[], bool]
    future: asyncio.Future


class Batcher:
    """Items for `function(session_id, values) -> results` (one result per value,
    in order; a LiveError result is raised to that item's caller), one batch at a
    time per session and process."""

    def __init__(self, function: Callable, session_id: int, *, pool: str):
        self.function = function
        self.session_id = session_id
        self.pool = pool
        self.waiting: list[Item] = []
        self.running = False

    async def submit(self, value: Any, gone: Callable[[], bool]) -> Any:
        """The result for `value`, or LiveError raised; None when the client left
        before its batch."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append(Item(value, gone, future))
        if not self.running:
            self.running = True
            spawn(self._run())
        return await future

    async def _run(self) -> None:
        try:
            while self.waiting:
                batch = self.waiting[:BATCH_MAX]
                del self.waiting[:BATCH_MAX]
                for item in batch:
                    if not item.future.done() and item.gone():
                        item.future.set_result(None)
                batch = [item for item in batch if not item.future.done()]
                if not batch:
                    continue
                try:
                    results = await run_db(
                        self.function,
                        self.session_id,
                        [item.value for item in batch],
                        pool=self.pool,
                    )
                except BaseException as failure:
                    for item in batch:
                        if not item.future.done():
                            item.future.set_exception(_copy(failure))
                    if isinstance(failure, asyncio.CancelledError):
                        raise
                    continue
                for item, result in zip(batch, results, strict=True):
                    if item.future.done():
                        continue
                    if isinstance(result, LiveError):
                        item.future.set_exception(result)
                    else:
                        item.future.set_result(result)
        finally:
            self.running = False
            waiting, self.waiting = self.waiting, []  # left only when cancelled
            for item in waiting:
                if not item.future.done():
                    item.future.cancel()


def _copy(failure: BaseException) -> BaseException:
    """Each waiter gets its own exception (a traceback is per raise)."""
    if isinstance(failure, Exception):
        copied = RuntimeError(f"a batch failed: {failure!r}")
        copied.__cause__ = failure
        return copied
    return asyncio.CancelledError()
