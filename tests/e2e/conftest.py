"""Fixtures for the browser tests: a real daphne server on a throw-away SQLite
database with the demo content, a headless Chromium driven by Playwright, and
axe-core for automated accessibility checks.

Nothing here uses pytest-django's test database: the server is a subprocess with
its own database, and the tests only talk to it over HTTP.

Needs Debian's Chromium (`apt-get install chromium`; or point INSPRAAK_CHROMIUM at
a binary) and npm (to fetch axe-core once into tests/e2e/.cache/, git-ignored).
Without them the tests skip, or fail when INSPRAAK_REQUIRE_SERVICES=1.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import service_missing
from tests.e2e.browsing import new_context
from tests.processes import free_port, tail

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CACHE_DIR = E2E_DIR / ".cache"
SCREENSHOT_DIR = E2E_DIR / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_TIMEOUT = 60  # seconds for daphne to answer /health/
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}


def _manage(env: dict, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory) -> Path:
    """Where the server writes every e-mail it sends (one .log file per send)."""
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def server_env(tmp_path_factory, mail_dir) -> dict:
    """The environment of the e2e server and of its task worker."""
    tmp = tmp_path_factory.mktemp("e2e")
    env = os.environ.copy()
    env.pop("REDIS_URL", None)  # in-memory channel layer
    env.update(
        DJANGO_SETTINGS_MODULE="inspraak.settings",
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp / 'e2e.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        STATIC_ROOT=str(tmp / "static"),
        TASKS_BACKEND="immediate",
        # Long runs (the suggested themes) wait in the database queue until a
        # journey runs the worker (run_heavy_tasks), so it can see them queued.
        TASKS_HEAVY_BACKEND="database",
        EMAIL_URL=f"filemail://{mail_dir}",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env["INSPRAAK_E2E_TMP"] = str(tmp)
    return env


@pytest.fixture(scope="session")
def manage(server_env):
    """Run a management command against the e2e server's database."""

    def run(*args: str) -> None:
        _manage(server_env, *args)

    return run


@pytest.fixture(scope="session")
def run_heavy_tasks(server_env):
    """Run the worker of the "heavy" tasks once: it does what is queued, then stops."""

    def run():
        _manage(
            server_env,
            "db_worker",
            "--backend",
            "heavy",
            "--batch",
            "--no-startup-delay",
        )

    return run


@pytest.fixture(scope="session")
def live_server_url(server_env, chromium_executable, axe_source):
    """Base URL (no trailing slash) of a daphne server with the demo content.

    Asks for the browser and axe first, so that a missing one skips at once
    instead of after the half minute that migrate and seed_demo take.
    """
    env = server_env
    tmp = Path(env["INSPRAAK_E2E_TMP"])
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_demo", "--quiet")

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp / "daphne.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "inspraak.asgi:application",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        last_error = "no answer yet"
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"daphne exited with {process.returncode} before answering:\n"
                    f"{tail(log_path)}"
                )
            try:
                with urllib.request.urlopen(
                    f"{base_url}/health/", timeout=5
                ) as response:
                    if response.status == 200:
                        break
                    last_error = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                last_error = f"HTTP {exc.code}: {exc.read()[:500]!r}"
            except (urllib.error.URLError, OSError) as exc:
                last_error = repr(exc)
            if time.monotonic() > deadline:
                pytest.fail(
                    f"daphne did not answer {base_url}/health/ with 200 within "
                    f"{SERVER_TIMEOUT} s (last: {last_error}):\n{tail(log_path)}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Browser -------------------------------------------------------------------


def _chromium_path() -> str | None:
    candidate = os.environ.get("INSPRAAK_CHROMIUM") or "/usr/bin/chromium"
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = _chromium_path()
    if executable is None:
        service_missing(
            "No Chromium found at /usr/bin/chromium (apt-get install chromium); "
            "browser tests skipped"
        )
    return executable


# Module scope on purpose: while Playwright's sync API runs, an asyncio loop is
# running in the main thread, and Django would refuse ORM calls in tests that run
# after these (SynchronousOnlyOperation). Stopping Playwright after the module
# keeps the rest of the suite unaffected.
@pytest.fixture(scope="module")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser, live_server_url):
    # bypass_csp: the site only runs scripts with its nonce; axe is injected.
    context = new_context(
        browser, live_server_url, {"width": 1280, "height": 800}, timeout=10_000
    )
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


# axe-core ------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The text of axe.min.js, fetched once with `npm pack` into the cache."""
    target = CACHE_DIR / "axe.min.js"
    if not target.is_file():
        npm = shutil.which("npm")
        if npm is None:
            service_missing(
                "npm not found: it is needed once to fetch axe-core into "
                f"{target} (apt-get install npm); browser tests skipped"
            )
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [npm, "pack", "axe-core@4", "--silent"],
            cwd=CACHE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            service_missing(
                f"npm pack axe-core@4 failed: {result.stderr.strip()[-1000:]}"
            )
        tarball = CACHE_DIR / result.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/axe.min.js")
            if member is None:
                pytest.fail(f"{tarball} has no package/axe.min.js")
            data = member.read()
        tmp_target = target.with_suffix(".tmp")
        tmp_target.write_bytes(data)
        tmp_target.replace(target)
        tarball.unlink()
    return target.read_text(encoding="utf-8")


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [
            " ".join(t) if isinstance(t, list) else str(t)
            for node in violation["nodes"][:3]
            for t in node["target"]
        ]
        more = len(violation["nodes"]) - 3
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{', '.join(targets)}{f', … and {more} more' if more > 0 else ''}]"
        )
    return "\n".join(lines)


def _summarise(results: list[dict]) -> list[dict]:
    return [
        {
            "id": r["id"],
            "impact": r["impact"],
            "help": r["help"],
            "targets": [n["target"] for n in r["nodes"]],
            "summary": [n.get("failureSummary") for n in r["nodes"][:3]],
        }
        for r in results
    ]


@pytest.fixture
def axe(axe_source):
    """Call axe(page, name) to run axe-core on the page as it is now.

    Fails on serious or critical WCAG 2.1 A/AA violations; every violation is
    printed (shown with -s or -rA) and written, with the results axe could not
    decide, to screenshots/axe-<name>.json.
    """

    def check(page, name: str) -> list[dict]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=axe_source)
        results = page.evaluate(
            """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
            AXE_TAGS,
        )
        violations = results["violations"]
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        (SCREENSHOT_DIR / f"axe-{name}.json").write_text(
            json.dumps(
                {
                    "url": page.url,
                    "axe": results["testEngine"]["version"],
                    "passes": len(results["passes"]),
                    "violations": _summarise(violations),
                    # "Needs review": axe could not decide (e.g. contrast on
                    # overlapping elements); not a failure.
                    "incomplete": _summarise(results["incomplete"]),
                },
                indent=2,
            )
        )
        if violations:
            print(f"\naxe on {name} ({page.url}):\n{_format_violations(violations)}")
        failing = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
        assert not failing, (
            f"axe found serious/critical accessibility violations on {name} "
            f"({page.url}):\n{_format_violations(failing)}"
        )
        return violations

    return check
