"""factory_boy factories for the models every app leans on."""

import factory
from allauth.account.models import EmailAddress

from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation, Role
from inspraak.signin.models import IdentityProvider

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    display_name = factory.Faker("first_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Verified e-mail unless verified=False is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email.lower(), verified=True, primary=True
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"gemeente-test-{n}")
    kind = Organisation.Kind.MUNICIPALITY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_HANDLER


class IdentityProviderFactory(factory.django.DjangoModelFactory):
    """An organisation's staff sign-in, switched on, at an address where nothing
    answers (tests that need a real provider start one: tests/oidc)."""

    class Meta:
        model = IdentityProvider

    organisation = factory.SubFactory(OrganisationFactory)
    kind = IdentityProvider.Kind.STAFF
    slug = factory.Sequence(lambda n: f"aanbieder-{n}")
    name = factory.Sequence(lambda n: f"Organisatie-account {n}")
    issuer = "http://127.0.0.1:9/"
    client_id = "inspraak"
    client_secret = "geheim"
    email_domains = factory.Sequence(lambda n: f"organisatie{n}.test")
    is_active = True
