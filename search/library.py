"""The one facade the UI and the CLI use: a library of articles, its index, its entities.

Everything returned is a plain value from `corpus.model` or `search.results`. One searcher is kept
open and shared (opening costs ~150 ms at scale); a lock serialises it across worker threads.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus import offices
from corpus.errors import Problem
from corpus.model import Article, Span
from search import analysis
from search.datewindow import stored_window
from search.documents import stored_article
from search.entity_workers import EntityWorkers
from search.errors import ArticleNotFoundError, SearchError
from search.export import ExportRecord
from search.idmap import id_map
from search.index import IndexStore, ProgressCallback, reads_index
from search.locations import library_name
from search.lookups import Searcher, Sort, articles_with_entity, page, similar_candidates, sort_args
from search.results import ArticleSummary, EntitySummary, SearchResult, SyncReport
from search.saved import SourceCount, count_sources
from search.sources import register_sources, registered_sources
from search.userdata import UserData
from search.usermarks import follow_marks

if TYPE_CHECKING:  # imported when first used: not needed to open a library and list it
    from search.feed_service import FeedService
    from search.searching import DateFilters

CANDIDATES = 50
# `add` waits this long for a sync in another process to let go of the library (it only appends a path).
ADD_LOCK_WAIT_SECONDS = 120.0


class Library:
    """Articles from a set of sources (the embedded corpus when none), indexed under `data_dir`."""

    def __init__(
        self, data_dir: Path, sources: Sequence[Path] | None = None, *, aliases_file: Path | None = None
    ) -> None:
        self.sources = tuple(Path(s) for s in sources) if sources else None
        self.aliases_file = aliases_file
        self._workers: EntityWorkers | None = None
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "libraries" / library_name(self.sources)
        self.store = IndexStore(self.root)
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()
        self._registry = None
        self._date_filters: DateFilters | None = None  # made by the first search (see `_filters`)
        # Who held office dates articles; the user's table sits beside the alias file.
        self._offices_file = aliases_file.parent / offices.OFFICES_FILE if aliases_file else None
        if self._offices_file:  # read when first needed; a bad file is reported by `sync`
            offices.select(self._offices_file)
        # Read marks, bookmarks, tags, notes, saved searches: in the data dir, shared by every library.
        self.userdata = UserData(self.data_dir)

    # -- lifecycle ----------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether this library has an index on disk yet (it may still need a sync)."""
        return self.store.exists()

    def needs_sync(self) -> bool:
        return not self.store.is_current()

    def sync(
        self,
        *,
        rebuild: bool = False,
        entities: bool = True,
        progress: ProgressCallback | None = None,
    ) -> SyncReport:
        """Build or update the index from the sources (adds, changes and removals)."""
        extractor = self._entity_workers() if entities else None
        extra = self._extra_sources if self.sources is None else ()
        office_notice = offices.configure(self._offices_file) if self._offices_file else None
        self._follow_user_marks()  # while the index still holds the articles under their old ids
        report = self.store.sync(self.sources, extra=extra, rebuild=rebuild, extract=extractor, progress=progress)
        if office_notice and self._offices_file:
            notice = Problem(str(self._offices_file), office_notice)
            report = replace(report, problems=(*report.problems, notice))
        self.refresh()
        self._follow_user_marks()
        return report

    def _extra_sources(self) -> list[Path]:
        """The default library's sources beyond the seeds, read under the sync's lock: paths added with
        `add` and the folder of stored feed items."""
        extra = registered_sources(self.root)
        if self.feeds.has_items():
            extra.append(self.feeds.items_folder())
        return extra

    def _follow_user_marks(self) -> None:
        """Remember the content hash of each marked article, and move marks whose id vanished (a moved
        file gets a new id) to the article with the same text."""
        if not self.store.exists() or not self.userdata.marks().marked_ids():
            return
        try:
            with self._lock:
                follow_marks(self._get_searcher(), self._id_map(self._get_searcher()), self.userdata)
        except SearchError:
            return  # a damaged index: the sync rebuilds it, and marks are followed afterwards

    def extract_entities(self, *, progress: ProgressCallback | None = None, limit: int | None = None) -> int:
        """Entities for articles indexed as text only: the background half of `sync(entities=False)`.
        Resumable (pending articles are marked in the index); returns how many articles were done."""
        done = self.store.enrich(self._entity_workers(), progress=progress, limit=limit)
        if done:
            self.refresh()
        return done

    def generation(self) -> tuple[int, int] | None:
        """A token that changes whenever any process changes this library's index (see IndexStore)."""
        return self.store.generation()

    @reads_index
    def pending_entities(self) -> int:
        return self.store.pending_entities()

    def add_sources(self, paths: Sequence[Path]) -> list[Path]:
        """Register files or folders with the default library; run `sync` afterwards to read them."""
        if self.sources is not None:
            raise SearchError("`add` works on the default library; --corpus runs are not saved")
        with self.store.locked(wait=ADD_LOCK_WAIT_SECONDS):
            return register_sources(self.root, paths)

    def wait_for_other_updates(self, seconds: float, notice: Callable[[], None]) -> None:
        """Let updates wait up to `seconds` for another process's (calling `notice` when they start
        waiting) instead of giving up after a few: scripts run `index` and `add` side by side."""
        self.store.lock_wait, self.store.on_lock_wait = seconds, notice

    def refresh(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._registry = None
            if self._date_filters is not None:
                self._date_filters.clear()

    def close(self) -> None:
        self.refresh()
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    @functools.cached_property
    def feeds(self) -> FeedService:
        """Subscriptions and refreshes (the feed parser and the HTTP client load on first use)."""
        from search.feed_service import FeedService

        return FeedService(self.data_dir)

    def _entity_workers(self) -> EntityWorkers:
        """Kept for the library's life, so worker processes load spaCy once, not once per batch."""
        if self._workers is None:
            self._workers = EntityWorkers(self.aliases_file)
        return self._workers

    def _get_searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self.store.open().searcher()
        return self._searcher

    def prepare_search(self) -> None:
        """Import what a first search and a first opened article need (the query parser, numpy, the
        engine's ranking, snippets and columns, the near-duplicate hashing), which opening and listing
        the library leave out: the app calls this once its first rows are painted, so the first
        keystroke does not wait ~150 ms for the imports."""
        from corpus import dedupe  # noqa: F401
        from search import engine, searching  # noqa: F401

        for name in ("rank", "segment_postings", "values_for_documents", "facet_counts", "newest_first"):
            getattr(engine, name)

    # -- reading ------------------------------------------------------------------------------
    @reads_index
    def count(self) -> int:
        with self._lock:
            return self._get_searcher().doc_count()

    @reads_index
    def list_articles(self, *, sort: Sort = "date", offset: int = 0, limit: int | None = None) -> list[ArticleSummary]:
        """A page of the whole library, sorted by the index (no article bodies are parsed)."""
        with self._lock:
            searcher = self._get_searcher()
            wanted = None if limit is None else offset + limit
            return [_summary(stored) for stored in page(searcher, sort, offset, wanted)]

    @reads_index
    def export_records(self, articles: Sequence[Article]) -> list[ExportRecord]:
        """Articles with the user's tags and note, ready for any export format."""
        records = []
        for article in articles:
            note = self.userdata.note_of(article.id)
            records.append(ExportRecord(article, self.userdata.tags_of(article.id), note.text if note else None))
        return records

    def article(self, article_id: str) -> Article:
        with self._lock:
            stored = self._get_searcher().document(id=article_id)
        if stored is None:
            raise ArticleNotFoundError(f"no article with id {article_id!r}")
        return stored_article(stored)

    @reads_index
    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        facets: bool = True,
        snippets: bool = True,
        budget_ms: float | None = None,
        only_ids: frozenset[str] | None = None,
    ) -> SearchResult:
        """Ranked hits with snippets, total, suggestion and facets; QueryError for a query it cannot understand.

        A list that shows no snippets or facets asks for none: both cost more than the search itself.
        `budget_ms` (search as you type): a large library is searched newest articles first for about
        that long; the result may then be partial (`exact_total` False), and it never carries a
        did-you-mean (`suggestions()` gives it). Run it again without a budget for the complete answer."""
        from search.searching import run_search

        with self._lock:
            return run_search(
                self._get_searcher(),
                text,
                limit=limit,
                sort_args=sort_args(sort),
                filters=self._filters(),
                summarize=_summary,
                facets=facets,
                snippets=snippets,
                budget_ms=budget_ms,
                sort=sort,
                userdata=self.userdata.view(),
                only_ids=only_ids,
            )

    @reads_index
    def suggestions(self, text: str) -> str | None:
        """A did-you-mean for `text` from the index's own words, only when it finds something."""
        from search.searching import suggestion

        with self._lock:
            return suggestion(self._get_searcher(), text, self._filters(), self.userdata.view())

    @reads_index
    def facets(self, text: str) -> dict[str, tuple[tuple[str, int], ...]]:
        """Facet counts (source, year, person, org, place) for everything `text` matches."""
        return self.search(text, limit=1, facets=True).facets

    @reads_index
    def match_spans(self, text: str, article: Article) -> tuple[Span, ...]:
        """Where the query's words occur in the article's body, for highlighting in the reader."""
        if not text.strip():
            return ()
        from search.searching import query_spans

        with self._lock:
            return query_spans(self._get_searcher(), text, article.body)

    @reads_index
    def matching_ids(self, text: str) -> frozenset[str]:
        """The ids of every article `text` matches (QueryError as for `search`)."""
        from search.searching import matching_docnums

        with self._lock:
            searcher = self._get_searcher()
            docs = matching_docnums(searcher, text, self._filters(), self.userdata.view())
            ids = self._id_map(searcher)
            return frozenset(ids[d] for d in docs if d in ids)

    def _filters(self) -> DateFilters:
        """The date clauses' document sets, kept while the searcher stays open. The query modules
        (the parser, date words, snippets; ~15 ms to import) load with the first search, not to list."""
        if self._date_filters is None:
            from search.searching import DateFilters

            self._date_filters = DateFilters()
        return self._date_filters

    def _id_map(self, searcher: Searcher) -> dict[int, str]:
        """Document number to article id (read once per open searcher)."""
        return id_map(searcher.reader()).by_docnum

    @reads_index
    def unread_count(self) -> tuple[int, int]:
        """(unread, all) articles in the library."""
        with self._lock:
            ids = set(self._id_map(self._get_searcher()).values())
        return len(ids - self.userdata.marks().read), len(ids)

    @reads_index
    def source_counts(self) -> list[SourceCount]:
        """Each source with its article and unread counts, for reading one outlet at a time."""
        read = self.userdata.marks().read
        with self._lock:
            searcher = self._get_searcher()
            counts = count_sources(searcher.reader(), self._id_map(searcher), read)
        # An item names its feed by the feed's own title (or the subscription's label when it has none).
        feeds = {name for sub in self.feeds.subscriptions() for name in (sub.title, sub.label) if name}
        return [replace(c, feed=True) if c.source in feeds else c for c in counts]

    @reads_index
    def entities(self) -> list[EntitySummary]:
        with self._lock:
            if self._registry is None:
                self._registry = self.store.registry()
            return self._registry.summaries()

    @reads_index
    def articles_with_entity(self, key: str, *, limit: int | None = None) -> list[ArticleSummary]:
        with self._lock:
            return [_summary(stored) for stored in articles_with_entity(self._get_searcher(), key, limit)]

    @reads_index
    def similar(self, article: Article, *, limit: int = 10) -> list[ArticleSummary]:
        """Near-identical copies of this story (e.g. one wire report run by several sites), most alike first.

        Candidates come from the index's MinHash band keys; each is confirmed with the exact Jaccard."""
        from corpus.dedupe import THRESHOLD as NEAR_DUPLICATE  # numpy: not needed to open and list
        from corpus.dedupe import band_keys, jaccard, shingles

        keys = band_keys(article.body or article.title)
        if not keys:
            return []
        mine = shingles(article.body or article.title)
        with self._lock:
            found = []
            for stored in similar_candidates(self._get_searcher(), keys, CANDIDATES):
                if stored["id"] == article.id:
                    continue
                other = stored_article(stored)
                score = jaccard(mine, shingles(other.body or other.title))
                if score >= NEAR_DUPLICATE:
                    found.append((score, _summary(stored)))
        found.sort(key=lambda pair: -pair[0])
        return [summary for _, summary in found[:limit]]

    # -- who said what, and when (search.analysis) ----------------------------------------------------
    def find_entity(self, name: str) -> EntitySummary:
        return analysis.find_entity(self.entities(), name)

    def matching_articles(self, text: str = "", *, entity_key: str | None = None) -> list[Article]:
        """Every article the query (and entity) matches, newest first: what `export` writes out."""
        with self._lock:
            searcher = self._get_searcher()
            query = parse_query(text, searcher)
            found = analysis.articles(searcher, analysis.matching_docnums(searcher, query, entity_key))
        return sorted(found, key=_newest_first_key, reverse=True)

    def quotes(self, text: str = "", *, speaker: str | None = None) -> list[analysis.QuoteHit]:
        if not speaker:
            with self._lock:
                searcher = self._get_searcher()
                return analysis.query_quotes(searcher, parse_query(text, searcher))
        key = self.find_entity(speaker).key
        with self._lock:
            searcher = self._get_searcher()
            return analysis.entity_quotes(searcher, key, parse_query(text, searcher))

    def timeline(self, name: str | None = None, *, query: str = "") -> list[analysis.TimelineEntry]:
        if not name:
            with self._lock:
                searcher = self._get_searcher()
                return analysis.query_timeline(searcher, parse_query(query, searcher))
        key = self.find_entity(name).key
        with self._lock:
            searcher = self._get_searcher()
            return analysis.entity_timeline(searcher, key, parse_query(query, searcher))

    def cooccur(self, name: str, *, by_year: bool = False) -> list[analysis.CoMention]:
        entity = self.find_entity(name)
        summaries = self.entities()
        with self._lock:
            return analysis.co_mentions(self._get_searcher(), entity.key, summaries, by_year=by_year)

    def profile(self, name: str, *, co_mentions: int = 12) -> analysis.Profile:
        """An entity's page: roles over time, aliases, article count, top co-mentions and quotes."""
        entity = self.find_entity(name)
        mentions = tuple(self.cooccur(entity.key)[:co_mentions])
        with self._lock:
            searcher = self._get_searcher()
            roles = tuple(analysis.entity_roles(searcher, entity.key))
            quotes = tuple(analysis.entity_quotes(searcher, entity.key))
        return analysis.Profile(entity, roles, mentions, quotes)


def _newest_first_key(article: Article) -> tuple[bool, dt.date]:
    return article.published.date is not None, article.published.date or dt.date.min


def parse_query(text: str, searcher: Searcher) -> Any | None:
    """The parsed query, None for blank text (no narrowing). `search.query` is imported with the first
    query: listing a library needs no parser."""
    if not text.strip():
        return None
    from search.query import parse_query as parse

    return parse(text, searcher)


def _summary(stored: dict[str, Any]) -> ArticleSummary:
    published = stored.get("published")
    return ArticleSummary(
        id=stored["id"],
        title=stored["title"],
        source=stored.get("source") or None,
        published=published.date() if published is not None else None,
        date_confidence=stored.get("date_confidence", "unknown"),
        origin=stored.get("origin", ""),
        url=stored.get("url") or None,
        feed=stored.get("feed") or None,
        date_window=stored_window(stored) if published is None else None,
    )
