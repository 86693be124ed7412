"""A theme suggestion run: the input it reads, the themes it stores, and what a
second run keeps. Tasks run at once in the tests (the immediate backend)."""

from django.utils import timezone

import pytest
from sklearn.metrics import adjusted_rand_score

from participation.services import ParticipationError
from participation.themes import editing, runs
from participation.themes.models import SuggestedTheme, ThemeInput, ThemeRun

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def start(page, user=None, low=2, high=6):
    return runs.start(page, by=user, min_themes=low, max_themes=high)


def test_a_run_finds_the_four_themes_and_cites_every_piece(
    themed_consultation, live_questions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = start(themed_consultation, low=4, high=4)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.DONE
    assert run.progress == 100
    assert run.input_count == 40 + 2  # the pending live question is not input
    themes = list(SuggestedTheme.objects.filter(consultation=themed_consultation))
    assert len(themes) == run.theme_count == 4
    inputs = ThemeInput.objects.filter(theme__consultation=themed_consultation)
    assert inputs.count() == 42
    assert not inputs.filter(live_question=live_questions[2]).exists()
    # The corpus is clean enough for the themes to follow its labels closely.
    truth, found = [], []
    for theme in themes:
        assert theme.words and theme.name
        for piece in theme.inputs.filter(contribution__isnull=False):
            truth.append(next(k for k, group in CORPUS.items() if piece.text in group))
            found.append(theme.pk)
    assert adjusted_rand_score(truth, found) >= 0.5


def test_scores_rank_closeness_first_then_support(themed_consultation):
    assert runs.rank_score(1.0, 0, 10) == pytest.approx(0.7)
    assert runs.rank_score(0.5, 10, 10) == pytest.approx(0.65)
    assert runs.rank_score(0.5, 0, 0) == pytest.approx(0.35)


def test_too_little_input_fails_with_a_message(
    make_consultation, make_contribution, django_capture_on_commit_callbacks
):
    page = make_consultation("past")
    for text in ["Korter wachten", "Meer geld"]:
        make_contribution(page, text=text)
    with django_capture_on_commit_callbacks(execute=True):
        run = start(page)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.FAILED
    assert "10" in run.error
    assert not SuggestedTheme.objects.filter(consultation=page).exists()


@pytest.mark.parametrize("low,high", [(1, 5), (5, 4), (3, 21)])
def test_bounds_outside_the_range_are_refused(themed_consultation, low, high):
    with pytest.raises(ParticipationError):
        start(themed_consultation, low=low, high=high)
    assert not ThemeRun.objects.exists()


def test_one_run_at_a_time_but_a_lost_run_does_not_block(themed_consultation):
    first = start(themed_consultation)  # on_commit never runs: it stays queued
    with pytest.raises(ParticipationError):
        start(themed_consultation)
    ThemeRun.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - runs.STALE_AFTER * 2
    )
    second = start(themed_consultation)
    first.refresh_from_db()
    assert first.status == ThemeRun.Status.FAILED
    assert second.status == ThemeRun.Status.QUEUED


def test_a_second_run_keeps_accepted_themes_and_replaces_suggestions(
    themed_consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(themed_consultation)
    kept = SuggestedTheme.objects.filter(consultation=themed_consultation).first()
    kept_inputs = set(kept.inputs.values_list("pk", flat=True))
    editing.accept(kept, name="Eigen naam", by=None)
    with django_capture_on_commit_callbacks(execute=True):
        second = start(themed_consultation)
    second.refresh_from_db()
    assert second.status == ThemeRun.Status.DONE
    assert second.input_count == 40 - len(kept_inputs)
    kept.refresh_from_db()
    assert kept.is_accepted and kept.name == "Eigen naam"
    assert set(kept.inputs.values_list("pk", flat=True)) == kept_inputs
    suggested = SuggestedTheme.objects.filter(
        consultation=themed_consultation, status=SuggestedTheme.Status.SUGGESTED
    )
    assert suggested.exists()
    assert set(suggested.values_list("run", flat=True)) == {second.pk}
    # Every contribution is in exactly one theme.
    assert (
        ThemeInput.objects.filter(theme__consultation=themed_consultation).count() == 40
    )


def test_hidden_contributions_are_not_input(
    themed_consultation, django_capture_on_commit_callbacks
):
    themed_consultation.contributions.filter(text__startswith="Ik stond").update(
        hidden_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = start(themed_consultation)
    run.refresh_from_db()
    assert run.input_count == 39


def test_no_run_once_the_feedback_is_published(themed_consultation):
    themed_consultation.feedback_published_at = timezone.now()
    with pytest.raises(ParticipationError):
        start(themed_consultation)
