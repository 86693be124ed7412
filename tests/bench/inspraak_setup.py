"""Set-up steps of the benchmark that need Django (run by tests/bench/run.py with the
benchmark's environment: DATABASE_URL of the dedicated database `inspraak_bench`,
REDIS_URL of a Redis database of its own). Each prints one JSON line.

    python -m tests.bench.inspraak_setup prepare
    python -m tests.bench.inspraak_setup create --title "Benchmark"
    python -m tests.bench.inspraak_setup count-votes --code ABC234 --poll-id 1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from urllib.parse import urlparse


def prepare(reuse: bool = False) -> dict:
    """Create the benchmark's database (dropped first unless `reuse`), migrate it,
    empty its Redis db."""
    import psycopg

    url = urlparse(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    if not name.endswith("_bench"):
        raise SystemExit(
            f"refusing to use {name!r}: the benchmark's database ends in _bench"
        )
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        # Disposable: a fresh database each run, so that migrations that changed
        # while they were being written never leave it half-migrated.
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not (reuse and exists):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    return {"database": name}


def create(title: str) -> dict:
    """A consultation, an organisation with a moderator, a live session in the `live`
    state with post-moderation, and the moderator's session cookie."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from wagtail.models import Page

    from inspraak.accounts.models import User
    from inspraak.organisations.models import Membership, Organisation, Role
    from participation.live.models import LiveSession
    from participation.models import ConsultationIndexPage, ConsultationPage

    organisation, _ = Organisation.objects.get_or_create(
        slug="bench-gemeente",
        defaults={"name": "Benchmark gemeente", "kind": Organisation.Kind.MUNICIPALITY},
    )
    user, created = User.objects.get_or_create(
        email="bench-moderator@example.test", defaults={"display_name": "Bench"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role.MODERATOR
    )
    index = ConsultationIndexPage.objects.filter(slug="bench-consultaties").first()
    if index is None:
        parent = Page.objects.filter(depth=2).first() or Page.get_first_root_node()
        index = parent.add_child(
            instance=ConsultationIndexPage(title="Bench", slug="bench-consultaties")
        )
    now = timezone.now()
    consultation = ConsultationPage.objects.filter(slug="bench-consultatie").first()
    if consultation is None:
        consultation = index.add_child(
            instance=ConsultationPage(
                title="Benchmark",
                slug="bench-consultatie",
                organisation=organisation,
                summary="Benchmark",
                opens_at=now - timedelta(days=1),
                closes_at=now + timedelta(days=365),
                feedback_due_on=(now + timedelta(days=400)).date(),
            )
        )
    session = LiveSession.objects.create(
        consultation=consultation,
        title=title[:200],
        starts_at=now,
        state=LiveSession.State.LIVE,
        moderation=LiveSession.Moderation.POST,
    )
    # A signed-in moderator's cookie, made the way django.contrib.auth.login does.
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    cookie = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return {"code": session.code, "session_id": session.pk, "cookie": cookie}


def count_votes(code: str, poll_id: int) -> dict:
    import django

    django.setup()
    from participation.live.models import Vote

    votes = Vote.objects.filter(poll_id=poll_id, poll__session__code=code).count()
    return {"votes": votes}


def main(argv=None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspraak.settings")
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    prep = sub.add_parser("prepare")
    prep.add_argument("--reuse", action="store_true", help="keep an existing database")
    c = sub.add_parser("create")
    c.add_argument("--title", default="Benchmark")
    v = sub.add_parser("count-votes")
    v.add_argument("--code", required=True)
    v.add_argument("--poll-id", type=int, required=True)
    args = parser.parse_args(argv)
    if args.cmd == "prepare":
        out = prepare(args.reuse)
    elif args.cmd == "create":
        out = create(args.title)
    else:
        out = count_votes(args.code, args.poll_id)
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
