from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "participation.themes"
    label = "themes"
    verbose_name = _("Themes in the input")

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: themes over the volume's contributions
        (participation/themes/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
