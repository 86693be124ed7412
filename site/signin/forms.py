from django import forms
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from .models import IdentityProvider


class DiscoveryForm(BoundedForm):
    """Type your work address; we find your organisation's sign-in."""

    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        domain = email.rpartition("@")[2].lower()
        for provider in IdentityProvider.objects.filter(
            kind=IdentityProvider.Kind.STAFF, is_active=True
        ).select_related("organisation"):
            if domain in provider.domains:
                self.provider = provider
                return email
        raise forms.ValidationError(
            _(
                "No organisation signs in with %(domain)s addresses here. Sign in "
                "with your e-mail address and password instead, or ask your "
                "organisation's administrator."
            ),
            params={"domain": "@" + domain},
        )
