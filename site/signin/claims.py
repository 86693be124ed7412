"""What a sign-in through an identity provider brings, and what is dropped.

- Staff: roles follow the groups (memberships.py) and a second factor the
  provider proved (`amr`/`acr`) counts as Inspraak's own for case data.
- DigiD: the BSN proves who signs in and is never stored; the session keeps the
  name and that the person was identified with DigiD, and no account is made.
"""

from datetime import date

from django.utils import timezone

from allauth.account.internal.flows.login import record_authentication

from .models import IdentityProvider

SESSION_PROVIDER = "signin_provider"
SESSION_DIGID = "signin_digid"

# Claims that identify a resident by a national number. They are read to decide,
# then removed before anything is stored or put in the session.
NATIONAL_NUMBER_CLAIMS = ("bsn", "urn:nl:bsn", "bsn_hash", "sub_bsn")


def claims_of(sociallogin) -> dict:
    """The ID token's claims, completed by the userinfo answer."""
    data = sociallogin.account.extra_data or {}
    claims = dict(data.get("id_token") or {})
    claims.update(data.get("userinfo") or {})
    return claims


def provider_of(sociallogin) -> IdentityProvider | None:
    return (
        IdentityProvider.objects.select_related("organisation")
        .filter(slug=sociallogin.account.provider, is_active=True)
        .first()
    )


def drop_national_numbers(sociallogin) -> None:
    """Remove the BSN from everything allauth would store or pass on."""
    data = sociallogin.account.extra_data or {}
    for part in ("id_token", "userinfo"):
        for claim in NATIONAL_NUMBER_CLAIMS:
            (data.get(part) or {}).pop(claim, None)


def remember_digid(request, provider: IdentityProvider, claims: dict) -> dict:
    """Keep, for this session only, that a resident was identified with DigiD."""
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    identified = {
        "provider": provider.pk,
        "organisation": provider.organisation_id,
        "name": (name or "").strip()[:200],
        # Only a broker the municipality set up for parents' consent answers
        # "is this an adult?"; the others leave it unknown (None).
        "adult": is_adult(claims) if provider.adult_consent else None,
        "at": timezone.now().isoformat(),
    }
    request.session[SESSION_DIGID] = identified
    return identified


def is_adult(claims: dict) -> bool:
    """DigiD proves a person; a broker that passes the date of birth proves an
    adult. Without it, the broker's own assurance claim (`adult`) is used."""
    born = claims.get("birthdate")
    if born:
        try:
            day = date.fromisoformat(str(born)[:10])
        except ValueError:
            return False
        today = timezone.localdate()
        return (
            today.year - day.year - ((today.month, today.day) < (day.month, day.day))
        ) >= 18
    return claims.get("adult") is True


def digid_identification(request) -> dict | None:
    """The DigiD identification of this session, if the resident signed in."""
    return request.session.get(SESSION_DIGID)


def adult_proving_providers():
    """The DigiD brokers a parent may use to prove an adult gives consent."""
    return digid_providers().filter(adult_consent=True)


def digid_providers():
    """The municipalities' DigiD brokers that are switched on."""
    return IdentityProvider.objects.filter(
        kind=IdentityProvider.Kind.DIGID, is_active=True
    ).select_related("organisation")


def after_sign_in(request, user, sociallogin) -> None:
    provider = provider_of(sociallogin)
    if provider is None or provider.kind != IdentityProvider.Kind.STAFF:
        return
    from .memberships import follow_groups

    claims = claims_of(sociallogin)
    follow_groups(user, provider, claims)
    request.session[SESSION_PROVIDER] = provider.pk
    from .renewal import remember

    remember(request, sociallogin)
    if provider.proves_second_factor(claims):
        record_authentication(
            request,
            user,
            method="mfa",
            type="identity_provider",
            provider=provider.slug,
        )
