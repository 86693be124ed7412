"""Volume data for `manage.py seed_volume`: contributions to the open demo
consultation with supports and reports, and a person's own contributions.

Rows are made with bulk_create but keep what the services keep: `support_count`
equals the supports stored, one support and one report per person."""

from datetime import timedelta

from django.utils import timezone

from inspraak.pages.translation import originals

from .demo import OPEN_SLUG
from .models import (
    ConsultationPage,
    Contribution,
    ContributionReport,
    Support,
)

BATCH = 1000


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    consultation = originals(ConsultationPage.objects.all()).get(slug=OPEN_SLUG)
    questions = list(consultation.questions.values_list("pk", flat=True)) or [None]
    now = timezone.now()
    supports_each = [i % 3 for i in range(rows)]  # 0, 1 or 2 supports
    mine = [int(i < person_rows) for i in range(rows)]  # the person's support
    contributions = Contribution.objects.bulk_create(
        (
            Contribution(
                consultation=consultation,
                question_id=questions[i % len(questions)],
                nickname=f"Deelnemer {i}",
                participant_key=f"volume-{i}",
                text=f"Bijdrage {i}: wat ik vind van deze raadpleging.",
                created_at=now - timedelta(minutes=rows - i),
                support_count=supports_each[i] + mine[i],
            )
            for i in range(rows)
        ),
        batch_size=BATCH,
    )
    supports = [
        Support(
            contribution=contribution,
            participant_key=f"volume-supporter-{k}",
            created_at=now,
        )
        for contribution, n in zip(contributions, supports_each, strict=True)
        for k in range(n)
    ]
    # The person supports the first contributions (one each, as the service allows).
    supports += [
        Support(contribution=contribution, user=person, created_at=now)
        for contribution in contributions[:person_rows]
    ]
    Support.objects.bulk_create(supports, batch_size=BATCH)
    reports = ContributionReport.objects.bulk_create(
        (
            ContributionReport(
                contribution=contribution,
                reason=ContributionReport.Reason.choices[i % 4][0],
                participant_key=f"volume-reporter-{i}",
                resolved_at=now if i % 2 else None,
            )
            for i, contribution in enumerate(contributions)
            if i % 10 == 0
        ),
        batch_size=BATCH,
    )
    own = Contribution.objects.bulk_create(
        (
            Contribution(
                consultation=consultation,
                question_id=questions[i % len(questions)],
                nickname=person.display_name or "Ik",
                user=person,
                text=f"Mijn bijdrage {i}.",
                created_at=now - timedelta(minutes=i),
            )
            for i in range(person_rows)
        ),
        batch_size=BATCH,
    )
    return {
        "contributions": len(contributions) + len(own),
        "supports": len(supports),
        "reports": len(reports),
    }
