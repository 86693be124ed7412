from django.core.management.base import BaseCommand

from councils.recruitment import (
    APPLICATION_KEPT_DAYS,
    UNDECIDED_KEPT_DAYS,
    delete_decided_applications,
)


class Command(BaseCommand):
    help = (
        f"Delete applications to a council {APPLICATION_KEPT_DAYS} days after the "
        f"decision, or {UNDECIDED_KEPT_DAYS} days after they were sent when nobody "
        "decided (run daily)."
    )

    def handle(self, *args, **options):
        deleted = delete_decided_applications()
        if options["verbosity"] > 0:
            self.stdout.write(f"Deleted {deleted} application(s).")
