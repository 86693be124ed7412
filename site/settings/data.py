"""Data and services: the database, Redis (channel layer and cache), the live
sessions' limits and the task backend."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .applications import INSTALLED_APPS
from .environment import DEBUG, env

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = (
    0 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 60
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets daphne's threads read while another writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # redis-py 8 raises once its pool (default 100) is full: give the layer room
    # for a join storm (docs/design.md, known pitfalls).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": env("REDIS_MAX_CONNECTIONS"),
                        # Above channels-redis's 5 s blocking receive: redis-py 8's
                        # default (5 s) made an idle receive fail (live hub).
                        "socket_timeout": 10,
                    }
                ],
                "prefix": "inspraak",
            },
        }
    }
    # Rate limits (participation, live sessions) must count across processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "inspraak",
        }
    }
else:
    # Development only: scans every channel on each receive.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Live sessions (docs/live-protocol.md, "Limits"): per client address and session,
# new participant identities per 10 minutes and questions per minute; and how long
# a moderator's role, once checked, holds on an open socket (seconds).
LIVE_NEW_PARTICIPANTS_PER_ADDRESS = env("LIVE_NEW_PARTICIPANTS_PER_ADDRESS")
LIVE_QUESTIONS_PER_ADDRESS = env("LIVE_QUESTIONS_PER_ADDRESS")
LIVE_ROLE_RECHECK_SECONDS = 5.0

# Background work: immediate in development, a database queue with a worker
# (manage.py db_worker) in production. Wagtail's django-tasks backport reads
# this same setting.
TASKS_BACKEND = env("TASKS_BACKEND") or ("immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
# Long computations (the suggested themes of participation/themes) go to their own
# backend, "heavy", so that a worker of their own (`db_worker --backend heavy`) can
# take them and e-mails never wait behind them. Of the same kind as "default"
# unless TASKS_HEAVY_BACKEND says otherwise.
TASKS_HEAVY_BACKEND = env("TASKS_HEAVY_BACKEND") or TASKS_BACKEND
for _variable, _name in [
    ("TASKS_BACKEND", TASKS_BACKEND),
    ("TASKS_HEAVY_BACKEND", TASKS_HEAVY_BACKEND),
]:
    if _name not in _TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"{_variable} must be one of {', '.join(_TASK_BACKENDS)}, not {_name!r}."
        )
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]},
    "heavy": {"BACKEND": _TASK_BACKENDS[TASKS_HEAVY_BACKEND]},
}
# Nightly work: each app's tasks.py schedules its tasks with @cron; `manage.py
# crontask` enqueues them on time. With Redis, a lock keeps one scheduler running
# however many hosts start it.
CRONTASK = {"REDIS_URL": REDIS_URL or None}
