"""The Whoosh queries the Library needs besides a user's query text: pages of the whole library, one
entity's articles, near-duplicate candidates, and the sort orders. Kept here so the facade
(`search.library`) speaks only in plain values and never builds a Whoosh query itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from whoosh.query import Every, Or, Term
from whoosh.searching import Searcher

from search import engine
from search import fields as f
from search.facets import newest_first

Sort = Literal["relevance", "date", "title"]
Stored = dict[str, Any]

__all__ = ["Searcher", "Sort", "articles_with_entity", "page", "similar_candidates", "sort_args"]

# Up to this many documents (deleted ones included) the list's newest-first order is sorted here in plain
# Python, so opening a small library and painting its first rows never loads numpy (importing it took
# ~120 ms CPU, ~10% of the app's start). Plain Python costs ~3.8 us a document (382 ms at 100,000, where
# numpy's import and sort take ~165 ms): ~40 ms at this size, still below numpy's import.
SMALL_INDEX_DOCUMENTS = 10_000
UNDATED = 2**64 - 1  # what the `published` column holds for an article without a date


def sort_args(sort: Sort) -> dict[str, Any]:
    """What Whoosh's `search()` needs to give `sort`'s order (relevance: nothing)."""
    if sort == "date":
        return {"sortedby": newest_first(), "reverse": True}
    if sort == "title":
        return {"sortedby": f.TITLE_SORT}
    return {}


def page(searcher: Searcher, sort: Sort, offset: int, wanted: int | None) -> list[Stored]:
    """Stored fields of a page of the whole library in `sort`'s order."""
    if sort == "date":  # the list's usual order
        if searcher.doc_count_all() <= SMALL_INDEX_DOCUMENTS:
            docnums: Sequence[int] = small_newest_first(searcher)
        else:
            docnums = engine.newest_first(searcher)  # kept per open searcher
        return [searcher.stored_fields(int(docnum)) for docnum in docnums[offset:wanted]]
    results = searcher.search(Every(), limit=wanted, **sort_args(sort))
    return [hit.fields() for hit in results[offset:wanted]]


def small_newest_first(searcher: Searcher) -> list[int]:
    """Every live document number in the engine's `newest_first` order (newest publication date first,
    undated last, later-indexed first among equal dates), read through Whoosh's public column API."""
    keyed: list[tuple[int, int]] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        column = reader.column_reader(f.PUBLISHED, translate=False) if reader.has_column(f.PUBLISHED) else None
        for docnum in reader.all_doc_ids():
            value = UNDATED if column is None else column[docnum]
            keyed.append((-1 if value == UNDATED else value, docnum + offset))
    keyed.sort(reverse=True)
    return [docnum for _, docnum in keyed]


def articles_with_entity(searcher: Searcher, key: str, limit: int | None) -> list[Stored]:
    """Stored fields of the articles mentioning the entity `key`, newest first."""
    return [hit.fields() for hit in searcher.search(Term(f.ENTITY, key), limit=limit, **sort_args("date"))]


def similar_candidates(searcher: Searcher, keys: Iterable[str], limit: int) -> list[Stored]:
    """Stored fields of the articles sharing a MinHash band key with `keys`, most shared first."""
    return [hit.fields() for hit in searcher.search(Or([Term(f.SIMILAR, k) for k in keys]), limit=limit)]
