"""The page benchmark (issue 14): every list page, feed, export and the "my data"
download, on the demo data and again at volume, side by side.

    .venv/bin/python -m tests.bench.pages [--rows 10000] [--person-rows 1000]

It builds a fresh PostgreSQL database (`inspraak_pages_bench`), migrates it, loads
the demo (`seed_demo`), serves it with one daphne process (DEBUG off, Redis as cache
and channel layer), signs in over HTTP as each person (password, then the TOTP code
for case handlers), and measures every page of tests/bench/page_list.py:

- queries: of one request, counted in this process (Django's test client on the same
  database, with the session cookie of the HTTP sign-in);
- median and p95 of `--repeat` (20) requests over HTTP to daphne, after one warm-up;
  for exports and downloads also the time to the first byte and daphne's memory
  growth during the requests.

Then it adds the volume (`seed_volume`) and measures again. The table (Markdown)
is printed and written to var/bench/pages-<time>.md. Nothing here asserts a time;
tests/core/test_volume_queries.py asserts the query counts."""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests

from .page_list import (
    DOWNLOAD,
    EXPORT,
    FEED,
    HTML,
    LAST_PAGE_OF,
    PAGES,
    Page,
    last_page_number,
    targets,
)
from .procstat import rss_bytes
from .run import Server, django_env

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DAPHNE = str(Path(PYTHON).with_name("daphne"))
DEMO_PASSWORD = "inspraak-demo"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
DEMO_PERSON = "jongere@inspraak.test"  # "my data" on the demo alone: the young person

GOALS = {
    HTML: "median ≤ 100 ms, p95 ≤ 250 ms",
    FEED: "queries equal",
    EXPORT: "first byte ≤ 200 ms, memory flat",
    DOWNLOAD: "≤ 2 s, ≤ 3 queries per registered model",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows (RFC 6238: SHA-1, 30 s)."""
    key = base64.b32decode(secret)
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def manage(args, *command: str, debug: bool = False) -> str:
    """A management command on the benchmark's database (the seeding commands run
    only with DEBUG on; the server never does)."""
    env = django_env(args)
    if debug:
        env["DEBUG"] = "true"
    out = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(command)} failed:\n{out.stderr[-3000:]}"
        )
    return out.stdout


def fresh_database(args) -> None:
    import psycopg

    url = urlparse(args.database_url)
    name = url.path.lstrip("/")
    if not name.endswith("_bench"):
        raise SystemExit(
            f"refusing to use {name!r}: the benchmark's database ends in _bench"
        )
    with psycopg.connect(
        url._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token on the sign-in page")
    return match.group(1)


class Browser(requests.Session):
    """A browser over plain HTTP to 127.0.0.1, as a TLS-terminating proxy in front of
    daphne would see it: the site marks its cookies Secure (DEBUG off), so their
    flag is dropped before each request, and redirects are followed here so that a
    cookie set on the way (the session after sign-in) is sent on."""

    def request(self, method, url, *args, **kwargs):
        kwargs["allow_redirects"] = False
        for _hop in range(10):
            for cookie in self.cookies:
                cookie.secure = False
            response = super().request(method, url, *args, **kwargs)
            if not response.is_redirect:
                return response
            response.close()
            method, url = "GET", urljoin(url, response.headers["Location"])
            kwargs.pop("data", None)
        raise RuntimeError(f"too many redirects from {url}")


def new_browser() -> requests.Session:
    return Browser()


def sign_in(base: str, email: str) -> requests.Session:
    """Sign in over HTTP as a person would: password, then the TOTP code if asked."""
    browser = new_browser()
    page = browser.get(f"{base}/accounts/login/")
    answer = browser.post(
        f"{base}/accounts/login/",
        data={
            "login": email,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": csrf_of(page.text),
        },
        headers={"Referer": f"{base}/accounts/login/"},
    )
    if "/2fa/authenticate" in answer.url:
        answer = browser.post(
            answer.url,
            data={
                "code": totp(DEMO_TOTP_SECRET),
                "csrfmiddlewaretoken": csrf_of(answer.text),
            },
            headers={"Referer": answer.url},
        )
    if "sessionid" not in browser.cookies or "/accounts/login" in answer.url:
        raise RuntimeError(f"could not sign in as {email} (ended on {answer.url})")
    return browser


def reauthenticate(browser: requests.Session, base: str) -> None:
    """Enter the password again, as "my data: download" asks within five minutes."""
    page = browser.get(f"{base}/accounts/reauthenticate/")
    answer = browser.post(
        page.url,
        data={"password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf_of(page.text)},
        headers={"Referer": page.url},
    )
    if "/reauthenticate" in answer.url:
        raise RuntimeError("could not reauthenticate")


def last_page(browser: requests.Session, base: str, path: str) -> str:
    """The highest ?page= number the first page links to (1 if none)."""
    return last_page_number(browser.get(f"{base}{path}").text)


def count_queries(cookie: str | None, url: str) -> tuple[int, int]:
    """(status, queries) of one request in this process, with that session cookie."""
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .measure import consume

    client = Client()
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    consume(client.get(url))  # warm caches as the server's are
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        consume(response)
    return response.status_code, len(captured.captured_queries)


def time_requests(browser, base: str, url: str, repeat: int, pid: int) -> dict:
    """Median and p95 over HTTP; the first byte and daphne's memory growth too."""
    first = browser.get(f"{base}{url}")  # warm-up
    if urlparse(first.url).path != urlparse(f"{base}{url}").path:
        raise RuntimeError(f"{url} led to {first.url}: not the page to measure")
    totals, first_bytes = [], []
    rss_before = rss_bytes(pid)
    rss_peak = rss_before
    size = len(first.content)
    for _ in range(repeat):
        began = time.perf_counter()
        with browser.get(f"{base}{url}", stream=True) as response:
            chunks = response.iter_content(chunk_size=65536)
            next(chunks, b"")
            first_bytes.append(time.perf_counter() - began)
            for _chunk in chunks:
                pass
        totals.append(time.perf_counter() - began)
        rss_peak = max(rss_peak, rss_bytes(pid))
    totals.sort()
    return {
        "status": first.status_code,
        "median": statistics.median(totals),
        "p95": totals[max(0, round(0.95 * len(totals)) - 1)],
        "first_byte": statistics.median(first_bytes),
        "rss_growth": rss_peak - rss_before,
        "bytes": size,
    }


def registered_models() -> int:
    from inspraak.privacy.registry import registry

    return len(registry.handlers())


def measure_all(args, base: str, pid: int, person: str, label: str) -> dict[str, dict]:
    found = targets(person)
    people: dict[str | None, requests.Session] = {None: new_browser()}
    results = {}
    for page in PAGES:
        who = page.who.format(**found) if page.who else None
        if who not in people:
            log(f"{label}: signing in as {who}")
            people[who] = sign_in(base, who)
        browser = people[who]
        for key, path in LAST_PAGE_OF.items():
            if "{" + key + "}" in page.url and key not in found:
                found[key] = last_page(browser, base, path)
        url = page.url.format(**found)
        if page.kind == DOWNLOAD:
            reauthenticate(browser, base)
        cookie = browser.cookies.get("sessionid")
        status, queries = count_queries(cookie, url)
        timing = time_requests(browser, base, url, args.repeat, pid)
        results[page.name] = {"url": url, "queries": queries, **timing}
        log(
            f"{label}: {page.name}: {status} {queries} q, median "
            f"{timing['median'] * 1000:.0f} ms, p95 {timing['p95'] * 1000:.0f} ms"
        )
        if status != 200 or timing["status"] != 200:
            results[page.name]["error"] = f"HTTP {status}/{timing['status']}"
    return results


def verdict(page: Page, demo: dict, volume: dict, models: int) -> str:
    problems = []
    if demo["queries"] != volume["queries"]:
        problems.append("queries grow")
    if "error" in volume:
        problems.append(volume["error"])
    if page.kind == HTML and (volume["median"] > 0.100 or volume["p95"] > 0.250):
        problems.append("slow")
    if page.kind == EXPORT and volume["first_byte"] > 0.200:
        problems.append("first byte late")
    if page.kind == DOWNLOAD and (
        volume["median"] > 2.0 or volume["queries"] > 3 * models
    ):
        problems.append("over goal")
    return "ok" if not problems else ", ".join(problems)


def table(demo: dict, volume: dict, models: int, args) -> str:
    ms = lambda seconds: f"{seconds * 1000:,.0f}"  # noqa: E731
    lines = [
        f"Page benchmark, {time.strftime('%Y-%m-%d %H:%M')}: PostgreSQL, one daphne process, "
        f"{os.cpu_count()} cores; volume = demo + seed_volume --rows {args.rows:,} "
        f"--person-rows {args.person_rows:,}; {args.repeat} requests per page after a "
        f"warm-up. Times in ms. {models} registered personal-data models.",
        "",
        "| page | queries demo / volume | median demo / volume | p95 demo / volume "
        "| first byte (volume) | goal | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in PAGES:
        d, v = demo[page.name], volume[page.name]
        first = ms(v["first_byte"]) if page.kind in (EXPORT, DOWNLOAD) else ""
        if page.kind == EXPORT:
            first += f" ({v['rss_growth'] / 2**20:+.1f} MiB)"
        lines.append(
            f"| {page.name} | {d['queries']} / {v['queries']} | {ms(d['median'])} / "
            f"{ms(v['median'])} | {ms(d['p95'])} / {ms(v['p95'])} | {first} | "
            f"{GOALS[page.kind]} | {verdict(page, d, v, models)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--person-rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/inspraak_pages_bench",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--secret-key", default="page-benchmark-" + "x" * 40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    env = django_env(args)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    env["LIVE_NEW_PARTICIPANTS_PER_ADDRESS"] = "200"
    os.environ.update(env)
    log("fresh database, migrate, demo, static files")
    fresh_database(args)
    manage(args, "migrate", "--noinput", "-v0")
    manage(args, "seed_demo", debug=True)
    manage(args, "collectstatic", "--noinput", "-v0")

    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    server = Server(
        "daphne",
        [DAPHNE, "-b", "127.0.0.1", "-p", str(args.port), "inspraak.asgi:application"],
        env,
        args.port,
        None,
        ROOT / "var" / "bench" / f"pages-daphne-{stamp}.log",
    )
    base = f"http://127.0.0.1:{args.port}"
    server.start()
    try:
        demo = measure_all(args, base, server.pid, DEMO_PERSON, "demo")
        log(f"seed_volume --rows {args.rows} --person-rows {args.person_rows}")
        began = time.monotonic()
        out = manage(
            args,
            "seed_volume",
            f"--rows={args.rows}",
            f"--person-rows={args.person_rows}",
            debug=True,
        )
        person = re.search(r"every app: (\S+)", out).group(1)
        log(f"volume added in {time.monotonic() - began:.0f} s; person {person}")
        manage(
            args, "shell", "-c", "from django.core.cache import cache; cache.clear()"
        )
        volume = measure_all(args, base, server.pid, person, "volume")
    finally:
        server.stop()
    raw = ROOT / "var" / "bench" / f"pages-{stamp}.json"
    raw.write_text(json.dumps({"demo": demo, "volume": volume}, indent=1))
    report = table(demo, volume, registered_models(), args)
    out_path = args.out or ROOT / "var" / "bench" / f"pages-{stamp}.md"
    out_path.write_text(report, encoding="utf-8")
    print(report)
    log(f"written to {out_path}")


if __name__ == "__main__":
    main()
