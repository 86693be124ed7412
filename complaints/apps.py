from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and objections")

    def ready(self):
        from inspraak.core.start import register_section

        from . import (
            kinds,  # noqa: F401  (registers the notification kinds)
            signals,  # noqa: F401  (stored deadlines follow outside changes)
        )
        from .access import may_see_case_data
        from .start import cases_due, own_cases

        # The start page lists cases only to a session that may see case data.
        register_section(
            "complaints.cases_due", cases_due, order=30, guard=may_see_case_data
        )
        register_section(
            "complaints.own_cases", own_cases, order=110, guard=may_see_case_data
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
