"""Running a query for Library: hits, totals, snippets, suggestion, facets and reader highlights.

Small limits (the exact count of a plain Whoosh search cost +35% at 50k articles), snippets only
for the hits returned, estimated totals once an index is large, date clauses as filters cached per open searcher.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from whoosh.query import Every, Not, NullQuery, Query
from whoosh.searching import Results, Searcher
from whoosh.sorting import Count

from corpus.model import Span
from search import engine
from search import fields as f
from search.documents import stored_body
from search.engine import facets_view, search_newest_first
from search.errors import QueryError
from search.expand import split_date_filters
from search.facets import Facets, facet_groups, from_counts, read_facets
from search.query import parse_query
from search.querydates import PublishedRange
from search.results import ArticleSummary, Hit, SearchResult, Snippet
from search.schema import text_analyzer
from search.snippets import snippets_for, snippets_from_positions
from search.suggest import corrected_text
from search.summaries import SUMMARIES
from search.userdata import UserView
from search.userquery import IdSetQuery, top_level_filters

EXACT_COUNT_UP_TO = 5000  # below this many articles an exact count costs next to nothing
EVERY_SCORE = 1.0  # what Whoosh scores every document matched by Every()
SNIPPET_MS = 0.7  # building one hit's snippet (100k synthetic articles): kept out of a time budget
Summarize = Callable[[dict[str, Any]], ArticleSummary]
# How a parsed query is ranked: the date filter alone, the engine's arrays, newest-first slices under a
# time budget, or Whoosh's own search.
Route = Literal["dates", "arrays", "slices", "whoosh"]


def route(
    searcher: Searcher,
    rest: Query,
    allowed: set[int] | None,
    *,
    facets: bool = False,
    sort_args: dict[str, Any] | None = None,
    newest: bool = False,
    budgeted: bool = False,
) -> Route:
    """The one decision of how a query (its date clauses already taken out as `allowed`) is ranked,
    for a search and for the did-you-mean check alike. "arrays" falls back to the next route when the
    engine declines at run time. Facets do not change the route: they are counted from the engine's
    columns over every match whichever way the hits were ranked (`facets` is kept for callers)."""
    if isinstance(rest, Every) and allowed is not None and not sort_args:
        return "dates"
    if (newest or not sort_args) and engine.ranks(searcher, rest):
        return "arrays"
    return "slices" if budgeted else "whoosh"


class DateFilters:
    """Document sets for date clauses, kept while the searcher they came from stays open."""

    def __init__(self) -> None:
        self._cache: dict[tuple[object, ...], frozenset[int]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def docs(self, searcher: Searcher, ranges: list[PublishedRange]) -> set[int]:
        result: set[int] | None = None
        for q in ranges:
            key = (q.start, q.end, q.startexcl, q.endexcl)
            with self._lock:
                found = self._cache.get(key)
            if found is None and q.fieldname == f.PUBLISHED:  # from the date arrays, not Whoosh's term walk
                found = frozenset(
                    engine.dated_between(searcher, q.start, q.end, startexcl=q.startexcl, endexcl=q.endexcl)
                )
            elif found is None:
                found = frozenset(searcher.docs_for_query(q))
            with self._lock:
                self._cache[key] = found
            result = set(found) if result is None else result & found
        return result if result is not None else set()


def run_search(
    searcher: Searcher,
    text: str,
    *,
    limit: int,
    sort_args: dict[str, Any],
    filters: DateFilters,
    summarize: Summarize,
    facets: bool = True,
    snippets: bool = True,
    budget_ms: float | None = None,
    sort: str = "relevance",
    userdata: UserView | None = None,
    only_ids: frozenset[str] | None = None,
) -> SearchResult:
    """Hits, total, suggestion and facets for `text` (`sort` names the order `sort_args` gives Whoosh).

    With `budget_ms`, an index of more than EXACT_COUNT_UP_TO articles is searched newest articles
    first until about that many milliseconds have passed (see search.engine.budget): the hits are the best
    of the articles searched, `exact_total` is False and `total` an estimate when time ran out, and
    no did-you-mean is looked for (ask `suggestion()` apart). Smaller indexes ignore the budget."""
    started = time.perf_counter()
    budgeted = budget_ms is not None and searcher.doc_count() > EXACT_COUNT_UP_TO
    query = parse_query(text, searcher, userdata=userdata)
    rest, ranges = split_date_filters(query)
    allowed = filters.docs(searcher, ranges) if ranges else None
    rest, allowed = _user_filters(searcher, rest, allowed)
    if only_ids is not None:  # e.g. a saved search's new matches
        only = set(IdSetQuery(only_ids, "only").docnums(searcher.reader()))
        allowed = only if allowed is None else allowed & only
    if rest is NullQuery or (allowed is not None and not allowed):
        suggested = None if budgeted else _suggestion(searcher, query, text, filters, userdata)
        return SearchResult(query=text, total=0, hits=(), suggestion=suggested, budgeted=budgeted)
    newest = sort == "date"
    how = route(searcher, rest, allowed, facets=facets, sort_args=sort_args, newest=newest, budgeted=budgeted)
    if how == "dates":
        assert allowed is not None
        found = _only_dates(searcher, text, allowed, limit, summarize, snippets)
        if not facets:
            return found
        return replace(found, facets=_column_facets(searcher, engine.live_documents(searcher, allowed)))
    if how == "arrays":
        budget_s = budget_ms / 1000 if budgeted and budget_ms is not None else None
        matched: list[Any] | None = [] if facets else None
        ranked = engine.rank(
            searcher,
            rest,
            limit=max(limit, 1),
            allowed=allowed,
            newest=newest,
            budget_s=budget_s,
            started=started,
            matches=matched,
        )
        if ranked is not None:
            results = Results(searcher, rest, ranked.top)
            hits = _hits(searcher, results, rest, limit, summarize, snippets, ranked.positions)
            counted = _column_facets(searcher, matched) if matched is not None else {}
            if not ranked.complete:  # the budget ran out: the newer segments' best, an estimated total
                total = _estimated_total(searcher, rest, allowed, ranked.total, len(hits))
                return SearchResult(
                    query=text, total=total, hits=hits, exact_total=False, facets=counted, budgeted=True
                )
            return SearchResult(
                query=text,
                total=ranked.total,
                hits=hits,
                # as with the slices: no did-you-mean on the keystroke path (it can cost more than the search)
                suggestion=None if budgeted else _suggestion(searcher, query, text, filters, userdata),
                exact_total=True,
                facets=counted,
                budgeted=budgeted,
            )
    kwargs: dict[str, Any] = dict(sort_args)
    if facets and budgeted:  # the slices group their own hits; see search.engine.budget
        kwargs["groupedby"] = facet_groups()
        kwargs["maptype"] = Count
    if budgeted:  # the "slices" route, also where the arrays declined
        assert budget_ms is not None
        return _budgeted(
            searcher,
            text,
            rest,
            allowed,
            started=started,
            budget_s=budget_ms / 1000,
            limit=limit,
            kwargs=kwargs,
            summarize=summarize,
            snippets=snippets,
        )
    results = searcher.search(rest, limit=max(limit, 1), filter=allowed, **kwargs)
    total, exact = _total(results, searcher, allowed)
    return SearchResult(
        query=text,
        total=total,
        hits=_hits(searcher, results, rest, limit, summarize, snippets),
        suggestion=_suggestion(searcher, query, text, filters, userdata),
        exact_total=exact,
        facets=_column_facets(searcher, _every_match(searcher, rest, allowed)) if facets else {},
    )


def _column_facets(searcher: Searcher, matched: engine.Matched) -> Facets:
    return from_counts(engine.facet_counts(searcher, matched))


def _every_match(searcher: Searcher, rest: Query, allowed: set[int] | None) -> engine.Matched:
    """Every live match of a query Whoosh ranked, by segment (its matcher walked for ids only, unscored)."""
    if isinstance(rest, Every):
        return engine.live_documents(searcher, allowed)
    docs = set(searcher.docs_for_query(rest))
    return engine.by_segment(searcher, docs if allowed is None else docs & allowed)


def _budgeted(
    searcher: Searcher,
    text: str,
    rest: Query,
    allowed: set[int] | None,
    *,
    started: float,
    budget_s: float,
    limit: int,
    kwargs: dict[str, Any],
    summarize: Summarize,
    snippets: bool,
) -> SearchResult:
    if snippets:
        budget_s -= SNIPPET_MS * limit / 1000
    found = search_newest_first(
        searcher, rest, limit=max(limit, 1), budget_s=budget_s, started=started, kwargs={**kwargs, "filter": allowed}
    )
    hits = _hits(searcher, found.results, rest, limit, summarize, snippets)
    if found.exact:
        total, exact = found.counted, True
    else:
        total, exact = _estimated_total(searcher, rest, allowed, found.counted, len(hits)), False
    return SearchResult(
        query=text,
        total=total,
        hits=hits,
        suggestion=None,  # 50-100 ms at 100k even when nothing matched: Library.suggestions() asks apart
        exact_total=exact,
        facets=read_facets(facets_view(found)) if "groupedby" in kwargs else {},
        budgeted=True,
    )


def _only_dates(
    searcher: Searcher, text: str, allowed: set[int], limit: int, summarize: Summarize, snippets: bool
) -> SearchResult:
    """A query of date clauses alone: the cached filter is the answer. Whoosh would walk every document
    of the index to test it against the filter (20 ms at 47k articles); the order is the one it gives
    (every match scores the same, so lower document numbers first)."""
    top = heapq.nsmallest(max(limit, 1), allowed)
    results = Results(searcher, Every(), [(EVERY_SCORE, docnum) for docnum in top])
    return SearchResult(
        query=text,
        total=len(allowed),
        hits=_hits(searcher, results, Every(), limit, summarize, snippets),
        suggestion=None,  # dates only: there is no word to correct
        exact_total=True,
    )


def _estimated_total(searcher: Searcher, rest: Query, allowed: set[int] | None, counted: int, shown: int) -> int:
    """The total of a search the budget stopped: Whoosh's estimate, within the date filter, and never
    below what was counted or shown."""
    estimate = rest.estimate_size(searcher.reader())
    if allowed is not None:
        estimate = min(estimate, len(allowed))
    return max(estimate, counted, shown)


def _hits(
    searcher: Searcher,
    results: Any,
    query: Query,
    limit: int,
    summarize: Summarize,
    snippets: bool,
    positions: engine.Positions | None = None,
) -> tuple[Hit, ...]:
    top = list(results[:limit])
    docnums = [hit.docnum for hit in top]
    reader = searcher.reader()
    summaries = SUMMARIES.known(reader, summarize, docnums)  # a keystroke's 300 rows need no stored read
    stored = {hit.docnum: hit.fields() for hit in top if snippets or hit.docnum not in summaries}
    read = {docnum: summarize(fields) for docnum, fields in stored.items() if docnum not in summaries}
    SUMMARIES.remember(reader, summarize, read)
    summaries |= read
    if not snippets:
        found = [Snippet("")] * len(top)
    else:
        bodies = [stored_body(stored[docnum]) for docnum in docnums]
        if positions is not None:
            found = snippets_from_positions(docnums, bodies, positions)
        else:
            found = snippets_for(searcher, docnums, bodies, _wanted_words(query, (f.BODY,)))
    rows = zip(top, found, strict=True)
    return tuple(Hit(summaries[hit.docnum], _score(hit.score), snippet) for hit, snippet in rows)


def _score(value: Any) -> float:
    """A hit's relevance; a sorted search's "score" is its sort key (a date number, or title bytes)."""
    return float(value) if isinstance(value, (int, float)) else 0.0


def suggestion(searcher: Searcher, text: str, filters: DateFilters, userdata: UserView | None = None) -> str | None:
    """A did-you-mean for `text`, or None; never raises for a bad query."""
    try:
        query = parse_query(text, searcher, userdata=userdata)
    except QueryError:
        return None
    return _suggestion(searcher, query, text, filters, userdata)


def query_spans(searcher: Searcher, text: str, body: str) -> tuple[Span, ...]:
    """Spans of `body` whose analysed word is one the query looks for (not words it excludes)."""
    query = parse_query(text, searcher)
    words = _wanted_words(query)
    if not words:
        return ()
    tokens = text_analyzer()(body, chars=True, mode="index", removestops=False)
    return tuple(Span(t.startchar, t.endchar) for t in tokens if t.text in words)


def _wanted_words(query: Query, fields: tuple[str, ...] = f.DEFAULT_FIELDS) -> set[str]:
    if isinstance(query, Not) or query is NullQuery:
        return set()
    if query.is_leaf():
        return {
            value.decode("utf-8") if isinstance(value, bytes) else str(value)
            for field, value in query.iter_all_terms(phrases=True)
            if field in fields
        }
    words: set[str] = set()
    for child in query.children():
        words |= _wanted_words(child, fields)
    return words


def _total(results: Any, searcher: Searcher, allowed: set[int] | None) -> tuple[int, bool]:
    if results.has_exact_length() or searcher.doc_count() <= EXACT_COUNT_UP_TO:
        return len(results), True
    estimate = results.estimated_length()
    if allowed is not None:
        estimate = min(estimate, len(allowed))
    return max(estimate, results.scored_length()), False


def matching_docnums(searcher: Searcher, text: str, filters: DateFilters, userdata: UserView | None = None) -> set[int]:
    """Every live document `text` matches, unranked (saved searches count these)."""
    query = parse_query(text, searcher, userdata=userdata)
    rest, ranges = split_date_filters(query)
    allowed = filters.docs(searcher, ranges) if ranges else None
    rest, allowed = _user_filters(searcher, rest, allowed)
    if rest is NullQuery:
        return set()
    docs = set(searcher.reader().all_doc_ids()) if isinstance(rest, Every) else set(searcher.docs_for_query(rest))
    return docs if allowed is None else docs & allowed


def _user_filters(searcher: Searcher, rest: Query, allowed: set[int] | None) -> tuple[Query, set[int] | None]:
    """`is:`/`tag:`/`note:` clauses ANDed at the top become part of the document filter."""
    remaining, clauses = top_level_filters(rest)
    if not clauses:
        return rest, allowed
    reader = searcher.reader()
    for clause in clauses:
        docs = set(clause.docnums(reader))
        allowed = docs if allowed is None else allowed & docs
    return (Every() if remaining is None else remaining), allowed


def _suggestion(
    searcher: Searcher, query: Query, text: str, filters: DateFilters, userdata: UserView | None = None
) -> str | None:
    try:
        corrected = corrected_text(searcher, query, text)
        if not corrected or corrected.strip().casefold() == text.strip().casefold():
            return None
        better = parse_query(corrected, searcher, userdata=userdata)
        rest, ranges = split_date_filters(better)
        allowed = filters.docs(searcher, ranges) if ranges else None
        rest, allowed = _user_filters(searcher, rest, allowed)
        if rest is NullQuery or (isinstance(rest, Every) and allowed is None):
            return None
        arrays = route(searcher, rest, allowed) == "arrays"
        ranked = engine.rank(searcher, rest, limit=1, allowed=allowed) if arrays else None
        if ranked is not None:
            return corrected if ranked.top else None
        found = searcher.search(rest, limit=1, filter=allowed)
        return corrected if not found.is_empty() else None
    except QueryError:
        return None
