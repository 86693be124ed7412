from django.conf import settings
from django.utils.translation import get_language

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's e-mail in the person's own language and keeps people in the
    language they were using after they sign in."""

    def get_login_redirect_url(self, request):
        language = get_language()
        if language and language != settings.LANGUAGE_CODE:
            return f"/{language}/"
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        from django.utils import translation

        user = context.get("user")
        language = (
            getattr(user, "preferred_language", None) or translation.get_language()
        )
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
