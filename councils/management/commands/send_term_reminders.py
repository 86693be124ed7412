from django.core.management.base import BaseCommand

from councils.terms import send_term_reminders


class Command(BaseCommand):
    help = (
        "Remind the chair two months before a council member's term ends (run "
        "daily; running twice sends nothing twice)."
    )

    def handle(self, *args, **options):
        sent = send_term_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"Sent {sent} term reminder(s).")
