"""One voice: Inspraak addresses everyone with "je" in Dutch, in its own text and
in the messages of Django that people meet (site/core/voice.py)."""

import gettext
import re
from pathlib import Path

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.utils import translation

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/nl/LC_MESSAGES/django.mo"
FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


def test_our_dutch_never_says_u():
    with CATALOGUE.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    formal = {
        str(msgid): text
        for msgid, text in catalogue.items()
        if msgid and FORMAL.search(text)
    }
    assert formal == {}


@pytest.mark.parametrize(
    "validator",
    [
        MinimumLengthValidator(),
        UserAttributeSimilarityValidator(),
        CommonPasswordValidator(),
        NumericPasswordValidator(),
    ],
)
def test_djangos_password_rules_say_je(validator):
    with translation.override("nl"):
        text = str(validator.get_help_text())
    assert text.startswith("Je wachtwoord"), text
    assert not FORMAL.search(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("nl", "Account maken"), ("en", "Create account")]
)
def test_making_an_account_has_one_name(client, language, words):
    """The header's link and allauth's own page say the same."""
    prefix = "" if language == "nl" else "/en"
    html = client.get(f"{prefix}/accounts/signup/").content.decode()
    assert html.count(words) >= 2  # the header link and the page's heading
    for other in ("Registreren", "Sign Up", "Signup", "sign up"):
        assert other not in html
