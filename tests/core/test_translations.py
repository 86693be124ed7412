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
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_dutch_catalogue_is_complete(domain):
    """djangojs: the live client's texts (JavaScriptCatalog)."""
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            str(LOCALE / f"nl/LC_MESSAGES/{domain}.po"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogues_exist_for_both_languages(domain):
    assert (LOCALE / f"nl/LC_MESSAGES/{domain}.po").exists()
    assert (LOCALE / f"en/LC_MESSAGES/{domain}.po").exists()
