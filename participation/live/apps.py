from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "participation.live"
    label = "live"
    verbose_name = _("Live sessions")

    def seed_demo(self, home):
        """For `manage.py seed_demo`: live sessions of the demo consultations
        (participation/live/demo.py)."""
        from .demo import seed_live_sessions

        seed_live_sessions()

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: an ended session with questions and polls
        (participation/live/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
