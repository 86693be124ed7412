"""Starting a theme suggestion and running it as a background task.

The input is what anyone can read on the consultation's page: its visible
contributions (answers and ideas) and the published questions of its live
sessions. Input already in an accepted theme stays there and is left out; the
suggested themes of the previous run are replaced.
"""

import logging
import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from ..live.models import Question
from ..models import ConsultationPage, Contribution
from ..services import ParticipationError
from .models import MAX_THEMES, MIN_THEMES, SuggestedTheme, ThemeInput, ThemeRun

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)  # a run this old was lost with its worker
CLOSENESS_WEIGHT = 0.7  # the rest of an input's rank is its support


@dataclass(frozen=True)
class Piece:
    contribution_id: int | None
    question_id: int | None
    text: str
    support: int


def unthemed_input(consultation: ConsultationPage) -> list[Piece]:
    accepted = ThemeInput.objects.filter(
        theme__consultation=consultation,
        theme__status=SuggestedTheme.Status.ACCEPTED,
    )
    contributions = (
        Contribution.objects.visible()
        .filter(consultation=consultation)
        .exclude(
            pk__in=accepted.filter(contribution__isnull=False).values("contribution")
        )
        .order_by("pk")
        .values_list("pk", "text", "support_count")
    )
    questions = (
        Question.objects.filter(
            session__consultation=consultation, status=Question.Status.PUBLISHED
        )
        .exclude(
            pk__in=accepted.filter(live_question__isnull=False).values("live_question")
        )
        .order_by("pk")
        .values_list("pk", "text", "upvotes")
    )
    return [
        *(Piece(pk, None, text, support) for pk, text, support in contributions),
        *(Piece(None, pk, text, upvotes) for pk, text, upvotes in questions),
    ]


def active_run(consultation) -> ThemeRun | None:
    return (
        ThemeRun.objects.filter(
            consultation=consultation,
            status__in=[ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING],
        )
        .order_by("-created_at")
        .first()
    )


def start(consultation, *, by, min_themes: int, max_themes: int) -> ThemeRun:
    """Queue a run; refused while one is busy or once the feedback is published."""
    if consultation.feedback_is_published:
        raise ParticipationError(
            _("The feedback is published: the themes can no longer change.")
        )
    if not (MIN_THEMES <= min_themes <= max_themes <= MAX_THEMES):
        raise ParticipationError(
            _("Choose between %(low)s and %(high)s themes, the lowest number first.")
            % {"low": MIN_THEMES, "high": MAX_THEMES}
        )
    busy = active_run(consultation)
    if busy is not None:
        if timezone.now() - busy.created_at < STALE_AFTER:
            raise ParticipationError(_("A suggestion is already being made."))
        _fail(busy, _("It took too long and was stopped."))
    run = ThemeRun.objects.create(
        consultation=consultation,
        started_by=by,
        min_themes=min_themes,
        max_themes=max_themes,
    )
    transaction.on_commit(lambda: suggest_themes.enqueue(run.pk))
    return run


def _fail(run: ThemeRun, message: str) -> None:
    ThemeRun.objects.filter(pk=run.pk).update(
        status=ThemeRun.Status.FAILED, error=message[:500], finished_at=timezone.now()
    )


def rank_score(closeness: float, support: int, most_support: int) -> float:
    """Closeness to the theme's centre first, support second (0..1)."""
    support_part = (
        math.log1p(support) / math.log1p(most_support) if most_support > 0 else 0.0
    )
    return CLOSENESS_WEIGHT * closeness + (1 - CLOSENESS_WEIGHT) * support_part


def default_name(words: list[str]) -> str:
    if not words:
        return _("Theme without clear words")
    return ", ".join(words[:3]).capitalize()


@task(backend="heavy")
def suggest_themes(run_id: int) -> None:
    """The background task: compute and store the suggested themes of one run."""
    run = ThemeRun.objects.select_related("consultation").filter(pk=run_id).first()
    if run is None or run.status != ThemeRun.Status.QUEUED:
        return
    ThemeRun.objects.filter(pk=run.pk).update(
        status=ThemeRun.Status.RUNNING, started_at=timezone.now(), progress=1
    )

    def progress(percent: int, step: str) -> None:
        ThemeRun.objects.filter(pk=run.pk).update(progress=percent, step=step)

    # scikit-learn is imported here, in the worker, not by every web process.
    from . import suggest as suggestion

    pieces = unthemed_input(run.consultation)
    try:
        found = suggestion.suggest(
            [piece.text for piece in pieces],
            min_themes=run.min_themes,
            max_themes=run.max_themes,
            progress=progress,
        )
    except suggestion.TooLittleInput:
        _fail(
            run,
            _(
                "There is too little input without a theme: at least %(count)s "
                "contributions or questions are needed."
            )
            % {"count": suggestion.MIN_INPUT},
        )
        return
    except Exception:
        logger.exception("Theme suggestion run %s failed", run.pk)
        _fail(run, _("Something went wrong. Try again later."))
        return
    store(run, pieces, found)


@transaction.atomic
def store(run: ThemeRun, pieces: list[Piece], found) -> None:
    consultation = run.consultation
    SuggestedTheme.objects.filter(
        consultation=consultation, status=SuggestedTheme.Status.SUGGESTED
    ).delete()
    first_order = (
        SuggestedTheme.objects.filter(consultation=consultation).count() + 1
    ) * 10
    most_support = max((piece.support for piece in pieces), default=0)
    inputs = []
    for number, theme in enumerate(found.themes):
        row = SuggestedTheme.objects.create(
            consultation=consultation,
            run=run,
            name=default_name(theme.words),
            words=theme.words,
            sort_order=first_order + number,
        )
        for index, closeness in theme.members:
            piece = pieces[index]
            inputs.append(
                ThemeInput(
                    theme=row,
                    contribution_id=piece.contribution_id,
                    live_question_id=piece.question_id,
                    closeness=closeness,
                    score=rank_score(closeness, piece.support, most_support),
                )
            )
    ThemeInput.objects.bulk_create(inputs, batch_size=1000)
    ThemeRun.objects.filter(pk=run.pk).update(
        status=ThemeRun.Status.DONE,
        progress=100,
        step="done",
        input_count=len(pieces),
        theme_count=len(found.themes),
        quality=found.silhouette,
        finished_at=timezone.now(),
    )
