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


@pytest.mark.parametrize(
    "raw",
    ["  twee  spaties ", "Sam", "eyJhIjoxfQ:1t2u3v:abc-DEF_ghi", "a  b", " ", "x\x7fy"],
)
def test_plain_ascii_takes_the_short_way_to_the_same_result(raw, monkeypatch):
    from participation import text

    quick = clean_text(raw)
    # The long way: the same text, not ASCII, and the extra character removed.
    monkeypatch.setattr(text, "_INVISIBLE", {**text._INVISIBLE, ord("€"): None})
    assert clean_text(raw + "€") == quick
