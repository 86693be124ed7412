"""The consultations' live period from their live sessions (participation/live/
period.py), replacing the dates editors typed in by hand."""

import datetime

from django.db import migrations
from django.db.models import Max, Min, Q
from django.utils import timezone


def live_period_from_sessions(apps, schema_editor):
    ConsultationPage = apps.get_model("participation", "ConsultationPage")
    LiveSession = apps.get_model("live", "LiveSession")
    for page in ConsultationPage.objects.only("pk", "translation_key"):
        figures = LiveSession.objects.filter(
            consultation__translation_key=page.translation_key
        ).aggregate(
            first=Min("starts_at"),
            last_end=Max("ends_at"),
            last_open=Max("starts_at", filter=Q(ends_at__isnull=True)),
        )
        ends = [figures["last_end"]]
        if figures["last_open"] is not None:
            day = timezone.localdate(figures["last_open"]) + datetime.timedelta(days=1)
            ends.append(timezone.make_aware(datetime.datetime.combine(day, datetime.time())))
        ends = [end for end in ends if end is not None]
        ConsultationPage.objects.filter(pk=page.pk).update(
            live_starts_at=figures["first"],
            live_ends_at=max(ends) if figures["first"] and ends else None,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0005_question_merged_into"),
        ("participation", "0004_live_period_follows_sessions"),
    ]

    operations = [
        migrations.RunPython(live_period_from_sessions, migrations.RunPython.noop)
    ]
