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

# Pages of the newest-first list up to this deep are read without numpy (`engine.newest_page`): the app's
# first rows at 100,000 articles no longer wait for numpy's import and full sort (~155 ms CPU). Deeper
# pages take the engine's full order, sorted once per open reader.
ROWS_WITHOUT_NUMPY = 1_000


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
        if wanted is not None and wanted <= ROWS_WITHOUT_NUMPY:
            docnums: Sequence[int] = engine.newest_page(searcher, wanted)
        else:
            docnums = engine.newest_first(searcher)  # kept per open searcher
        return [searcher.stored_fields(int(docnum)) for docnum in docnums[offset:wanted]]
    results = searcher.search(Every(), limit=wanted, **sort_args(sort))
    return [hit.fields() for hit in results[offset:wanted]]


def articles_with_entity(searcher: Searcher, key: str, limit: int | None) -> list[Stored]:
    """Stored fields of the articles mentioning the entity `key`, newest first."""
    return [hit.fields() for hit in searcher.search(Term(f.ENTITY, key), limit=limit, **sort_args("date"))]


def similar_candidates(searcher: Searcher, keys: Iterable[str], limit: int) -> list[Stored]:
    """Stored fields of the articles sharing a MinHash band key with `keys`, most shared first."""
    return [hit.fields() for hit in searcher.search(Or([Term(f.SIMILAR, k) for k in keys]), limit=limit)]
