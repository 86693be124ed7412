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
