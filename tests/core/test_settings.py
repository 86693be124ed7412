"""Settings come from the environment. Production refuses to start without its
security values, and then passes Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "-production-secret-" + "q" * 30,
    "ALLOWED_HOSTS": "inspraak.example.nl",
    "DATABASE_URL": "sqlite:////tmp/inspraak-settings-test.sqlite3",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.nl:587",
}


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "DATABASE_URL",
            "EMAIL_URL",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="inspraak.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(*names, **env) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_django(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_defaults():
    values = read_settings("DEBUG", "DATABASES", "CHANNEL_LAYERS", "TASKS", "MAILERS")

    assert values["DEBUG"] is True
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CHANNEL_LAYERS"]["default"]["BACKEND"].endswith(
        "InMemoryChannelLayer"
    )
    assert values["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")
    assert values["MAILERS"]["default"]["BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"])
def test_production_refuses_to_start_without_security_values(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = run_django("pass", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_development_secret_key():
    result = run_django(
        "pass", **{**PRODUCTION, "SECRET_KEY": "django-insecure-" + "x" * 50}
    )
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_settings_are_secure():
    values = read_settings(
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_CSP",
        "TASKS",
        "MIDDLEWARE",
        **PRODUCTION,
    )
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert "'self'" in values["SECURE_CSP"]["default-src"]
    assert (
        "django.middleware.csp.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]
    )
    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_production_passes_the_deployment_checks():
    result = run_django(
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr


def test_services_from_the_environment():
    values = read_settings(
        "DATABASES",
        "CHANNEL_LAYERS",
        "CACHES",
        "MAILERS",
        DATABASE_URL="postgres://inspraak:geheim@db.example:5432/inspraak",
        REDIS_URL="redis://cache.example:6379/2",
        EMAIL_URL="smtp+tls://mailer:wachtwoord@smtp.example:587",
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("db.example", "inspraak")
    layer = values["CHANNEL_LAYERS"]["default"]
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["hosts"][0]["address"] == "redis://cache.example:6379/2"
    # Rate limits count across daphne processes.
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.example:6379/2"
    mailer = values["MAILERS"]["default"]
    assert mailer["OPTIONS"]["host"] == "smtp.example"
    assert mailer["OPTIONS"]["port"] == 587
    assert mailer["OPTIONS"]["use_tls"] is True


def test_unknown_task_backend_is_refused():
    result = run_django("pass", TASKS_BACKEND="celery")
    assert "TASKS_BACKEND must be one of" in result.stderr


def test_unknown_heavy_task_backend_is_refused():
    result = run_django("pass", TASKS_HEAVY_BACKEND="celery")
    assert "TASKS_HEAVY_BACKEND must be one of" in result.stderr


def test_the_heavy_tasks_follow_the_default_backend_unless_told():
    both = run_django(
        "from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'], settings.TASKS['heavy']['BACKEND'])",
        TASKS_BACKEND="database",
    )
    assert both.stdout.split() == ["django_tasks_db.DatabaseBackend"] * 2
