"""Saved searches with their totals and "new" counts, for the app's section and `alliance-reader saved`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from search import fields as f
from search.errors import QueryError, SearchError
from search.querycheck import NO_SOURCE_QUERY

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
    """One outlet in the source filter: its articles and how many of them are unread. The articles
    that name no outlet are one more entry, with `source` empty, so none is out of the filter's reach."""

    source: str
    total: int
    unread: int
    feed: bool = False  # the name of a subscribed feed: its articles keep arriving

    @property
    def missing(self) -> bool:
        return not self.source

    @property
    def query(self) -> str:
        """The query that lists exactly this entry's articles."""
        return source_query(self.source)


def source_query(source: str) -> str:
    return f'{f.SOURCE}:"{source.replace(chr(34), "")}"' if source.strip() else NO_SOURCE_QUERY


def count_sources(reader: Any, ids_by_docnum: dict[int, str], read: set[str]) -> list[SourceCount]:
    """Every source with its counts, most articles first; the articles without a source come last."""
    column = reader.column_reader(f.SOURCE, translate=True)
    totals: Counter[str] = Counter()
    unread: Counter[str] = Counter()
    for docnum in reader.all_doc_ids():
        source = column[docnum] or ""
        source = source.decode("utf-8") if isinstance(source, bytes) else str(source)
        source = source if source.strip() else ""
        totals[source] += 1
        if ids_by_docnum.get(docnum) not in read:
            unread[source] += 1
    named = sorted((s for s in totals if s), key=lambda s: (-totals[s], s))
    found = [SourceCount(s, totals[s], unread[s]) for s in named]
    if totals[""]:
        found.append(SourceCount("", totals[""], unread[""]))
    return found
