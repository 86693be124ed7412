from django.core.management.base import BaseCommand

from councils.services.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the organisations of unanswered advice a week before and on the due "
        "date (run daily; running twice sends nothing twice)."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"Sent {sent} advice reminder(s).")
