from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and objections")

    def ready(self):
        from . import (
            kinds,  # noqa: F401  (registers the notification kinds)
            signals,  # noqa: F401  (stored deadlines follow outside changes)
        )

    def seed_demo(self, home):
        """For `manage.py seed_demo`: cases (complaints/demo.py)."""
        from .demo import seed_cases

        seed_cases()

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: cases of Voorstad with events and messages
        (complaints/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
