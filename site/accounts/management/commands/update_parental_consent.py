"""Run once a day: remind parents once, and lift the limit on the 16th birthday."""

from django.core.management.base import BaseCommand

from inspraak.accounts.consent import end_at_sixteen, send_reminders


class Command(BaseCommand):
    help = (
        "Send the one reminder for consent requests a week old, and end the need "
        "for consent for everyone who turned 16. Run once a day."
    )

    def handle(self, *args, **options):
        reminded = send_reminders()
        ended = end_at_sixteen()
        self.stdout.write(f"Reminders sent: {reminded}. Consents ended at 16: {ended}.")
