"""The theme benchmark (issue 18): quality on the labelled Dutch test set and the
time for 10,000 contributions.

    .venv/bin/python -m tests.bench.themes [--count 10000]

Quality: the adjusted Rand index (ARI) of the suggested themes against the labels
of tests/participation/themes/labelled_nl.tsv, for the product's own choice
(k-means in the LSA space, the number of themes by silhouette between 3 and 10)
and, beside it, for NMF and agglomerative (Ward) clustering at the same number of
themes and at the true number (8). Time: `suggest()` on `--count` texts made by
joining two random texts of the labelled set and adding a typo, as one process
that does nothing else. Nothing here asserts; tests/participation/themes/
test_quality.py asserts a lower bound of the product's ARI.
"""

import argparse
import os
import random
import resource
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspraak.settings")
django.setup()

from sklearn.cluster import AgglomerativeClustering  # noqa: E402
from sklearn.decomposition import NMF  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from participation.themes import suggest, text  # noqa: E402

LABELLED = (
    Path(__file__).resolve().parents[1] / "participation" / "themes" / "labelled_nl.tsv"
)


def labelled() -> tuple[list[str], list[str]]:
    lines = LABELLED.read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t", 1) for line in lines if line.strip()]
    return [label for label, _ in rows], [body for _, body in rows]


def product_labels(texts, low=3, high=10):
    found = suggest.suggest(texts, min_themes=low, max_themes=high)
    labels = [0] * len(texts)
    for number, theme in enumerate(found.themes):
        for index, _closeness in theme.members:
            labels[index] = number
    return labels, found


def other_methods(texts, k: int) -> dict[str, list[int]]:
    space = suggest.vectorise(texts)[0]
    words = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True)
    matrix = words.fit_transform([text.stems(body) for body in texts])
    nmf = NMF(k, init="nndsvda", random_state=0, max_iter=500).fit_transform(matrix)
    return {
        "k-means (LSA)": list(suggest.cluster(space, k)[0]),
        "NMF (word TF-IDF)": list(nmf.argmax(axis=1)),
        "agglomerative Ward (LSA)": list(
            AgglomerativeClustering(k, linkage="ward").fit_predict(space)
        ),
    }


def typo(body: str, rng: random.Random) -> str:
    if len(body) < 10:
        return body
    at = rng.randrange(1, len(body) - 1)
    return body[:at] + body[at + 1 :]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    truth, texts = labelled()
    print(f"Labelled set: {len(texts)} texts in {len(set(truth))} themes")
    started = time.perf_counter()
    labels, found = product_labels(texts)
    took = time.perf_counter() - started
    chosen = len(found.themes)
    print(
        f"Product (k-means, silhouette chose {chosen} themes): "
        f"ARI {adjusted_rand_score(truth, labels):.3f} in {took:.2f} s"
    )
    print(
        "Silhouette per number of themes:",
        {k: round(v, 3) for k, v in found.scores.items()},
    )
    for k in sorted({chosen, len(set(truth))}):
        for name, predicted in other_methods(texts, k).items():
            print(
                f"  {name}, {k} themes: ARI {adjusted_rand_score(truth, predicted):.3f}"
            )

    rng = random.Random(0)
    many = [
        typo(f"{rng.choice(texts)} {rng.choice(texts)}", rng) for _ in range(args.count)
    ]
    steps = []
    started = time.perf_counter()
    found = suggest.suggest(
        many,
        min_themes=3,
        max_themes=10,
        progress=lambda percent, step: steps.append((percent, time.perf_counter())),
    )
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.count:,} contributions: {took:.1f} s, {len(found.themes)} themes, "
        f"peak memory {peak:.0f} MiB (goal: under 60 s)"
    )


if __name__ == "__main__":
    main()
