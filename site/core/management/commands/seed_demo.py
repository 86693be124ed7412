"""Create demo content and one demo account per role. Safe to run again.

The site's own content comes first (inspraak.core.demo: organisations, accounts,
pages); then every app's `AppConfig.seed_demo(home)`, in INSTALLED_APPS order
(inspraak.core.discovery); then the home page's doors, which lead to the apps'
pages (inspraak.core.demo.doors)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from inspraak.core.demo.doors import seed_doors
from inspraak.core.demo.pages import seed_pages
from inspraak.core.demo.people import (
    ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    seed_accounts,
    seed_organisations,
)
from inspraak.core.discovery import app_hooks

DEMO_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


class Command(BaseCommand):
    help = "Create demo content and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Do not print the accounts."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Demo accounts share a known password: never in production.
            raise CommandError("seed_demo only runs with DEBUG on (development).")
        seed_accounts(seed_organisations())
        home = seed_pages()
        # Demo content sends no mail (Wagtail mails superusers about the demo advice
        # that waits for adoption).
        with override_settings(MAILERS=DEMO_MAILERS):
            for seed_demo in app_hooks("seed_demo"):
                seed_demo(home)
            seed_doors(home)
        if not options["quiet"]:
            self._print_accounts()

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        )
        for email, _name, purpose, _memberships in ACCOUNTS:
            self.stdout.write(f"  {email:38} {purpose}")
        self.stdout.write(
            "  Case handlers and the confidential adviser use two-step verification: "
            f"add the secret {DEMO_TOTP_SECRET} to an authenticator app."
        )
        self.stdout.write("")
