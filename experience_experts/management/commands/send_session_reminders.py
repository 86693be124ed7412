from django.core.management.base import BaseCommand

from experience_experts.services.reminders import send_session_reminders


class Command(BaseCommand):
    help = (
        "E-mail booked experience experts the day before each session (run daily; "
        "running twice sends nothing twice)."
    )

    def handle(self, *args, **options):
        sent = send_session_reminders()
        if options["verbosity"] > 0:
            self.stdout.write(f"Sent {sent} session reminder(s).")
