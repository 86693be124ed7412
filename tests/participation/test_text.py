"""User text is stored as clean plain text."""

import pytest

from participation.text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  hallo  ", "hallo"),
        ("a\x00b\x07c", "abc"),
        ("regel 1\r\nregel 2", "regel 1\nregel 2"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("stil\u200bwoord", "stilwoord"),
        ("abc\u202edcba", "abcdcba"),  # no right-to-left override tricks
        ("<b>vet</b> & <3", "<b>vet</b> & <3"),  # kept as text, escaped on output
        ("veel     spaties\tzo", "veel spaties zo"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_single_line_text_has_no_line_breaks():
    assert clean_text("Sam\nvan\rhier", multiline=False) == "Sam van hier"
