from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inspraak.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.urls import register_converter

        from .bounds import IdConverter, YearConverter

        # `<id:pk>` and `<year:year>` in any app's URLs: in range, else 404.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")

        from .layout import connect_signals

        # The cached footer and language switch follow every page and setting.
        connect_signals()
