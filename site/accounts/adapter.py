from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse

from . import ratelimit
from .consent import send_request


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's e-mail in the person's own language. After sign-in people
    land on their start page in the language they were using: LOGIN_REDIRECT_URL
    is a URL name, reversed in the active language (an explicit `next` wins)."""

    def get_login_stages(self):
        # A second factor proved by an organisation's identity provider counts:
        # no code from the app on top (inspraak.signin.stages).
        return [
            "inspraak.signin.stages.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def get_logout_redirect_url(self, request):
        # Signed in through an organisation's provider: end that session too.
        from inspraak.signin.logout import end_session_url

        return end_session_url(request) or super().get_logout_redirect_url(request)

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        consent = getattr(email_address.user, "parental_consent", None)
        if (
            confirmed
            and consent is not None
            and consent.status == consent.Status.PENDING
            and consent.requested_at is None
        ):
            # Only now that the young person's own address is real do we write to
            # the parent (see SignupForm.signup).
            send_request(consent)
        return confirmed

    def pre_authenticate(self, request, **credentials):
        # Instead of allauth's count per account from anywhere, which lets anyone
        # lock a handler out (see ratelimit.py); super() is not called on purpose.
        login = credentials.get("email") or credentials.get("username") or ""
        self._sign_in_attempt = ratelimit.count_attempt(request, login)
        if self._sign_in_attempt.refused:
            from .views import too_many_requests

            raise ImmediateHttpResponse(
                too_many_requests(
                    request, self._sign_in_attempt.wait, failed_sign_ins=True
                )
            )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        attempt = getattr(self, "_sign_in_attempt", None)
        if user is not None and attempt is not None:
            # The right password: this attempt was no failure.
            attempt.take_back()
        return user

    def send_mail(self, template_prefix, email, context):
        from django.utils import translation

        user = context.get("user")
        language = (
            getattr(user, "preferred_language", None) or translation.get_language()
        )
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
