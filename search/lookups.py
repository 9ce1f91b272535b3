"""The Whoosh queries the Library needs besides a user's query text: pages of the whole library, one
entity's articles, near-duplicate candidates, and the sort orders. Kept here so the facade
(`search.library`) speaks only in plain values and never builds a Whoosh query itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from whoosh.query import Every, Or, Term
from whoosh.searching import Searcher

from search import fields as f
from search.engine import newest_first as newest_docnums
from search.facets import newest_first

Sort = Literal["relevance", "date", "title"]
Stored = dict[str, Any]

__all__ = ["Searcher", "Sort", "articles_with_entity", "page", "similar_candidates", "sort_args"]


def sort_args(sort: Sort) -> dict[str, Any]:
    """What Whoosh's `search()` needs to give `sort`'s order (relevance: nothing)."""
    if sort == "date":
        return {"sortedby": newest_first(), "reverse": True}
    if sort == "title":
        return {"sortedby": f.TITLE_SORT}
    return {}


def page(searcher: Searcher, sort: Sort, offset: int, wanted: int | None) -> list[Stored]:
    """Stored fields of a page of the whole library in `sort`'s order."""
    if sort == "date":  # the list's usual order, kept per open searcher
        return [searcher.stored_fields(int(docnum)) for docnum in newest_docnums(searcher)[offset:wanted]]
    results = searcher.search(Every(), limit=wanted, **sort_args(sort))
    return [hit.fields() for hit in results[offset:wanted]]


def articles_with_entity(searcher: Searcher, key: str, limit: int | None) -> list[Stored]:
    """Stored fields of the articles mentioning the entity `key`, newest first."""
    return [hit.fields() for hit in searcher.search(Term(f.ENTITY, key), limit=limit, **sort_args("date"))]


def similar_candidates(searcher: Searcher, keys: Iterable[str], limit: int) -> list[Stored]:
    """Stored fields of the articles sharing a MinHash band key with `keys`, most shared first."""
    return [hit.fields() for hit in searcher.search(Or([Term(f.SIMILAR, k) for k in keys]), limit=limit)]
