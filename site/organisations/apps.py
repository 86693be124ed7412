from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "inspraak.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .groups import follow_roles_on_sign_in

        user_logged_in.connect(
            follow_roles_on_sign_in, dispatch_uid="organisations.follow_roles"
        )
