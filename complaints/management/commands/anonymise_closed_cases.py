"""Run once a day: remove the personal data of cases closed longer than the
retention period ago (default 5 years)."""

from django.core.management.base import BaseCommand

from complaints.flows.retention import RETENTION_YEARS, anonymise_closed_cases


class Command(BaseCommand):
    help = "Anonymise closed cases whose retention period has ended. Run daily."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=RETENTION_YEARS,
            help=f"Retention period in years (default {RETENTION_YEARS}).",
        )

    def handle(self, *args, years, **options):
        if years < 1:
            self.stderr.write("The retention period must be at least one year.")
            return
        count = anonymise_closed_cases(years=years)
        self.stdout.write(f"Cases anonymised: {count}.")
