"""Saved searches with their totals and "new" counts, for the app's section and `alliance-reader saved`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
