from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ParentalConsent, User


class ParentalConsentInline(admin.StackedInline):
    """Read-only: only the parent changes consent, through their link."""

    model = ParentalConsent
    can_delete = False
    extra = 0
    max_num = 0
    fields = readonly_fields = [
        "status",
        "parent_email",
        "requested_at",
        "reminded_at",
        "given_at",
        "refused_at",
        "withdrawn_at",
        "ended_at",
    ]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [ParentalConsentInline]

    def delete_queryset(self, request, queryset):
        # One by one, so each deletion goes through the privacy registry.
        for user in queryset:
            user.delete()

    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Personal details"),
            {"fields": ["display_name", "preferred_language", "date_of_birth"]},
        ),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "display_name", "password1", "password2"],
            },
        ),
    ]
