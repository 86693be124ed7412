"""Suggested themes for a list of short texts, offline, with scikit-learn.

How (the choice was measured on a labelled Dutch test set, docs/themes.md):
1. Two TF-IDF views of each text: its stemmed content words (text.py) and the
   character n-grams of its words, which survive typos ("wachtijd").
2. Latent semantic analysis: both views side by side, reduced with a truncated
   SVD and normalised, so that texts sharing no literal word can still be close.
3. k-means for every number of themes between the organiser's bounds; the number
   with the best silhouette (cosine) wins.
4. Per theme: the characteristic words (stems that weigh more in the theme than
   overall, shown as the word people wrote most) and each text's closeness (cosine
   to the theme's centre).

Pure functions of the texts: no database, no network, no model to download. The
same input and seed give the same themes.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import hstack
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from . import text as textlib

MIN_INPUT = 10  # fewer texts than this make no themes worth reading
SVD_COMPONENTS = 30
SILHOUETTE_SAMPLE = 2000
WORDS_PER_THEME = 6
SEED = 0

Progress = Callable[[int, str], None]


class TooLittleInput(ValueError):
    pass


@dataclass
class FoundTheme:
    words: list[str]
    # (index into the input, closeness 0..1), closest first
    members: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class Suggestion:
    themes: list[FoundTheme]
    silhouette: float
    scores: dict[int, float]  # silhouette per number of themes tried


def _quiet(percent: int, step: str) -> None:
    pass


def vectorise(texts: Sequence[str]):
    """The LSA space of the texts, the word TF-IDF matrix, its stems and the
    written word per stem."""
    surface: dict[str, Counter] = {}
    stemmed = textlib.split_compounds(
        textlib.fold_typos([textlib.stems(t, surface) for t in texts])
    )
    word_vectoriser = TfidfVectorizer(
        analyzer=lambda tokens: tokens, min_df=2, sublinear_tf=True
    )
    try:
        word_matrix = word_vectoriser.fit_transform(stemmed)
    except ValueError:  # no word occurs twice
        word_vectoriser = TfidfVectorizer(analyzer=lambda tokens: tokens)
        word_matrix = word_vectoriser.fit_transform([s or ["_"] for s in stemmed])
    char_matrix = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True
    ).fit_transform([textlib.plain(t) or "_" for t in texts])
    combined = hstack([word_matrix, char_matrix]).tocsr()
    components = max(2, min(SVD_COMPONENTS, combined.shape[1] - 1, len(texts) - 1))
    reduced = TruncatedSVD(components, random_state=SEED).fit_transform(combined)
    return (
        normalize(reduced),
        word_matrix,
        word_vectoriser.get_feature_names_out(),
        {stem: counts.most_common(1)[0][0] for stem, counts in surface.items()},
    )


def cluster(space, k: int):
    model = KMeans(n_clusters=k, n_init=4, random_state=SEED).fit(space)
    return model.labels_, model.cluster_centers_


def quality(space, labels) -> float:
    if len(set(labels)) < 2:
        return -1.0
    sample = min(SILHOUETTE_SAMPLE, len(labels))
    return float(
        silhouette_score(
            space, labels, metric="cosine", sample_size=sample, random_state=SEED
        )
    )


def characteristic_words(word_matrix, labels, label, stems, surface) -> list[str]:
    inside = np.asarray(word_matrix[labels == label].mean(axis=0)).ravel()
    overall = np.asarray(word_matrix.mean(axis=0)).ravel()
    lift = inside - overall
    found = []
    for index in np.argsort(-lift):
        if lift[index] <= 0 or len(found) == WORDS_PER_THEME:
            break
        word = surface.get(stems[index], stems[index])
        if word not in found:
            found.append(word)
    return found


def suggest(
    texts: Sequence[str],
    *,
    min_themes: int,
    max_themes: int,
    progress: Progress = _quiet,
) -> Suggestion:
    """Themes for `texts`, between `min_themes` and `max_themes` of them (fewer
    when there is too little input for the lower bound)."""
    if len(texts) < MIN_INPUT:
        raise TooLittleInput(len(texts))
    progress(5, "words")
    space, word_matrix, stems, surface = vectorise(texts)
    highest = min(max_themes, len(texts) // 3)
    lowest = min(min_themes, highest)
    tried = list(range(max(2, lowest), max(2, highest) + 1))
    scores: dict[int, float] = {}
    best = None
    for number, k in enumerate(tried, start=1):
        labels, centres = cluster(space, k)
        scores[k] = quality(space, labels)
        if best is None or scores[k] > scores[best[0]]:
            best = (k, labels, centres)
        progress(10 + 80 * number // len(tried), "themes")
    k, labels, centres = best
    centres = normalize(centres)
    closeness = np.clip(np.einsum("ij,ij->i", space, centres[labels]), 0.0, 1.0)
    themes = []
    for label in range(k):
        indexes = np.flatnonzero(labels == label)
        if not len(indexes):
            continue
        members = sorted(
            ((int(i), float(closeness[i])) for i in indexes), key=lambda m: -m[1]
        )
        words = characteristic_words(word_matrix, labels, label, stems, surface)
        themes.append(FoundTheme(words=words, members=members))
    themes.sort(key=lambda theme: -len(theme.members))
    progress(95, "saving")
    return Suggestion(themes=themes, silhouette=scores[k], scores=scores)


def split(texts: Sequence[str]) -> tuple[list[list[int]], list[list[str]]]:
    """Two groups of `texts` (indexes) and their characteristic words, for
    splitting one theme in two."""
    if len(texts) < 2:
        raise TooLittleInput(len(texts))
    space, word_matrix, stems, surface = vectorise(texts)
    labels, _centres = cluster(space, 2)
    groups = [[int(i) for i in np.flatnonzero(labels == label)] for label in (0, 1)]
    words = [
        characteristic_words(word_matrix, labels, label, stems, surface)
        for label in (0, 1)
    ]
    return groups, words
