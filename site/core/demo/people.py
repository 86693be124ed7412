"""The demo's organisations and accounts: one account per role, with memberships,
two-step verification for case handlers and an under-16 waiting for a parent's
consent."""

from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator

from inspraak.accounts.consent import start_consent
from inspraak.accounts.models import User
from inspraak.core.dates import anniversary
from inspraak.organisations.models import Membership, Organisation, Role

DEMO_PASSWORD = "inspraak-demo"
# Two-step verification secret of the demo case handlers and confidential adviser
# (add it to any authenticator app). Demo only: seed_demo refuses to run in production.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

ORGANISATIONS = [
    ("Gemeente Voorstad", "gemeente-voorstad", Organisation.Kind.MUNICIPALITY),
    ("Gemeente Noorddorp", "gemeente-noorddorp", Organisation.Kind.MUNICIPALITY),
    (
        "Jeugdzorgregio Midden-Voorland",
        "regio-midden-voorland",
        Organisation.Kind.REGION,
    ),
    ("Jeugdhulp De Brug", "jeugdhulp-de-brug", Organisation.Kind.PROVIDER),
    (
        "Vertrouwenspersonen Jeugd",
        "vertrouwenspersonen-jeugd",
        Organisation.Kind.INDEPENDENT,
    ),
]

# e-mail, display name, what the account is for, memberships (organisation slug, role)
ACCOUNTS = [
    ("beheer@inspraak.test", "Beheerder", "platform administrator (superuser)", []),
    (
        "beleid@voorstad.test",
        "Fatima (beleid Voorstad)",
        "policy officer, Gemeente Voorstad",
        [
            ("gemeente-voorstad", Role.POLICY),
            ("gemeente-voorstad", Role.ADVICE_RESPONDER),
        ],
    ),
    (
        "inkoop@midden-voorland.test",
        "Joris (inkoop regio)",
        "procurement officer, region",
        [("regio-midden-voorland", Role.PROCUREMENT)],
    ),
    (
        "klachten@voorstad.test",
        "Sanne (klachten Voorstad)",
        "complaint handler, Gemeente Voorstad",
        [("gemeente-voorstad", Role.CASE_HANDLER)],
    ),
    (
        "klachten@noorddorp.test",
        "Joost (klachten Noorddorp)",
        "complaint handler, Gemeente Noorddorp",
        [("gemeente-noorddorp", Role.CASE_HANDLER)],
    ),
    (
        "beleid@noorddorp.test",
        "Ruben (beleid Noorddorp)",
        'policy officer, Gemeente Noorddorp (organises "Veilig online")',
        [("gemeente-noorddorp", Role.POLICY)],
    ),
    (
        "klachten@debrug.test",
        "Ahmed (klachten De Brug)",
        "complaint handler, provider",
        [
            ("jeugdhulp-de-brug", Role.CASE_HANDLER),
            ("jeugdhulp-de-brug", Role.ADVICE_RESPONDER),
        ],
    ),
    (
        "vertrouwenspersoon@jeugd.test",
        "Lotte (vertrouwenspersoon)",
        "confidential adviser",
        [("vertrouwenspersonen-jeugd", Role.CONFIDENTIAL_ADVISER)],
    ),
    (
        "moderator@voorstad.test",
        "Mo (moderator)",
        "live-session moderator, Gemeente Voorstad",
        [("gemeente-voorstad", Role.MODERATOR)],
    ),
    ("raadslid@jongerenraad.test", "Noor (jongerenraad)", "youth council member", []),
    (
        "voorzitter@jongerenraad.test",
        "Amira (voorzitter jongerenraad)",
        "chair of the youth council (adopts advice)",
        [],
    ),
    (
        "clientenraad@debrug.test",
        "Henk (voorzitter cliëntenraad)",
        "chair of the client council of De Brug",
        [],
    ),
    (
        "directie@debrug.test",
        "Directie De Brug",
        "answers advice for Jeugdhulp De Brug",
        [("jeugdhulp-de-brug", Role.ADVICE_RESPONDER)],
    ),
    (
        "ervaringsdeskundige@inspraak.test",
        "Sam (ervaringsdeskundige)",
        "experience expert",
        [],
    ),
    ("jongere@inspraak.test", "Daan (17)", "young person", []),
    (
        "jonger@inspraak.test",
        "Noa (14)",
        "young person under 16, waiting for a parent's consent",
        [],
    ),
    ("lina@inspraak.test", "Lina (19)", "expert under 21 (volunteer)", []),
    ("fleur@inspraak.test", "Fleur (zzp)", "expert, freelancer (invoices)", []),
    ("ravi@inspraak.test", "Ravi", "expert, tie with a bidder", []),
]
UNDER_16 = "jonger@inspraak.test"


def seed_organisations() -> dict[str, Organisation]:
    """The demo organisations by slug; the region has both municipalities."""
    organisations = {}
    for name, slug, kind in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "email": f"info@{slug}.test"},
        )
        organisations[slug] = organisation
    region = organisations["regio-midden-voorland"]
    region.member_municipalities.add(
        organisations["gemeente-voorstad"], organisations["gemeente-noorddorp"]
    )
    region.save()
    return organisations


def seed_accounts(organisations: dict[str, Organisation]) -> None:
    for email, name, _purpose, memberships in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            is_admin = email.startswith("beheer@")
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                display_name=name,
                is_staff=is_admin or bool(memberships),
                is_superuser=is_admin,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for slug, role in memberships:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[slug], role=role
            )
        needs_mfa = {Role.CASE_HANDLER, Role.CONFIDENTIAL_ADVISER} & {
            role for _slug, role in memberships
        }
        if needs_mfa and not user.authenticator_set.filter(type="totp").exists():
            # Case handlers must use two-step verification; the demo gives them
            # a known secret (printed below) instead of a phone.
            _activate_totp(user, DEMO_TOTP_SECRET)
        if email == UNDER_16 and not hasattr(user, "parental_consent"):
            today = timezone.localdate()
            user.date_of_birth = anniversary(today.replace(day=1), -14)
            user.save(update_fields=["date_of_birth"])
            # As if the request went out: the demo sends no mail.
            consent = start_consent(user, "ouder@inspraak.test")
            consent.requested_at = timezone.now()
            consent.save(update_fields=["requested_at"])


def _activate_totp(user: User, secret: str) -> None:
    """A TOTP authenticator with a known secret, made as allauth's documentation
    does when it migrates keys from django-allauth-2fa (the model and the MFA
    adapter's `encrypt`; allauth has no public function to activate TOTP without a
    request): https://docs.allauth.org/en/latest/mfa/django-allauth-2fa.html"""
    Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.TOTP,
        data={"secret": get_mfa_adapter().encrypt(secret)},
    )
