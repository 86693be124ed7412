"""The quality of the suggested themes on the labelled Dutch test set
(labelled_nl.tsv: 375 texts by young people and parents in 8 themes, with typos,
slang and some English). The figure itself is printed by tests/bench/themes.py;
this test keeps a lower bound so that a change cannot silently ruin it."""

from sklearn.metrics import adjusted_rand_score

from participation.themes import suggest
from tests.bench.themes import labelled, product_labels

# Measured 0.161 (k-means in the LSA space, 10 themes by silhouette) on
# 2026-11-30; see docs/themes.md for why the goal of 0.5 is out of reach of
# word-counting methods on this set.
LOWER_BOUND = 0.13


def test_the_labelled_set_is_what_the_issue_asks_for():
    truth, texts = labelled()
    assert len(texts) >= 300
    assert 6 <= len(set(truth)) <= 10
    assert len(set(texts)) == len(texts)


def test_suggested_themes_keep_their_measured_quality():
    truth, texts = labelled()
    labels, found = product_labels(texts)
    assert 3 <= len(found.themes) <= 10
    assert adjusted_rand_score(truth, labels) >= LOWER_BOUND


def test_the_same_input_gives_the_same_themes():
    _truth, texts = labelled()
    first = suggest.suggest(texts[:120], min_themes=3, max_themes=6)
    second = suggest.suggest(texts[:120], min_themes=3, max_themes=6)
    assert [t.members for t in first.themes] == [t.members for t in second.themes]
