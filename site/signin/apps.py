from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "inspraak.signin"
    label = "signin"
    verbose_name = _("Sign-in through an organisation")

    def ready(self):
        from allauth.account.signals import user_logged_in

        from .memberships import follow_provider_on_sign_in

        user_logged_in.connect(
            follow_provider_on_sign_in, dispatch_uid="signin.follow_provider"
        )
