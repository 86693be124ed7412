from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "inspraak.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Every app says in its personal_data.py what it holds on a person.
        autodiscover_modules("personal_data")
