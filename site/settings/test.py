"""Test settings: the environment's settings with fast, deterministic services.

DATABASE_URL and REDIS_URL still come from the environment, so CI runs the same
suite against PostgreSQL and Redis that a laptop runs on SQLite and in memory.
"""

import os

from . import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {
    alias: {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    for alias in ("default", "heavy")
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SECURE_SSL_REDIRECT = False
ACCOUNT_RATE_LIMITS = False
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Each test clears its own cache; a shared Redis cache would leak counters between
# tests (and clearing it would flush the channel layer's keys too).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Threads outside the request cycle (the live hub's database pools) close their
# connection after each call, so none is left open when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# The suite runs in two worker processes (pytest-xdist, `make test`) that share one
# Redis: each worker's channel layer gets its own prefix, so one worker's live
# session 1 never hears the other's.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _worker and "CONFIG" in CHANNEL_LAYERS["default"]:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"asgi-{_worker}"  # noqa: F405
