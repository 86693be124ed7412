from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperienceExpertsConfig(AppConfig):
    name = "experience_experts"
    verbose_name = _("Experience experts")

    def ready(self):
        from . import kinds  # noqa: F401  (registers the notification kinds)

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
