"""The database threads of live sessions (docs/live-protocol.md, "How it is built").

Threads (each with its own database connection) for live work: joins and
catch-ups in one pool, actions (and the hub's own reads) in another, so that a
moderator's action or a vote never waits behind a join or reconnect storm.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections

DB_THREADS = {"join": 3, "act": 2}
_executors: dict[str, ThreadPoolExecutor] = {}


def _in_db_thread(function: Callable, args: tuple, kwargs: dict, skip):
    if skip is not None and skip():
        return None  # the client went away while this waited its turn
    close_old_connections()
    try:
        return function(*args, **kwargs)
    finally:
        close_old_connections()


async def run_db(
    function: Callable,
    *args,
    skip: Callable[[], bool] | None = None,
    pool: str = "act",
    **kwargs,
):
    """Run a synchronous database function in one of the live pools (DB_THREADS).

    Channels' `database_sync_to_async` runs every call on the one thread-sensitive
    thread: during a join storm every join, action and handshake waits behind all
    the others. These functions need no thread affinity (each is one short
    transaction), so they run in small pools instead; each thread keeps its own
    connection (CONN_MAX_AGE), closed when too old as Django does per request.
    With `skip`, the call is dropped (None) if skip() is true when its turn comes."""
    executor = _executors.get(pool)
    if executor is None:
        executor = _executors[pool] = ThreadPoolExecutor(
            max_workers=DB_THREADS[pool], thread_name_prefix=f"live-db-{pool}"
        )
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        executor, _in_db_thread, function, args, kwargs, skip
    )


def close_pools() -> None:
    """Wait for the pools' work to finish and stop their threads (tests, shutdown);
    run_db starts new ones when needed."""
    while _executors:
        _pool, executor = _executors.popitem()
        executor.shutdown(wait=True)
