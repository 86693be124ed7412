"""Measure pages in-process, against the database that DATABASE_URL names: the
queries of one request and the median time of a few, as a signed-in person.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inspraak_dev \\
        .venv/bin/python -m tests.bench.measure --as klachten@voorstad.test \\
        /klachten/behandelen/ /klachten/cijfers/

The person is signed in with force_login; their second factor is recorded in the
session as allauth does after a code (so pages behind two-step verification open).
With -v the queries of the first request are printed. A quick tool while fixing a
page; the page benchmark (tests.bench.pages) is the real measurement over HTTP."""

from __future__ import annotations

import argparse
import os
import statistics
import time


def measure(client, url: str, repeat: int) -> tuple[int, int, float, list[str]]:
    """(status, queries, median seconds, the SQL of the first request)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The request resets the log (request_started), so the context must start
    # from an empty log or it slices off as many queries as were logged before.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        consume(response)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        consume(client.get(url))
        times.append(time.perf_counter() - began)
    sql = [query["sql"] for query in captured.captured_queries]
    return response.status_code, len(sql), statistics.median(times), sql


def consume(response) -> int:
    """Read a streamed response to its end (as a browser does); its size in bytes."""
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def signed_in_client(email: str | None):
    from django.test import Client, RequestFactory

    from allauth.account.internal.flows.login import record_authentication

    from inspraak.accounts.models import User

    client = Client()
    if email:
        user = User.objects.get(email=email)
        client.force_login(user)
        session = client.session
        request = RequestFactory().get("/")
        request.session = session
        # As after the code, and recent enough for pages that ask to sign in again.
        record_authentication(request, user, "mfa", type="totp", reauthenticated=True)
        session.save()
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--as", dest="email", help="the person's email address")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspraak.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = signed_in_client(args.email)
    for url in args.urls:
        status, queries, median, sql = measure(client, url, args.repeat)
        print(f"{status}  {queries:4d} queries  {median * 1000:8.1f} ms  {url}")
        if args.verbose:
            for line in sql:
                print("    ", line[:300])


if __name__ == "__main__":
    main()
