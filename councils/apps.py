from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils and advice")

    def ready(self):
        from .page_permissions import register_page_permission_policy

        register_page_permission_policy()
