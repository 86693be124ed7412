from datetime import date

from django.core.management.base import BaseCommand

from complaints.flows.reminders import send_case_reminders


class Command(BaseCommand):
    help = (
        "Remind complaint handlers 7 days before and on the decision deadline of each "
        "open case. Run once a day: each reminder belongs to one day, so a daily run "
        "sends it once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            default=None,
            help="Act as if today is this day (YYYY-MM-DD).",
        )

    def handle(self, *args, **options):
        sent = send_case_reminders(options["date"])
        if options["verbosity"] > 0:
            self.stdout.write(f"Sent {sent} case reminder(s).")
