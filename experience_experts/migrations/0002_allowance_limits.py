"""The Belastingdienst's volunteer-allowance limits for 2023–2025 (docs/domain.md).
2026 is left out on purpose: its figures are not verified, so statements for 2026
say the limits are missing instead of guessing."""

from decimal import Decimal

from django.db import migrations

LIMITS = {
    # year: (per hour 21+, per hour under 21, per month, per year)
    2023: ("5.00", "2.75", "190", "1900"),
    2024: ("5.50", "3.25", "210", "2100"),
    2025: ("5.60", "3.30", "210", "2100"),
}


def fill(apps, schema_editor):
    AllowanceLimits = apps.get_model("experience_experts", "AllowanceLimits")
    for year, (hourly, hourly_young, monthly, yearly) in LIMITS.items():
        AllowanceLimits.objects.update_or_create(
            year=year,
            defaults={
                "hourly_21_plus": Decimal(hourly),
                "hourly_under_21": Decimal(hourly_young),
                "monthly": Decimal(monthly),
                "yearly": Decimal(yearly),
            },
        )


def empty(apps, schema_editor):
    AllowanceLimits = apps.get_model("experience_experts", "AllowanceLimits")
    AllowanceLimits.objects.filter(year__in=LIMITS).delete()


class Migration(migrations.Migration):
    dependencies = [("experience_experts", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]
