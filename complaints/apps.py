from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and objections")

    def ready(self):
        from . import kinds  # noqa: F401  (registers the notification kinds)

    def seed_demo(self, home):
        """For `manage.py seed_demo`: cases (complaints/demo.py)."""
        from .demo import seed_cases

        seed_cases()
