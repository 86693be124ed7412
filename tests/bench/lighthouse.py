"""Lighthouse on the public pages of issue "A way in for everyone", in Dutch and
English, run by hand (never collected by pytest):

    .venv/bin/python -m tests.bench.lighthouse [--runs 1] [--only nl] [--keep]

It installs Lighthouse (pinned, LIGHTHOUSE_VERSION) with npm into
tests/bench/.cache/lighthouse/ (git-ignored) when it is missing, starts the site
as the browser tests do (daphne on a throw-away SQLite database with the demo
content) but with DEBUG off and collected static files, and runs Lighthouse with
its default (mobile) settings in Debian's Chromium on each page. The scores of the
four categories per page are printed as a Markdown table and written, with every
audit that did not score 1, to var/bench/lighthouse-<time>.md; the JSON reports go
to var/bench/lighthouse-<time>/. A page that does not answer 200 gets its status
in the table instead of scores."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.processes import free_port, tail

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(__file__).resolve().parent / ".cache" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_CLI = CACHE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_PATH = os.environ.get("INSPRAAK_CHROMIUM") or "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SERVER_TIMEOUT = 60  # seconds for daphne to answer /health/

# (name, how to find its Dutch path). Wagtail pages are looked up in the database,
# since their paths come from the demo's slugs.
PAGES = [
    ("home", "/"),
    ("consultation", "page:participation.ConsultationPage:praat-mee-over-wachttijden"),
    ("advice tracker", "page:councils.AdviceTrackerPage:"),
    ("live join", "/live/"),
    ("complaint route", "/klachten/"),
    ("experts index", "/ervaringsdeskundigen/"),
]

# Prints {"name": {"nl": path, "en": path}} for the Wagtail pages of PAGES.
FIND_PAGES = """
import json, os
from django.apps import apps
from wagtail.models import Locale
found = {}
for name, model_label, slug in json.loads(os.environ["LIGHTHOUSE_PAGES"]):
    model = apps.get_model(model_label)
    pages = model.objects.live().public().filter(locale__language_code="nl")
    if slug:
        pages = pages.filter(slug=slug)
    page = pages.order_by("path").first()
    if page is None:
        found[name] = None
        continue
    english = page.get_translation_or_none(Locale.objects.filter(language_code="en").first())
    found[name] = {
        "nl": page.url,
        "en": english.url if english is not None and english.live else "/en" + page.url,
    }
print(json.dumps(found))
"""


def log(message: str) -> None:
    print(f"[lighthouse {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr)


# Lighthouse -----------------------------------------------------------------


def ensure_lighthouse() -> Path:
    """The pinned Lighthouse CLI, installed with npm into the cache when missing."""
    installed = CACHE_DIR / "node_modules" / "lighthouse" / "package.json"
    if installed.is_file():
        version = json.loads(installed.read_text())["version"]
        if version == LIGHTHOUSE_VERSION:
            return LIGHTHOUSE_CLI
        log(f"Lighthouse {version} in the cache; installing {LIGHTHOUSE_VERSION}")
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found (apt-get install npm): it installs Lighthouse")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    log(f"npm install lighthouse@{LIGHTHOUSE_VERSION} into {CACHE_DIR}")
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(CACHE_DIR),
            "--no-audit",
            "--no-fund",
            "--save-exact",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not LIGHTHOUSE_CLI.is_file():
        raise SystemExit(f"npm install failed:\n{result.stderr[-3000:]}")
    return LIGHTHOUSE_CLI


def run_lighthouse(cli: Path, url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse run with its default (mobile) settings; the JSON report.
    Lighthouse now and then fails to record the trace (NO_NAVSTART on a busy
    machine): such a run is tried again."""
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    error = ""
    for _attempt in range(attempts):
        out.unlink(missing_ok=True)
        result = subprocess.run(
            [
                shutil.which("node") or "node",
                str(cli),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(out.read_text()) if out.is_file() else None
        if result.returncode == 0 and report and not report.get("runtimeError"):
            return report
        error = (report or {}).get("runtimeError") or result.stderr[-3000:]
        log(f"lighthouse failed on {url}, trying again: {error}")
    raise RuntimeError(f"lighthouse failed {attempts} times on {url}: {error}")


def scores_of(report: dict) -> dict[str, int]:
    return {
        key: round((report["categories"][key]["score"] or 0) * 100)
        for key in CATEGORIES
    }


def imperfect_audits(report: dict) -> list[tuple[str, str, str, float, bool]]:
    """(category, audit id, title, score, counts) of every scored audit below 1;
    `counts` is False for audits that weigh nothing in the category's score
    (Lighthouse's opportunities and diagnostics)."""
    found = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if score is None or score >= 1:
                continue
            if audit.get("scoreDisplayMode") in ("notApplicable", "manual"):
                continue
            found.append((key, ref["id"], audit["title"], score, ref["weight"] > 0))
    return found


# The site -------------------------------------------------------------------


def site_env(tmp: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inspraak.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp / 'lighthouse.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        STATIC_ROOT=str(tmp / "static"),
        EMAIL_URL="dummymail://",
        TASKS_BACKEND="immediate",
        TASKS_HEAVY_BACKEND="immediate",
        # Plain HTTP on loopback, as behind a proxy that ends TLS.
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str, debug: bool = False) -> str:
    """A management command (seed_demo runs only with DEBUG on; the server never)."""
    run_env = {**env, "DEBUG": "true"} if debug else env
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}"
            f"\n{result.stderr[-3000:]}"
        )
    return result.stdout


def start_daphne(env: dict, tmp: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp / "daphne.log"
    with log_path.open("wb") as out:
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
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + SERVER_TIMEOUT
    while status_of(f"{base}/health/") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise SystemExit(f"daphne did not start:\n{tail(log_path)}")
        time.sleep(0.25)
    return process, base, log_path


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def status_of(url: str) -> int:
    """The HTTP status after redirects (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


def page_paths(env: dict, only: list[str]) -> list[tuple[str, str, str]]:
    """(name, language, path) of every page to measure."""
    wanted = [
        (name, *how.split(":")[1:]) for name, how in PAGES if how.startswith("page:")
    ]
    found = json.loads(
        manage(
            {**env, "LIGHTHOUSE_PAGES": json.dumps(wanted)}, "shell", "-c", FIND_PAGES
        )
        .strip()
        .splitlines()[-1]
    )
    paths = []
    for name, how in PAGES:
        for language in only:
            if how.startswith("page:"):
                page = found.get(name)
                path = page[language] if page else None
                if path is None:
                    raise SystemExit(f"the demo has no {name} page ({how})")
            else:
                path = how if language == "nl" else f"/{language}{how}"
            paths.append((name, language, path))
    return paths


# The report -----------------------------------------------------------------


@dataclass
class Result:
    name: str
    language: str
    path: str
    status: int
    scores: dict[str, int] = field(default_factory=dict)
    audits: list[tuple[str, str, str, float, bool]] = field(default_factory=list)
    report: str = ""
    error: str = ""


def measure(cli: Path, base: str, todo, out_dir: Path, runs: int) -> list[Result]:
    results = []
    for name, language, path in todo:
        url = base + path
        status = status_of(url)
        result = Result(name, language, path, status)
        if status != 200:
            log(f"{name} ({language}) {path}: HTTP {status}, not measured")
            results.append(result)
            continue
        reports = []
        try:
            for run in range(runs):
                slug = f"{name.replace(' ', '-')}-{language}-{run + 1}"
                report = run_lighthouse(cli, url, out_dir / f"{slug}.json")
                reports.append((slug, report))
        except RuntimeError as exc:
            result.error = str(exc)
            log(str(exc))
            results.append(result)
            continue
        # With several runs the one with the median performance score counts.
        reports.sort(key=lambda item: scores_of(item[1])["performance"])
        slug, report = reports[len(reports) // 2]
        result.scores = scores_of(report)
        result.audits = imperfect_audits(report)
        result.report = f"{out_dir.name}/{slug}.json"
        log(f"{name} ({language}) {path}: {result.scores}")
        results.append(result)
    return results


def markdown(results: list[Result], runs: int) -> str:
    lines = [
        f"# Lighthouse {LIGHTHOUSE_VERSION} (mobile, default settings), "
        f"{time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Demo data, DEBUG off, daphne on loopback; {runs} run(s) per page "
        "(the median performance run counts).",
        "",
        "| page | language | path | performance | accessibility | best practices "
        "| SEO |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if r.status != 200:
            cells = [f"HTTP {r.status}" if r.status else "no answer"] + ["–"] * 3
        elif r.error:
            cells = ["Lighthouse failed"] + ["–"] * 3
        else:
            cells = [str(r.scores[key]) for key in CATEGORIES]
        lines.append(f"| {r.name} | {r.language} | {r.path} | {' | '.join(cells)} |")
    missing = [r for r in results if r.status != 200]
    if missing:
        lines += ["", "Not measured (the page did not answer 200):"]
        lines += [
            f"- {r.name} ({r.language}) {r.path}: HTTP {r.status}" for r in missing
        ]
    failed = [r for r in results if r.error]
    if failed:
        lines += ["", "Lighthouse failed:"]
        lines += [f"- {r.name} ({r.language}) {r.path}: {r.error}" for r in failed]
    lines += ["", "## Audits below 1", ""]
    imperfect = [r for r in results if r.audits]
    if not imperfect:
        lines.append("None.")
    for r in imperfect:
        lines.append(f"### {r.name} ({r.language}) {r.path} — {r.report}")
        for category, audit_id, title, score, counts in r.audits:
            weight = "" if counts else ", weighs nothing in the score"
            lines.append(f"- {category}: {title} (`{audit_id}`, {score:.2f}{weight})")
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page")
    parser.add_argument(
        "--only", choices=["nl", "en"], action="append", help="only this language"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the throw-away database folder"
    )
    args = parser.parse_args()
    languages = args.only or ["nl", "en"]
    if not Path(CHROME_PATH).is_file():
        raise SystemExit(f"no Chromium at {CHROME_PATH} (apt-get install chromium)")
    cli = ensure_lighthouse()

    stamp = time.strftime("%Y%m%d-%H%M%S")
    bench_dir = ROOT / "var" / "bench"
    out_dir = bench_dir / f"lighthouse-{stamp}"
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspraak-lighthouse-"))
    env = site_env(tmp)
    log(f"migrate, demo and static files in {tmp}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--quiet", debug=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    todo = page_paths(env, languages)
    process, base, log_path = start_daphne(env, tmp)
    try:
        results = measure(cli, base, todo, out_dir, args.runs)
    finally:
        stop(process)
        if args.keep:
            log(f"kept {tmp} (daphne's log: {log_path})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    text = markdown(results, args.runs)
    target = bench_dir / f"lighthouse-{stamp}.md"
    target.write_text(text, encoding="utf-8")
    print(text)
    log(f"written to {target} (reports in {out_dir})")


if __name__ == "__main__":
    main()
