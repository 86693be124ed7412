"""Store the decision deadline of every existing case, through the one function that
stores it (complaints.case_deadlines.refresh_deadline)."""

from django.db import migrations

from complaints.case_deadlines import refresh_stored_deadlines


def fill_deadlines(apps, schema_editor):
    Case = apps.get_model("complaints", "Case")
    AtwExtraDay = apps.get_model("complaints", "AtwExtraDay")
    extra_days = frozenset(AtwExtraDay.objects.values_list("day", flat=True))
    refresh_stored_deadlines(Case.objects.all(), extra_days=extra_days)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_case_deadline"),
    ]

    operations = [
        migrations.RunPython(fill_deadlines, migrations.RunPython.noop),
    ]
