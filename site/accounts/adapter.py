from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's e-mail in the person's own language."""

    def send_mail(self, template_prefix, email, context):
        from django.utils import translation

        user = context.get("user")
        language = (
            getattr(user, "preferred_language", None) or translation.get_language()
        )
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
