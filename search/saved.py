"""Saved searches with their totals and "new" counts, for the app's section and `alliance-reader saved`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from search import fields as f
from search.errors import QueryError, SearchError

if TYPE_CHECKING:
    from search.library import Library


@dataclass(frozen=True, slots=True)
class SavedStatus:
    """`new`: matches that were not among the matches when the search was last opened (or saved)."""

    name: str
    query: str
    total: int
    new: int
    new_ids: frozenset[str] = frozenset()
    problem: str = ""  # the query no longer parses (e.g. saved before a field was renamed)


def saved_status(library: Library) -> list[SavedStatus]:
    found = []
    for search in library.userdata.saved_searches():
        try:
            ids = library.matching_ids(search.query)
        except QueryError as exc:
            found.append(SavedStatus(search.name, search.query, 0, 0, problem=str(exc)))
            continue
        new = ids - search.seen
        found.append(SavedStatus(search.name, search.query, len(ids), len(new), frozenset(new)))
    return found


def add_saved(library: Library, name: str, query: str) -> SavedStatus:
    """Save a query (checked first); what it matches now is seen, so "new" starts at 0."""
    if not query.strip():
        raise SearchError("a saved search needs a query")
    ids = library.matching_ids(query)  # raises QueryError for a query that cannot run
    saved = library.userdata.add_saved(name, query)
    library.userdata.mark_opened(saved.name, ids)
    return SavedStatus(saved.name, saved.query, len(ids), 0)


def open_saved(library: Library, name: str) -> SavedStatus:
    """Opening a saved search shows all it matches: from now on none of those counts as new."""
    search = library.userdata.saved_search(name)
    ids = library.matching_ids(search.query)
    new = ids - search.seen
    library.userdata.mark_opened(search.name, ids)
    return SavedStatus(search.name, search.query, len(ids), len(new), frozenset(new))


@dataclass(frozen=True, slots=True)
class SourceCount:
    """One outlet in the source filter: its articles and how many of them are unread."""

    source: str
    total: int
    unread: int


def count_sources(reader: Any, ids_by_docnum: dict[int, str], read: set[str]) -> list[SourceCount]:
    """Every source with its counts, most articles first (articles without a source are left out)."""
    column = reader.column_reader(f.SOURCE, translate=True)
    totals: Counter[str] = Counter()
    unread: Counter[str] = Counter()
    for docnum in reader.all_doc_ids():
        source = column[docnum]
        if not source:
            continue
        source = source.decode("utf-8") if isinstance(source, bytes) else str(source)
        totals[source] += 1
        if ids_by_docnum.get(docnum) not in read:
            unread[source] += 1
    return [SourceCount(s, n, unread[s]) for s, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
