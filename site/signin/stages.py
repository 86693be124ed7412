"""allauth's step that asks for the authenticator app after signing in, skipped
when the organisation's identity provider proved a second factor itself."""

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from .claims import claims_of, provider_of


def second_factor_proved(login) -> bool:
    sociallogin = (login.signal_kwargs or {}).get("sociallogin")
    if sociallogin is None:
        return False
    provider = provider_of(sociallogin)
    return provider is not None and provider.proves_second_factor(
        claims_of(sociallogin)
    )


class AuthenticateStage(AllauthAuthenticateStage):
    def _should_handle(self, request) -> bool:
        if second_factor_proved(self.login):
            return False
        return super()._should_handle(request)
