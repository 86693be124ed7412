"""Words normalised for Dutch and English: what the theme suggestion counts.

A text is lower-cased and split into words; its language is guessed from the
stop words it uses (Dutch unless it uses clearly more English ones); stop words of
both languages are dropped and the rest is stemmed with that language's Snowball
stemmer, so that "wachten", "wachtte" and "wacht" count as one word. The stop word
lists are data: data/stopwords_nl.txt and scikit-learn's English list.
"""

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

DATA = Path(__file__).resolve().parent / "data"
WORD = re.compile(r"[a-zà-öø-ÿ]+(?:'[a-z]+)?")
LINK = re.compile(r"https?://\S+|www\.\S+")
MIN_WORD = 3


@cache
def dutch_stop_words() -> frozenset[str]:
    lines = (DATA / "stopwords_nl.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def stop_words() -> frozenset[str]:
    return dutch_stop_words() | ENGLISH_STOP_WORDS


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def words(text: str) -> list[str]:
    """The lower-case words of `text`, links left out."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return WORD.findall(LINK.sub(" ", text))


def language(tokens: list[str]) -> str:
    """ "english" when the text uses more English than Dutch stop words."""
    dutch = sum(token in dutch_stop_words() for token in tokens)
    english = sum(token in ENGLISH_STOP_WORDS for token in tokens)
    return "english" if english > dutch else "dutch"


def stems(text: str, surface: dict[str, Counter] | None = None) -> list[str]:
    """The stemmed content words of `text`. When `surface` is given, it counts
    which written word each stem came from (to show a readable word later)."""
    tokens = words(text)
    stemmer = _stemmer(language(tokens))
    skip = stop_words()
    found = []
    for token in tokens:
        if len(token) < MIN_WORD or token in skip:
            continue
        stem = stemmer.stemWord(token)
        found.append(stem)
        if surface is not None:
            surface.setdefault(stem, Counter())[token] += 1
    return found


def plain(text: str) -> str:
    """The text as the character n-grams see it: lower case, words only."""
    return " ".join(words(text))


# Corpus-level normalisation: what one text cannot tell, the others can. -------

COMMON = 3  # a word this frequent is trusted as spelled right
PART = 2  # a compound part must occur this often on its own
MIN_PART = 3


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def fold_typos(documents: list[list[str]]) -> list[list[str]]:
    """Rare words one typo away from a common word become that word
    ("wachtijd" -> "wachttijd"): a SymSpell-style index of single deletions, so
    the cost grows with the number of words, not its square."""
    frequency = Counter(word for document in documents for word in document)
    index: dict[str, str] = {}
    for word, count in frequency.most_common():
        if count < COMMON:
            break
        for variant in {word} | _deletions(word):
            index.setdefault(variant, word)
    fixed: dict[str, str] = {}
    for word, count in frequency.items():
        if count >= COMMON or len(word) < 5:
            continue
        for variant in [word, *sorted(_deletions(word))]:
            match = index.get(variant)
            if match is not None and match != word:
                fixed[word] = match
                break
    return [[fixed.get(word, word) for word in document] for document in documents]


def split_compounds(documents: list[list[str]]) -> list[list[str]]:
    """Dutch glues words together ("wachtlijst", "reiskosten"): a word whose two
    halves both occur on their own also counts as those halves (the linking -s-
    dropped)."""
    frequency = Counter(word for document in documents for word in set(document))
    parts: dict[str, list[str]] = {}
    for word in frequency:
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if tail.startswith("s") and frequency.get(tail[1:], 0) >= PART:
                tail = tail[1:]
            if frequency.get(head, 0) >= PART and frequency.get(tail, 0) >= PART:
                parts[word] = [head, tail]
                break
    return [
        [piece for word in document for piece in [word, *parts.get(word, [])]]
        for document in documents
    ]
