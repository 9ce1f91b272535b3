"""The main screen's thread workers: each calls the Library and posts plain data back, nothing else.

One group per kind of work; `exclusive=True` cancels the superseded request, and each worker checks
`is_cancelled` after its short debounce sleep so a burst of keystrokes costs one search.
"""

from __future__ import annotations

import time

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from search.errors import QueryError
from search.library import Library, Sort
from search.results import SearchResult, SyncProgress
from tui.messages import ArticleOpened, EntitiesFound, RowsLoaded, SearchFailed, SyncFinished, SyncProgressed

PAGE_SIZE = 300
SEARCH_LIMIT = 300
OPEN_DEBOUNCE_SECONDS = 0.08
ENTITY_CHUNK = 200
SEARCH_BUDGET_MS = 30
# The pause before the exact search that follows a budgeted answer: the search box already waited for
# typing to pause, so this only lets a next keystroke cancel it; the exact rows must follow within 100 ms.
SETTLE_SECONDS = 0.04
# How often the app looks whether another process (the CLI's `add` or `index`, another app) changed
# the library under it: one folder listing, so it costs nothing noticeable.
WATCH_SECONDS = 2.0


class LibraryWork(Screen[None]):
    """Base for MainScreen holding its workers, so the screen file keeps to state and wiring."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._seen_generation: object = None

    def watch_library_changes(self) -> None:
        """One timer for what another alliance-reader may change under the app: the index (reload; the
        app's own syncs reload by themselves) and the user's marks, tags and notes."""
        self._seen_generation = self.library.generation()
        self.set_interval(WATCH_SECONDS, self._check_outside_changes)

    def _check_outside_changes(self) -> None:
        self._check_generation()
        self._check_user_files()  # type: ignore[attr-defined]  # MainScreen's (UserActions)

    def _check_generation(self) -> None:
        if any(w.node is self and w.group == "index" and not w.is_finished for w in self.workers):
            return
        current = self.library.generation()
        if current == self._seen_generation:
            return
        first = self._seen_generation is None
        self._seen_generation = current
        self.library.refresh()
        self.reload()  # type: ignore[attr-defined]  # MainScreen's
        self.post_message(EntitiesFound())
        if not first:
            self.notify("The library was changed by another alliance-reader: reloaded.", markup=False, timeout=3)

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def run_sync(self) -> None:
        """Text first, so search works as early as possible; entities then fill in chunk by chunk."""

        def progress(step: SyncProgress) -> None:
            self.post_message(SyncProgressed(step.phase, step.done, step.total))

        report = self.library.sync(progress=progress, entities=False)
        if report.changed:
            summary = f"Index updated: {report.added} added, {report.updated} changed, {report.removed} removed."
        else:
            summary = ""
        if report.problems:
            summary += f" {len(report.problems)} file(s) could not be read."
        self.post_message(SyncFinished(summary.strip(), final=False))
        worker = get_current_worker()
        while not worker.is_cancelled and self.library.pending_entities():
            if not self.library.extract_entities(progress=progress, limit=ENTITY_CHUNK):
                break
            self.post_message(EntitiesFound())
        self.post_message(SyncFinished("", final=True))

    @work(thread=True, exit_on_error=False, group="prepare")
    def prepare_search(self) -> None:
        """After the first rows: the modules of a first search load in the background, not on a keystroke."""
        self.library.prepare_search()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def load_rows(self, token: int, query: str, sort: Sort, offset: int = 0) -> None:
        """A page of the whole library when `query` is empty, else the top search results."""
        if not query:
            listing: Sort = "date" if sort == "relevance" else sort
            rows = tuple(self.library.list_articles(sort=listing, offset=offset, limit=PAGE_SIZE))
            total = self.library.count()
            self.post_message(RowsLoaded(token, rows, total, append=offset > 0, result=None))
            return
        try:
            result = self.library.search(
                query, limit=SEARCH_LIMIT, sort=sort, facets=False, snippets=False, budget_ms=SEARCH_BUDGET_MS
            )
        except QueryError as exc:
            self.post_message(SearchFailed(token, query, str(exc)))
            return
        self._post_result(token, result)
        if not result.needs_exact:
            return
        # A large library answered within the budget (newest articles first) or found nothing: once typing
        # pauses, the exact ranking and the did-you-mean follow.
        time.sleep(SETTLE_SECONDS)
        if get_current_worker().is_cancelled:
            return
        exact = self.library.search(query, limit=SEARCH_LIMIT, sort=sort, facets=False, snippets=False)
        self._post_result(token, exact)

    def _post_result(self, token: int, result: SearchResult) -> None:
        rows = tuple(hit.article for hit in result.hits)
        self.post_message(RowsLoaded(token, rows, result.total, append=False, result=result))

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-article")
    def open_article(self, article_id: str, query: str) -> None:
        time.sleep(OPEN_DEBOUNCE_SECONDS)
        if get_current_worker().is_cancelled:
            return
        article = self.library.article(article_id)
        hits = self.library.match_spans(query, article) if query else ()
        similar = tuple(self.library.similar(article))
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleOpened(article, tuple(hits), query, similar))
