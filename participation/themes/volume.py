"""Volume data for `manage.py seed_volume`: the input of the open demo consultation
spread over suggested themes, one of them accepted with its draft item, as a run
would leave it (without running the clustering, which tests/bench/themes.py times)."""

from django.db.models import Max

from inspraak.pages.translation import originals

from ..demo import OPEN_SLUG
from ..models import ConsultationPage, FeedbackItem
from .editing import sync_citations
from .models import SuggestedTheme, ThemeInput, ThemeRun

THEMES = 8
BATCH = 1000


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    consultation = originals(ConsultationPage.objects.all()).get(slug=OPEN_SLUG)
    themed = ThemeInput.objects.filter(contribution__isnull=False).values(
        "contribution"
    )
    contributions = list(
        consultation.contributions.visible()
        .exclude(pk__in=themed)
        .values_list("pk", "support_count")
    )
    run = ThemeRun.objects.create(
        consultation=consultation,
        status=ThemeRun.Status.DONE,
        progress=100,
        step="done",
        input_count=len(contributions),
        theme_count=THEMES,
        started_by=person,
    )
    first = (
        SuggestedTheme.objects.filter(consultation=consultation).aggregate(
            last=Max("sort_order")
        )["last"]
        or 0
    ) + 1
    themes = SuggestedTheme.objects.bulk_create(
        SuggestedTheme(
            consultation=consultation,
            run=run,
            name=f"Thema {first + n}",
            words=["wachten", "hulp", f"woord{n}"],
            sort_order=first + n,
        )
        for n in range(THEMES)
    )
    ThemeInput.objects.bulk_create(
        (
            ThemeInput(
                theme=themes[i % THEMES],
                contribution_id=pk,
                closeness=(i % 100) / 100,
                score=(i % 100) / 100,
            )
            for i, (pk, _support) in enumerate(contributions)
        ),
        batch_size=BATCH,
    )
    accepted = themes[0]
    accepted.status = SuggestedTheme.Status.ACCEPTED
    accepted.accepted_by = person
    accepted.feedback_item = FeedbackItem.objects.create(
        consultation=consultation,
        heading=accepted.name,
        what_we_heard="Veel reacties over wachten.",
        what_we_did="",
        sort_order=1000 + first,
    )
    accepted.save()
    sync_citations(accepted)
    return {"themes": THEMES, "theme inputs": len(contributions)}
