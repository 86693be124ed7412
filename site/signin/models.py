"""Identity providers that people sign in with through OpenID Connect.

One row is one registration of Inspraak at an organisation's identity provider:
staff single sign-on (Entra ID, Keycloak, ADFS) or a DigiD broker for residents.
django-allauth's generic `openid_connect` provider does the protocol; the adapter
(adapter.py) offers it an app for each active row, so this table is the one place
where providers are configured.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspraak.organisations.models import Organisation, Role

# The `amr` values (RFC 8176) that prove a second factor, and that Entra ID,
# Keycloak and ADFS send after one.
DEFAULT_SECOND_FACTOR_AMR = "mfa otp hwk swk sms fpt face"

DOMAIN_RE = r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"


class IdentityProvider(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff: the organisation's own accounts")
        DIGID = "digid", _("Residents: DigiD through a broker")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="identity_providers",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_(
            "Part of the redirect URI you register at the provider: "
            "/accounts/oidc/<short name>/login/callback/"
        ),
    )
    name = models.CharField(
        _("name on the sign-in button"),
        max_length=100,
        help_text=_("For example: Gemeente Voorstad-account."),
    )
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "The provider's issuer URL; its /.well-known/openid-configuration is read."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500)
    email_domains = models.TextField(
        _("allowed e-mail domains"),
        blank=True,
        help_text=_(
            "Staff only. One domain per line, e.g. voorstad.nl. Only addresses in "
            "these domains may sign in, and typing such an address on the sign-in "
            "page leads to this provider."
        ),
    )
    groups_claim = models.CharField(
        _("claim with the groups"),
        max_length=100,
        default="groups",
        help_text=_("Staff only. Entra ID and Keycloak call it 'groups'."),
    )
    second_factor_amr = models.CharField(
        _("amr values that prove a second factor"),
        max_length=200,
        default=DEFAULT_SECOND_FACTOR_AMR,
        blank=True,
        help_text=_("Separated by spaces. Leave empty to always ask Inspraak's own."),
    )
    second_factor_acr = models.CharField(
        _("acr values that prove a second factor"),
        max_length=300,
        blank=True,
        help_text=_("Separated by spaces, for a provider that sends acr instead."),
    )
    adult_consent = models.BooleanField(
        _("parents may give consent with it"),
        default=False,
        help_text=_(
            "DigiD only. A parent confirming consent for a child under 16 may sign "
            "in with DigiD, which proves an adult."
        ),
    )
    is_active = models.BooleanField(_("active"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["organisation__name", "kind", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def domains(self) -> list[str]:
        return parse_domains(self.email_domains)

    def accepts_email(self, email: str) -> bool:
        domain = (email or "").rpartition("@")[2].strip().lower()
        return bool(domain) and domain in self.domains

    def proves_second_factor(self, claims: dict) -> bool:
        """Whether the sign-in's `amr` or `acr` claim shows a second factor."""
        amr = claims.get("amr") or []
        if isinstance(amr, str):
            amr = amr.split()
        if set(amr) & set(self.second_factor_amr.split()):
            return True
        acr = claims.get("acr")
        return bool(acr) and acr in self.second_factor_acr.split()

    def roles_for(self, claims: dict) -> set[str]:
        """The roles the groups in `claims` map to in this organisation."""
        groups = claims.get(self.groups_claim) or []
        if isinstance(groups, str):
            groups = [groups]
        groups = {str(group) for group in groups}
        return {
            mapping.role
            for mapping in self.group_roles.all()
            if mapping.group in groups
        }

    def clean(self):
        super().clean()
        if self.kind == self.Kind.STAFF and not self.domains:
            raise ValidationError(
                {
                    "email_domains": _(
                        "Give at least one e-mail domain: without one, nobody can "
                        "sign in with this provider."
                    )
                }
            )
        if self.kind == self.Kind.STAFF and self.adult_consent:
            raise ValidationError(
                {"adult_consent": _("Only a DigiD provider proves an adult.")}
            )
        if self.kind == self.Kind.STAFF and self.is_active:
            taken = (
                IdentityProvider.objects.filter(kind=self.Kind.STAFF, is_active=True)
                .exclude(pk=self.pk)
                .only("email_domains", "name")
            )
            for other in taken:
                shared = set(self.domains) & set(other.domains)
                if shared:
                    raise ValidationError(
                        {
                            "email_domains": _(
                                "%(domain)s already leads to %(other)s. A domain "
                                "can lead to one provider only."
                            )
                            % {"domain": sorted(shared)[0], "other": other.name}
                        }
                    )


def parse_domains(text: str) -> list[str]:
    """The domains in `text` (one per line, commas and spaces also separate),
    lower case; raises ValidationError on anything that is not a domain."""
    validate = RegexValidator(DOMAIN_RE)
    domains = []
    for part in (text or "").replace(",", " ").split():
        domain = part.strip().lower().lstrip("@")
        try:
            validate(domain)
        except ValidationError:
            raise ValidationError(
                _("%(domain)s is not an e-mail domain such as voorstad.nl.")
                % {"domain": part[:80]}
            ) from None
        if domain not in domains:
            domains.append(domain)
    return domains


def validate_domains(text: str) -> None:
    parse_domains(text)


IdentityProvider._meta.get_field("email_domains").validators.append(validate_domains)


class GroupRole(models.Model):
    """A group at the identity provider that brings a role in the organisation."""

    provider = models.ForeignKey(
        IdentityProvider,
        on_delete=models.CASCADE,
        related_name="group_roles",
        verbose_name=_("identity provider"),
    )
    group = models.CharField(
        _("group"),
        max_length=200,
        help_text=_("The group's name or id as the provider sends it."),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("group and role")
        verbose_name_plural = _("groups and roles")
        ordering = ["group", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "group", "role"], name="unique_group_role"
            )
        ]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"


class Deactivation(models.Model):
    """An account switched off because its identity provider said it no longer
    exists (renewal.py). A later sign-in through that provider switches it on."""

    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="signin_deactivation",
        verbose_name=_("person"),
    )
    provider = models.ForeignKey(
        IdentityProvider,
        on_delete=models.CASCADE,
        related_name="deactivations",
        verbose_name=_("identity provider"),
    )
    at = models.DateTimeField(_("switched off at"), auto_now=True)

    class Meta:
        verbose_name = _("account switched off by its provider")
        verbose_name_plural = _("accounts switched off by their provider")

    def __str__(self):
        return f"{self.user} · {self.provider}"
