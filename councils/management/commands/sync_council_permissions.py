from django.core.management.base import BaseCommand

from councils.page_permissions import sync_all_council_permissions


class Command(BaseCommand):
    help = (
        "Put each council's current members, chair and secretary in the council's "
        "Wagtail groups and take out whoever's term ended (run daily: terms start "
        "and end by date)."
    )

    def handle(self, *args, **options):
        synced = sync_all_council_permissions()
        if options["verbosity"] > 0:
            self.stdout.write(f"Synced the page permissions of {synced} council(s).")
