from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import GroupRole, IdentityProvider


class GroupRoleInline(admin.TabularInline):
    model = GroupRole
    extra = 1


class IdentityProviderForm(forms.ModelForm):
    """The secret is never shown again; left empty on a change, it stays."""

    class Meta:
        model = IdentityProvider
        fields = [
            "organisation",
            "kind",
            "name",
            "slug",
            "is_active",
            "issuer",
            "client_id",
            "client_secret",
            "email_domains",
            "groups_claim",
            "second_factor_amr",
            "second_factor_acr",
            "adult_consent",
        ]
        widgets = {"client_secret": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["client_secret"].required = False
            self.fields["client_secret"].help_text = _(
                "Stored. Leave empty to keep it; type a new one to replace it."
            )

    def clean_client_secret(self):
        secret = self.cleaned_data.get("client_secret")
        if not secret and self.instance.pk:
            return self.instance.client_secret
        return secret


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ["name", "organisation", "kind", "issuer", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "organisation__name", "email_domains"]
    autocomplete_fields = ["organisation"]
    inlines = [GroupRoleInline]
    fieldsets = [
        (None, {"fields": ["organisation", "kind", "name", "slug", "is_active"]}),
        (
            "OpenID Connect",
            {"fields": ["issuer", "client_id", "client_secret"]},
        ),
        (
            None,
            {
                "fields": [
                    "email_domains",
                    "groups_claim",
                    "second_factor_amr",
                    "second_factor_acr",
                    "adult_consent",
                ]
            },
        ),
    ]
