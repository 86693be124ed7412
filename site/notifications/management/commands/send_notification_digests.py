from django.core.management.base import BaseCommand

from inspraak.notifications.services import send_digests


class Command(BaseCommand):
    help = "Send each person one e-mail with their waiting notifications (run daily)."

    def handle(self, *args, **options):
        sent = send_digests()
        if options["verbosity"] > 0:
            self.stdout.write(f"Sent {sent} digest e-mail(s).")
