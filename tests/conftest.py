"""Shared fixtures. PostgreSQL and Redis are used when DATABASE_URL and REDIS_URL
point at them (CI); otherwise the suite runs on SQLite and in memory, and tests that
need a missing service skip, or fail when INSPRAAK_REQUIRE_SERVICES=1."""

import os
import socket
from urllib.parse import urlparse

from django.conf import settings

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("INSPRAAK_REQUIRE_SERVICES") == "1"


def pytest_configure(config):
    if REQUIRE_SERVICES and settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.postgresql"
    ):
        raise pytest.UsageError(
            "INSPRAAK_REQUIRE_SERVICES=1 but DATABASE_URL does not point at PostgreSQL."
        )
    if REQUIRE_SERVICES and not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("INSPRAAK_REQUIRE_SERVICES=1 but REDIS_URL is not set.")


def pytest_collection_modifyitems(config, items):
    """`make test` runs the suite in parallel workers (pytest-xdist, --dist
    loadgroup): the browser journeys share one server and one Chromium, so they all
    go to the same worker."""
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("e2e"))


def service_missing(message: str):
    """Skip a test whose service is absent, or fail it when services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (INSPRAAK_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname, parsed.port or 6379), timeout=1
        ):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server for layer tests: REDIS_URL, else a local one when it answers."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not _reachable(url):
        service_missing(f"Redis is not reachable at {url}")
    return url


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the test settings use local memory): a
    footer or a count cached by one test never shows in the next, whose database
    was rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_first():
    """Each test starts in Dutch, the site's first language, whatever language the
    test before it left active in this process (the suite runs in parallel
    workers, so the order differs from run to run)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def organisation_factory(db):
    return OrganisationFactory


@pytest.fixture
def membership_factory(db):
    return MembershipFactory


@pytest.fixture
def demo_site(db, settings):
    """The demo content of `make run`: pages in nl and en, organisations, accounts."""
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo refuses to run in production
    call_command("seed_demo", "--quiet")
    settings.DEBUG = False


@pytest.fixture(scope="session", autouse=True)
def _close_async_test_connections(django_db_setup):
    """Async tests reach the database through asgiref's one thread-sensitive thread
    (sync_to_async); close its connection before the test database is dropped."""
    yield
    from django.db import connections

    from asgiref.sync import SyncToAsync

    SyncToAsync.single_thread_executor.submit(connections.close_all).result()
