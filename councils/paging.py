"""Pages of long, ordered lists of advice without a deep OFFSET.

Django's Paginator slices what it is given. Given an `IndexedList`, a slice in the
second half of the list is read from its other end: the same query in reverse
order with a small OFFSET (an index serves both directions), then turned around.
So the last page costs what the first does, and the middle at most half a scan.
The page's keys are found first, on the narrow rows the index holds, and then only
those rows are read whole (a "deferred join"): the database never sorts or skips
thousands of wide rows. The count is passed in, so it can come from a query that
counts more (the tracker's counts per status) instead of a count query of its own."""

from django.db.models import QuerySet


class IndexedList:
    """`count` rows of `queryset`, which must have a total order (end in the key)."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("IndexedList is only sliced (by a Paginator).")
        start, stop, _ = index.indices(self._count)
        if stop <= start:
            return []
        keys = self.queryset.values_list("pk", flat=True)
        if start <= self._count - stop:
            keys = list(keys[start:stop])
        else:
            keys = list(keys.reverse()[self._count - stop : self._count - start])
        # In the queryset's own order, with its annotations and related rows.
        return list(self.queryset.filter(pk__in=keys))


class ChainedLists:
    """Several IndexedLists read as one list, the first one's rows first."""

    def __init__(self, *parts: IndexedList):
        self.parts = parts

    def count(self) -> int:
        return sum(part.count() for part in self.parts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("ChainedLists is only sliced (by a Paginator).")
        start, stop, _ = index.indices(self.count())
        rows, offset = [], 0
        for part in self.parts:
            size = part.count()
            if start < offset + size and stop > offset:
                rows.extend(part[max(start - offset, 0) : stop - offset])
            offset += size
        return rows
