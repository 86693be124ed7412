"""Run once a day: warn administrators about data requests that are not answered."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from inspraak.privacy.services import warn_about_open_requests


class Command(BaseCommand):
    help = (
        "E-mail platform administrators the data requests that are still open and "
        "due within a week or overdue (AVG art. 12(3): one month). Run once a day."
    )

    def handle(self, *args, **options):
        count = warn_about_open_requests(
            due_before=timezone.localdate() + timedelta(days=7)
        )
        self.stdout.write(f"Open data requests due within a week or overdue: {count}.")
