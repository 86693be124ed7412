from django.core.management.base import BaseCommand

from experience_experts.services.retention import purge_retained


class Command(BaseCommand):
    help = (
        "Delete bookings and hours of deleted accounts once their 7 years of "
        "bookkeeping retention have passed (run daily or monthly)."
    )

    def handle(self, *args, **options):
        removed = purge_retained()
        if options["verbosity"] > 0:
            self.stdout.write(f"Removed {removed} booking(s) past retention.")
