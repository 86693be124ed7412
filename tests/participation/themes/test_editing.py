"""What the organiser does with the themes: accept (a draft item citing the
input), rename, merge, split, move, discard; nothing once feedback is published."""

from django.utils import timezone

import pytest

from participation import services
from participation.services import ParticipationError
from participation.themes import editing, runs
from participation.themes.models import SuggestedTheme, ThemeInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(themed_consultation, live_questions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        runs.start(themed_consultation, by=None, min_themes=4, max_themes=4)
    return list(
        SuggestedTheme.objects.filter(consultation=themed_consultation).order_by("pk")
    )


def cited(item):
    return set(item.contributions.values_list("pk", flat=True)), set(
        item.live_questions.values_list("pk", flat=True)
    )


def sources(theme):
    inputs = theme.inputs.all()
    return (
        set(inputs.exclude(contribution=None).values_list("contribution", flat=True)),
        set(inputs.exclude(live_question=None).values_list("live_question", flat=True)),
    )


def test_accepting_writes_a_draft_item_that_cites_the_input(themes, policy_officer):
    theme = next(t for t in themes if t.inputs.exclude(live_question=None).exists())
    item = editing.accept(theme, name="  Korter   wachten ", by=policy_officer)
    theme.refresh_from_db()
    assert theme.is_accepted and theme.accepted_by == policy_officer
    assert theme.name == item.heading == "Korter wachten"
    assert item.what_we_did == ""
    assert str(theme.inputs.count()) in item.what_we_heard
    assert cited(item) == sources(theme)
    with pytest.raises(ParticipationError):
        editing.accept(theme, name="Nog eens", by=policy_officer)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_theme_needs_a_name_of_sensible_length(themes, name):
    with pytest.raises(ParticipationError):
        editing.accept(themes[0], name=name, by=None)
    themes[0].refresh_from_db()
    assert not themes[0].is_accepted
    assert not themes[0].consultation.feedback_items.exists()


def test_renaming_an_accepted_theme_renames_its_item(themes):
    item = editing.accept(themes[0], name="Eerst", by=None)
    editing.rename(themes[0], "Daarna")
    item.refresh_from_db()
    assert item.heading == "Daarna"


def test_merging_moves_the_input_and_keeps_what_was_written(themes):
    first, second = themes[0], themes[1]
    item = editing.accept(first, name="Een", by=None)
    other = editing.accept(second, name="Twee", by=None)
    other.what_we_did = "We deden dit."
    other.save()
    both = sources(first)[0] | sources(second)[0]
    editing.merge(first, second)
    item.refresh_from_db()
    assert not SuggestedTheme.objects.filter(pk=second.pk).exists()
    assert sources(first)[0] == both == cited(item)[0]
    assert "We deden dit." in item.what_we_did
    assert not type(item).objects.filter(pk=other.pk).exists()


def test_merging_a_suggestion_into_an_accepted_theme_keeps_it_accepted(themes):
    first, second = themes[0], themes[1]
    editing.accept(second, name="Blijft", by=None)
    editing.merge(first, second)
    first.refresh_from_db()
    assert first.is_accepted and first.feedback_item.heading == first.name
    assert cited(first.feedback_item) == sources(first)


def test_a_theme_cannot_merge_with_itself(themes):
    with pytest.raises(ParticipationError):
        editing.merge(themes[0], themes[0])


def test_splitting_makes_a_second_suggestion_from_part_of_the_input(themes):
    theme = themes[0]
    before = sources(theme)[0] | sources(theme)[1]
    item = editing.accept(theme, name="Groot", by=None)
    new = editing.split(theme)
    kept, moved = sources(theme), sources(new)
    assert kept[0] | kept[1] | moved[0] | moved[1] == before
    assert moved[0] or moved[1]
    assert new.status == SuggestedTheme.Status.SUGGESTED and new.words
    assert cited(item) == kept


def test_moving_input_updates_both_citations(themes):
    source, target = themes[0], themes[1]
    editing.accept(source, name="Van", by=None)
    editing.accept(target, name="Naar", by=None)
    piece = source.inputs.first()
    editing.move(piece, target)
    piece.refresh_from_db()
    assert piece.theme == target and piece.placed_by_hand
    source.refresh_from_db()
    target.refresh_from_db()
    assert cited(source.feedback_item) == sources(source)
    assert cited(target.feedback_item) == sources(target)


def test_discarding_leaves_the_input_without_a_theme(themes):
    count = themes[0].inputs.count()
    total = ThemeInput.objects.count()
    editing.discard(themes[0])
    assert ThemeInput.objects.count() == total - count
    editing.accept(themes[1], name="Aangenomen", by=None)
    with pytest.raises(ParticipationError):
        editing.discard(themes[1])


def test_a_hidden_contribution_is_not_cited(themes):
    theme = themes[0]
    piece = theme.inputs.exclude(contribution=None).first()
    piece.contribution.hidden_at = timezone.now()
    piece.contribution.save()
    item = editing.accept(theme, name="Zonder verborgen", by=None)
    assert piece.contribution_id not in cited(item)[0]


def test_publishing_needs_we_did_and_then_locks_the_themes(themes, policy_officer):
    item = editing.accept(themes[0], name="Klaar", by=None)
    page = themes[0].consultation
    with pytest.raises(ParticipationError, match="we did|wij deden"):
        services.publish_feedback(page, by=policy_officer)
    item.what_we_did = "We hebben het geregeld."
    item.save()
    services.publish_feedback(page, by=policy_officer)
    page.refresh_from_db()
    theme = SuggestedTheme.objects.get(pk=themes[1].pk)
    for action in (
        lambda: editing.accept(theme, name="Te laat", by=None),
        lambda: editing.rename(theme, "Te laat"),
        lambda: editing.split(theme),
        lambda: editing.discard(theme),
        lambda: editing.merge(theme, themes[2]),
    ):
        with pytest.raises(ParticipationError):
            action()


def test_a_merged_theme_keeps_as_many_words_as_a_suggested_one():
    from participation.themes import suggest

    assert editing.WORDS_PER_THEME == suggest.WORDS_PER_THEME
