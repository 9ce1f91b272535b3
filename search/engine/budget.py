"""Search under a time budget, newest documents first (a 20-30 ms budget keeps
the keystroke path quick at 50k articles, where a common word costs ~270 ms in Whoosh).

Whoosh walks postings in document-number order, so a plain time limit returns the *oldest* matches.
Here the index is cut into slices of document numbers and searched newest slice first (documents
are numbered in the order they were indexed, so the newest slice holds the latest additions); each
slice is a complete Whoosh search, and the per-slice top hits are merged exactly as Whoosh orders
them (score, then lower document number; or the sort key). The first slice always runs; a later one
runs when it should fit in what is left of the budget (judged by the slice before it).

When every slice ran, the hits are the exact top N. Whoosh's own whole-index search can differ for
AND of multi-field words: its matcher replacement (see _RangeMatcher) mis-scores some documents
(100k synthetic, "minister AND treaty": one scored 29.81 instead of its 33.27, so ranked 4th, not 1st).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh.matching import Matcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query import Query
from whoosh.query.wrappers import WrappingQuery
from whoosh.searching import Results, Searcher

SLICE_DOCS = 8192  # documents per slice: ~5-25 ms of postings traversal for a common word at 100k


class _RangeMatcher(WrappingMatcher):
    """The child's matches with lo <= docnum < hi (segment-relative numbers)."""

    def __init__(self, child: Matcher, lo: int, hi: int) -> None:
        super().__init__(child)
        self._lo, self._hi = lo, hi
        if child.is_active() and child.id() < lo:
            child.skip_to(lo)

    def copy(self) -> _RangeMatcher:
        return _RangeMatcher(self.child.copy(), self._lo, self._hi)

    def is_active(self) -> bool:
        return self.child.is_active() and self.child.id() < self._hi

    def all_ids(self) -> Iterator[int]:
        child, hi = self.child, self._hi
        while child.is_active():
            docnum = child.id()
            if docnum >= hi:
                return
            yield docnum
            child.next()

    def next(self) -> Any:
        return self.child.next()

    def skip_to(self, target: int) -> Any:
        return self.child.skip_to(target)

    # Whoosh's shortcuts for top-N searches (swapping in cheaper matchers, e.g. a union for an
    # and-maybe, once a minimum score is known; skipping low-quality blocks) mis-score documents of
    # AND queries, worse when started part-way into the postings; every match in a slice is scored
    # in full instead: exact, ~1.5x the work of a whole-index search, and the budget bounds it.
    def replace(self, minquality: float = 0) -> _RangeMatcher:
        return self

    def supports_block_quality(self) -> bool:
        return False


class _DocRange(WrappingQuery):
    """`child` restricted to global document numbers [lo, hi)."""

    def __init__(self, child: Query, lo: int, hi: int, offsets: dict[int, int]) -> None:
        super().__init__(child)
        self.lo, self.hi, self.offsets = lo, hi, offsets

    def _rewrap(self, child: Query) -> _DocRange:
        return _DocRange(child, self.lo, self.hi, self.offsets)

    def matcher(self, searcher: Searcher, context: Any = None) -> Matcher:
        offset = self.offsets.get(id(searcher), 0)
        return _RangeMatcher(self.child.matcher(searcher, context), self.lo - offset, self.hi - offset)


@dataclass
class Budgeted:
    """Merged slices: Whoosh Results for the hits, plus what a caller needs to report totals."""

    results: Results
    complete: bool
    counted: int  # matches seen in the slices searched (exact when every slice computed its count)
    exact: bool
    groups: dict[str, Counter[Any]] = field(default_factory=dict)


class _Facets:
    """What `read_facets` reads (`.groups(name)`), merged over slices."""

    def __init__(self, groups: dict[str, Counter[Any]]) -> None:
        self._groups = groups

    def groups(self, name: str) -> dict[Any, int]:
        if name not in self._groups:
            raise KeyError(name)
        return dict(self._groups[name])


def search_newest_first(
    searcher: Searcher,
    query: Query,
    *,
    limit: int,
    budget_s: float,
    kwargs: dict[str, Any],
    started: float | None = None,
) -> Budgeted:
    """Slices newest first until the budget (counted from `started`) is spent; see the module doc."""
    started = time.perf_counter() if started is None else started
    offsets = {id(sub): offset for sub, offset in searcher.leaf_searchers()}
    maxdoc = searcher.reader().doc_count_all()
    sorted_by = "sortedby" in kwargs and kwargs["sortedby"] is not None
    reverse = bool(kwargs.get("reverse", False))
    items: list[tuple[Any, int]] = []
    groups: dict[str, Counter[Any]] = {}
    counted, exact, complete = 0, True, True
    hi = maxdoc
    while hi > 0:
        lo = max(0, hi - SLICE_DOCS)
        slice_started = time.perf_counter()
        part = searcher.search(_DocRange(query, lo, hi, offsets), limit=limit, **kwargs)
        if part.has_exact_length():
            counted += len(part)
        else:
            exact = False
            counted += part.scored_length()
        items.extend(part.top_n)
        for name in kwargs.get("groupedby") or ():
            groups.setdefault(name, Counter()).update(part.groups(name))
        hi = lo
        now = time.perf_counter()
        if hi > 0 and now - started + (now - slice_started) > budget_s:  # the next slice would not fit
            complete = False
            break
    if sorted_by:
        items.sort(reverse=reverse)
    else:  # TopCollector's order: higher score first, then lower document number
        items.sort(key=lambda item: (-item[0], item[1]))
    results = Results(searcher, query, items[:limit])
    return Budgeted(results, complete, counted, exact and complete, groups)


def facets_view(found: Budgeted) -> _Facets:
    return _Facets(found.groups)
