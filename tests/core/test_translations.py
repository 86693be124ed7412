"""Dutch is the default language: every string must have a Dutch translation.
English is the source language of the messages, so en.po may stay empty."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.skipif(
    not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed"
)
def test_dutch_catalogue_is_complete():
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            str(LOCALE / "nl/LC_MESSAGES/django.po"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_catalogues_exist_for_both_languages():
    assert (LOCALE / "nl/LC_MESSAGES/django.po").exists()
    assert (LOCALE / "en/LC_MESSAGES/django.po").exists()
