"""The environment: every variable declared once with its type and its development
default, and the checks that stop start-up when DEBUG is off and a security value
is missing."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # the repository

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'var' / 'inspraak.sqlite3'}"),
    REDIS_URL=(str, ""),
    REDIS_MAX_CONNECTIONS=(int, 1000),
    EMAIL_URL=(str, "consolemail://"),  # required when DEBUG is off
    DEFAULT_FROM_EMAIL=(str, "Inspraak <noreply@inspraak.localhost>"),
    TASKS_BACKEND=(str, ""),
    TASKS_HEAVY_BACKEND=(str, ""),
    MEDIA_ROOT=(str, str(BASE_DIR / "var" / "media")),
    PRIVATE_MEDIA_ROOT=(str, str(BASE_DIR / "var" / "private")),
    STATIC_ROOT=(str, str(BASE_DIR / "var" / "static")),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    USE_X_FORWARDED_PROTO=(bool, False),
    LOG_LEVEL=(str, "INFO"),
    INSPRAAK_REQUIRE_SERVICES=(bool, False),
    LIVE_NEW_PARTICIPANTS_PER_ADDRESS=(int, 200),
    LIVE_QUESTIONS_PER_ADDRESS=(int, 60),
)

DEBUG = env("DEBUG")
REQUIRE_SERVICES = env("INSPRAAK_REQUIRE_SERVICES")

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = (
        SECRET_KEY or "django-insecure-development-only-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    missing = [
        name
        for name, value in (
            ("SECRET_KEY", SECRET_KEY),
            ("ALLOWED_HOSTS", ALLOWED_HOSTS),
            # Sign-up needs working e-mail: no silent console backend in production.
            ("EMAIL_URL", env.str("EMAIL_URL", default="")),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off, so {' and '.join(missing)} must be set in the environment "
            "(see the table of environment variables in README.md)."
        )
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak for production: use at least 50 random characters, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))'."
        )
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
