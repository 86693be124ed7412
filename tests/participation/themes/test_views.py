"""The theme workspace over HTTP: who gets in, the progress, the actions and the
messages for bad input."""

from django.urls import reverse

import pytest

from participation.themes import runs
from participation.themes.models import SuggestedTheme, ThemeRun

from ..conftest import said

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, policy_officer):
    client.force_login(policy_officer)
    return client


def url(name, *args):
    return reverse(f"participation:themes:{name}", args=args)


def test_only_the_organisers_get_in(
    client, themed_consultation, moderator, user_factory
):
    workspace = url("workspace", themed_consultation.pk)
    assert client.get(workspace).status_code == 302  # to the login
    client.force_login(moderator)  # moderates, but does not organise
    assert client.get(workspace).status_code == 403
    client.force_login(user_factory())
    assert client.get(workspace).status_code == 403
    assert client.post(url("start", themed_consultation.pk)).status_code == 403


def test_the_empty_workspace_says_what_to_do(organiser_client, themed_consultation):
    response = organiser_client.get(url("workspace", themed_consultation.pk))
    assert response.status_code == 200
    assert said(response, "No suggestions. Start a suggestion above.", "Start")
    assert organiser_client.get(url("progress", themed_consultation.pk)).json() == {
        "status": None
    }


def test_a_queued_run_shows_its_progress(organiser_client, themed_consultation):
    run = runs.start(themed_consultation, by=None, min_themes=3, max_themes=5)
    ThemeRun.objects.filter(pk=run.pk).update(
        status=ThemeRun.Status.RUNNING, progress=42, step="themes"
    )
    response = organiser_client.get(url("workspace", themed_consultation.pk))
    html = response.content.decode()
    assert 'id="run-progress-bar"' in html and 'value="42"' in html
    assert "start-form" not in html
    state = organiser_client.get(url("progress", themed_consultation.pk)).json()
    assert state["status"] == "running" and state["progress"] == 42
    assert state["step"] in ("Looking for themes", "Thema's zoeken")


def test_starting_runs_and_lists_the_themes(
    organiser_client, themed_consultation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            url("start", themed_consultation.pk),
            {"min_themes": 4, "max_themes": 4},
        )
    assert response.status_code == 302
    page = organiser_client.get(url("workspace", themed_consultation.pk))
    assert page.content.decode().count('class="theme-card') == 4
    assert 'id="run-done"' in page.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"min_themes": 5, "max_themes": 3},
        {"min_themes": 1, "max_themes": 3},
        {"min_themes": "veel", "max_themes": 3},
        {"min_themes": 3, "max_themes": 10**30},
        {},
    ],
)
def test_bad_bounds_get_a_message(organiser_client, themed_consultation, data):
    response = organiser_client.post(url("start", themed_consultation.pk), data)
    assert response.status_code == 422
    assert 'class="field__errors"' in response.content.decode() or (
        'class="form-errors"' in response.content.decode()
    )
    assert not ThemeRun.objects.exists()


@pytest.fixture
def themes(organiser_client, themed_consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            url("start", themed_consultation.pk), {"min_themes": 4, "max_themes": 4}
        )
    return list(SuggestedTheme.objects.order_by("pk"))


def test_accept_rename_merge_split_and_discard(organiser_client, themes):
    first, second, third, fourth = themes
    post = organiser_client.post
    assert post(url("change", first.pk), {"action": "accept", "name": "Wachten"})
    first.refresh_from_db()
    assert first.is_accepted and first.feedback_item.heading == "Wachten"
    post(url("change", first.pk), {"action": "rename", "name": "Korter wachten"})
    post(url("change", second.pk), {"action": "merge", "into": third.pk})
    assert not SuggestedTheme.objects.filter(pk=second.pk).exists()
    post(url("change", third.pk), {"action": "split"})
    assert SuggestedTheme.objects.count() == 4
    post(url("change", fourth.pk), {"action": "discard"})
    assert not SuggestedTheme.objects.filter(pk=fourth.pk).exists()
    first.refresh_from_db()
    assert first.name == "Korter wachten"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "accept", "name": ""},
        {"action": "accept", "name": "x" * 500},
        {"action": "merge", "into": "abc"},
        {"action": "merge", "into": 10**30},
        {"action": "explode"},
        {},
    ],
)
def test_bad_actions_get_a_message_and_change_nothing(organiser_client, themes, data):
    response = organiser_client.post(url("change", themes[0].pk), data, follow=True)
    assert response.status_code == 200
    assert 'class="message message--error"' in response.content.decode()
    assert SuggestedTheme.objects.count() == 4
    assert not SuggestedTheme.objects.filter(status="accepted").exists()


def test_a_theme_of_another_organisation_is_out_of_reach(
    client, themes, user_factory, membership_factory, organisation_factory
):
    stranger = user_factory()
    membership_factory(
        user=stranger, organisation=organisation_factory(), role="policy"
    )
    client.force_login(stranger)
    theme = themes[0]
    assert client.get(url("change", theme.pk)).status_code == 403
    assert (
        client.post(url("change", theme.pk), {"action": "discard"}).status_code == 403
    )
    piece = theme.inputs.first()
    assert client.post(url("move", piece.pk), {"to": themes[1].pk}).status_code == 403
    assert client.get(url("write", theme.pk)).status_code == 403
    assert SuggestedTheme.objects.filter(pk=theme.pk).exists()


def test_the_theme_page_pages_its_input_and_moves_it(organiser_client, themes):
    theme = themes[0]
    response = organiser_client.get(url("change", theme.pk))
    assert response.status_code == 200
    assert (
        organiser_client.get(url("change", theme.pk) + "?page=999").status_code == 200
    )
    piece = theme.inputs.first()
    organiser_client.post(url("move", piece.pk), {"to": themes[1].pk})
    piece.refresh_from_db()
    assert piece.theme_id == themes[1].pk and piece.placed_by_hand
    response = organiser_client.post(url("move", piece.pk), {"to": "x"}, follow=True)
    assert response.status_code == 200
    piece.refresh_from_db()
    assert piece.theme_id == themes[1].pk


def test_writing_we_did(organiser_client, themes):
    theme = themes[0]
    assert (
        organiser_client.get(url("write", theme.pk)).status_code == 302
    )  # accept first
    organiser_client.post(url("change", theme.pk), {"action": "accept", "name": "A"})
    assert organiser_client.get(url("write", theme.pk)).status_code == 200
    response = organiser_client.post(
        url("write", theme.pk),
        {"heading": "A", "what_we_heard": "", "what_we_did": "Gedaan"},
    )
    assert response.status_code == 422  # "you said" is required
    response = organiser_client.post(
        url("write", theme.pk),
        {"heading": "A", "what_we_heard": "Jullie zeiden", "what_we_did": "Gedaan"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.feedback_item.what_we_did == "Gedaan"
