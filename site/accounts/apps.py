from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inspraak.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.account.signals import password_reset

        from .ratelimit import forget_failed_sign_ins

        password_reset.connect(
            forget_failed_sign_ins, dispatch_uid="inspraak.accounts.failed_sign_ins"
        )
