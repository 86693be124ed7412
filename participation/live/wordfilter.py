"""Which questions a moderator sees first, also in a session where questions appear
at once (post-moderation): a question with a word of the maintained lists
(data/blocked_words_nl.txt, data/blocked_words_en.txt) or of the session's own
words, or with an e-mail address or phone number in it (young people are asked not
to share them). The question is held, not refused: a moderator approves or rejects
it, and the participant is told kindly why it waits.

Matching is on whole words after folding case and accents and the usual letter
swaps (k4nker, sh1t): "kut" holds "KUT!" but not "kuthoek". A phrase matches as
its words in a row.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LISTS = ("blocked_words_nl.txt", "blocked_words_en.txt")

WORDS = "words"  # a word of a list or of the session
CONTACT = "contact"  # an e-mail address or phone number

SWAPS = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
    }
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Dutch mobile and landline numbers, with or without +31, spaces or dashes.
PHONE = re.compile(r"(?:\+31|0031|\b0)[\s-]*(?:\d[\s-]*){9}\b")


def fold(text: str) -> str:
    """Lower case, no accents, digits and signs read as the letters they stand for."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(SWAPS)


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z]+", fold(text))


def parse(lines) -> frozenset[tuple[str, ...]]:
    """Phrases as tuples of words, from lines of text; '#' starts a comment."""
    phrases = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        words = tuple(words_of(line))
        if words:
            phrases.add(words)
    return frozenset(phrases)


@functools.cache
def default_phrases() -> frozenset[tuple[str, ...]]:
    lines = []
    for name in LISTS:
        lines += (DATA / name).read_text(encoding="utf-8").splitlines()
    return parse(lines)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(
        tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1)
    )


def reason_to_hold(text: str, own_words: str = "") -> str | None:
    """WORDS or CONTACT when a moderator should see `text` first, else None.
    `own_words`: the session's own words, one per line or separated by commas."""
    if EMAIL.search(text) or PHONE.search(text):
        return CONTACT
    words = words_of(text)
    phrases = default_phrases() | parse(
        (own_words or "").replace(",", "\n").splitlines()
    )
    if any(_contains(words, phrase) for phrase in phrases):
        return WORDS
    return None
