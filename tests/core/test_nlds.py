"""The NL Design System stylesheet: joined from the npm packages by bin/setup,
found by the static files finders, and the form markup that uses it."""

import json
from pathlib import Path

from django import forms
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest

from inspraak.core import nlds
from inspraak.core.templatetags.nlds import alert_type


def test_the_stylesheet_is_found_and_served():
    path = finders.find(nlds.STYLESHEET)
    assert path, "run bin/setup: it installs the NL Design System CSS (npm ci)"

    response = serve(
        RequestFactory().get("/static/nlds/components.css"),
        nlds.STYLESHEET,
        insecure=True,
    )

    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()
    assert css.startswith('@charset "UTF-8";')
    assert "@license EUPL-1.2" in css
    for component in (".utrecht-page-header", ".utrecht-button", ".utrecht-textbox"):
        assert component in css
    assert finders.find("css/inspraak.css")


def test_the_stylesheet_stays_small():
    # One render-blocking file: the components the pages use, not the whole library.
    assert Path(finders.find(nlds.STYLESHEET)).stat().st_size < 200_000


def fake_package(node_modules, component, css):
    folder = node_modules / "@utrecht" / f"{component}-css"
    (folder / "dist").mkdir(parents=True)
    (folder / "dist" / "index.min.css").write_text(css)
    (folder / "package.json").write_text(json.dumps({"version": "1.2.3"}))


def test_build_joins_the_components_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(nlds, "COMPONENTS", ("document", "button"))
    fake_package(tmp_path, "document", '@charset "UTF-8";.utrecht-document{}')
    fake_package(tmp_path, "button", ".utrecht-button{}")

    written = nlds.build(node_modules=tmp_path, target=tmp_path / "out")

    css = written.read_text()
    assert written.name == "components.css"
    assert css.count("@charset") == 1 and css.startswith("@charset")
    assert "@utrecht/document-css@1.2.3, @utrecht/button-css@1.2.3" in css
    assert css.index(".utrecht-document{}") < css.index(".utrecht-button{}")


def test_build_names_a_missing_package(tmp_path, monkeypatch):
    monkeypatch.setattr(nlds, "COMPONENTS", ("button",))

    with pytest.raises(FileNotFoundError, match="@utrecht/button-css"):
        nlds.build(node_modules=tmp_path, target=tmp_path / "out")


class ExampleForm(forms.Form):
    name = forms.CharField(help_text="As on your passport.")
    story = forms.CharField(widget=forms.Textarea)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    how = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField()
    file = forms.FileField(required=False)


def test_form_fields_are_nl_design_system_form_fields():
    form = ExampleForm(data={"story": "x", "kind": "a", "how": "a"})
    form.is_valid()

    html = render_to_string("components/form_fields.html", {"form": form})

    assert (
        'class="field utrecht-form-field utrecht-form-field--text field--error utrecht-form-field--invalid"'
        in html
    )
    assert '<label class="utrecht-form-label" for="id_name">' in html
    name_input = html[html.index('<input type="text" name="name"') :].split(">")[0]
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in name_input
    # Django's links from the input to its help text and its error stay.
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert 'aria-invalid="true"' in name_input
    assert (
        '<div class="field__errors" id="id_name_error"><p class="utrecht-form-field-error-message">'
        in html
    )
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert "utrecht-radio-button" not in html  # the wrapper would get it too
    assert "utrecht-fieldset" not in html and "utrecht-form-fieldset" in html
    assert "utrecht-form-field--checkbox" in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html
    file_input = html[html.index('<input type="file"') :].split(">")[0]
    assert "class=" not in file_input


@pytest.mark.parametrize(
    ("level", "alert"),
    [
        ("success", "ok"),
        ("info", "info"),
        ("debug", "info"),
        ("warning", "warning"),
        ("error", "error"),
    ],
)
def test_messages_become_alerts_of_their_kind(level, alert):
    assert alert_type(level) == alert
