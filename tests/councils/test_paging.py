"""Pages read from the nearer end of a list (councils.paging): every slice a
Paginator asks for gives the same rows as slicing the whole list would."""

import pytest

from councils.models import Theme
from councils.paging import ChainedLists, IndexedList

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(db):
    for number in range(7):
        Theme.objects.create(name=f"Thema {number}", slug=f"thema-{number}")
    return Theme.objects.order_by("-name", "-pk")


def test_every_slice_matches_the_whole_list(themes):
    whole = list(themes)
    listed = IndexedList(themes, len(whole))

    for start in range(len(whole) + 1):
        for stop in range(start, len(whole) + 2):
            assert listed[start:stop] == whole[start:stop], (start, stop)


def test_chained_lists_read_on_from_one_into_the_next(themes):
    first = themes.filter(slug__in=["thema-6", "thema-5", "thema-4"])
    second = themes.exclude(pk__in=first.values("pk"))
    chained = ChainedLists(IndexedList(first, 3), IndexedList(second, 4))
    whole = list(first) + list(second)

    assert chained.count() == 7
    for start in range(8):
        for stop in range(start, 9):
            assert chained[start:stop] == whole[start:stop], (start, stop)


def test_an_empty_list_reads_nothing(themes, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert IndexedList(themes.none(), 0)[0:20] == []
