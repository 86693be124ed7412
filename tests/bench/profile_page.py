"""Where a page's time goes: the database against the rest (templates, Python), and
the functions that cost most, in-process against the database of DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inspraak_pages_bench \\
        .venv/bin/python -m tests.bench.profile_page --as voorzitter@jongerenraad.test \\
        /raden/dashboard/

For each path: the median of `--repeat` requests, the part spent waiting for the
database, and the top functions by own time (cProfile) of one more request."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--as", dest="email")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspraak.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from .measure import consume, signed_in_client

    setup_test_environment()
    client = signed_in_client(args.email)
    spent = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[-1] += time.perf_counter() - began

    for url in args.urls:
        consume(client.get(url))
        totals, database = [], []
        with connection.execute_wrapper(timed):
            for _ in range(args.repeat):
                spent.append(0.0)
                began = time.perf_counter()
                consume(client.get(url))
                totals.append(time.perf_counter() - began)
                database.append(spent[-1])
        profile = cProfile.Profile()
        profile.enable()
        consume(client.get(url))
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        median, db = statistics.median(totals), statistics.median(database)
        print(
            f"\n== {url}: median {median * 1000:.0f} ms, database {db * 1000:.0f} ms, "
            f"the rest {(median - db) * 1000:.0f} ms"
        )
        lines = out.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), None)
        if start is not None and args.top:
            print("\n".join(lines[start : start + args.top + 1]))


if __name__ == "__main__":
    main()
