"""daphne on uvloop: the same command line as `daphne`, but Twisted's asyncio reactor
runs on a uvloop event loop (an experiment of the benchmark, `--server-loop uvloop`).

    python -m tests.bench.daphne_uvloop -e tcp:port=18766:interface=127.0.0.1 \
        inspraak.asgi:application
"""

import asyncio
import sys

import uvloop

# daphne.server creates its loop with asyncio.new_event_loop() at import time.
asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

from daphne.cli import CommandLineInterface  # noqa: E402

if __name__ == "__main__":
    sys.exit(CommandLineInterface.entrypoint())
