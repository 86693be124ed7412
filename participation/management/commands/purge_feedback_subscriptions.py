"""Delete the e-mail addresses of consultations that have ended (run daily).

Addresses are already deleted when the feedback e-mail goes out; this removes the
ones whose feedback never came, once the consultation is over."""

from django.core.management.base import BaseCommand

from participation.services import purge_subscriptions


class Command(BaseCommand):
    help = "Delete feedback e-mail subscriptions of consultations that have ended."

    def handle(self, *args, **options):
        deleted = purge_subscriptions()
        self.stdout.write(f"Deleted {deleted} feedback subscription(s).")
