"""Add volume on top of the demo data (`manage.py seed_demo`), for the page
benchmark: `--rows` rows to each area, and a person with `--person-rows` rows in
every app (for the "my data" download).

Every app's `AppConfig.seed_volume(rows, person, person_rows)` adds its part, in
INSTALLED_APPS order (inspraak.core.discovery), and returns what it added. Not
idempotent: each run adds another batch and another person."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from allauth.account.models import EmailAddress

from inspraak.core.demo.people import DEMO_PASSWORD
from inspraak.core.discovery import app_hooks

from .seed_demo import DEMO_MAILERS

PERSON_EMAIL = "volume{n}@inspraak.test"


class Command(BaseCommand):
    help = "Add volume (rows per area) on top of the demo data, for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rows", type=int, default=10_000, help="Rows per area (10,000)."
        )
        parser.add_argument(
            "--person-rows",
            type=int,
            default=1_000,
            help="Rows per app for the person with data everywhere (1,000).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off (never on a production database).",
        )

    def handle(self, *args, rows, person_rows, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_volume only runs with DEBUG on (development), or with --force."
            )
        if rows < 1 or person_rows < 0:
            raise CommandError("--rows must be positive, --person-rows not negative.")
        started = time.monotonic()
        with transaction.atomic(), override_settings(MAILERS=DEMO_MAILERS):
            person = self._person()
            self.stdout.write(f"The person with data in every app: {person.email}")
            for hook in app_hooks("seed_volume"):
                began = time.monotonic()
                added = hook(rows=rows, person=person, person_rows=person_rows)
                label = hook.__self__.label
                counts = ", ".join(f"{n:,} {what}" for what, n in added.items())
                self.stdout.write(
                    f"  {label:20} {time.monotonic() - began:6.1f} s  {counts}"
                )
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: bulk inserts leave them stale until
            # autovacuum comes by (and some servers run without it).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Volume added in {time.monotonic() - started:.1f} s.")
        )

    def _person(self):
        User = get_user_model()
        n = User.objects.filter(email__startswith="volume").count() + 1
        while User.objects.filter(email=PERSON_EMAIL.format(n=n)).exists():
            n += 1
        # Signs in like the demo people (the page benchmark signs in as them).
        email = PERSON_EMAIL.format(n=n)
        person = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=f"Volume {n}"
        )
        EmailAddress.objects.create(
            user=person, email=email, verified=True, primary=True
        )
        return person
