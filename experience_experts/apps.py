from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperienceExpertsConfig(AppConfig):
    name = "experience_experts"
    verbose_name = _("Experience experts")

    def ready(self):
        from inspraak.core.start import register_section

        from . import (
            kinds,  # noqa: F401  (registers the notification kinds)
            start,
        )

        register_section(
            "experience_experts.bookings_to_confirm",
            start.bookings_to_confirm,
            order=40,
        )
        register_section(
            "experience_experts.applications", start.applications_to_decide, order=45
        )
        register_section(
            "experience_experts.hours_to_approve", start.hours_to_approve, order=50
        )
        register_section("experience_experts.my_bookings", start.my_bookings, order=100)
        register_section(
            "experience_experts.invitations",
            start.invitations_and_applications,
            order=105,
        )

    def seed_demo(self, home):
        """For `manage.py seed_demo`: experts, assignments and bookings
        (experience_experts/demo.py)."""
        from .demo import seed_experts

        seed_experts()

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: a year of sessions and hours
        (experience_experts/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
