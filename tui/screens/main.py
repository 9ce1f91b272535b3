"""The main screen: owns the state (filter, rows, open article) and binds it into three dumb panes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Footer
from textual.widgets.option_list import OptionDoesNotExist

from corpus.model import Article, Span
from search.library import Library
from search.results import ArticleSummary, Snippet
from tui import startup
from tui.actions import MAIN_COMMANDS, bindings
from tui.messages import (
    ArticleChosen,
    ArticleOpened,
    EntitiesFound,
    EntityChosen,
    EntityFilter,
    MentionWanted,
    MoreRowsWanted,
    RowsLoaded,
    SearchFailed,
    SearchRequested,
    SyncFinished,
    SyncProgressed,
)
from tui.screens.analysis_actions import AnalysisActions
from tui.screens.feed_work import FeedWork
from tui.screens.library_work import LibraryWork
from tui.screens.main_actions import MainActions, uses_entities
from tui.screens.snippet_work import SNIPPET_ROWS, SnippetsLoaded, SnippetWork
from tui.screens.user_actions import UserActions
from tui.settings import Store
from tui.widgets.article_list import ArticleList
from tui.widgets.article_text import counted
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox
from tui.widgets.status_bar import Breadcrumb, SyncStatus

# Start-up work that is not the list (the sync, the unread count) waits for the first rows to be painted,
# but never longer than this.
AFTER_FIRST_ROWS_AT_THE_LATEST_S = 3.0
ENTITY_HINT = "Entities are still being found: results for person:, org: and place: may be incomplete."



class MainScreen(UserActions, MainActions, AnalysisActions, FeedWork, LibraryWork, SnippetWork):
    """State lives here as reactives; widgets get it through data_bind and talk back with messages."""

    AUTO_FOCUS = "#list"
    BINDINGS: ClassVar[list[BindingType]] = bindings(MAIN_COMMANDS)

    query_text: var[str] = var("")
    entity: var[EntityFilter | None] = var(None)
    sort: var[str] = var("date")
    query_sort: var[str] = var("relevance")
    snippets: var[Mapping[str, Snippet]] = var(dict)
    rows: var[tuple[ArticleSummary, ...]] = var(())
    total: var[int] = var(0)
    total_exact: var[bool] = var(True)
    has_more: var[bool] = var(False)
    article: var[Article | None] = var(None)
    hits: var[tuple[Span, ...]] = var(())
    similar: var[tuple[ArticleSummary, ...]] = var(())
    read_ids: var[frozenset[str]] = var(frozenset())
    bookmarks: var[frozenset[str]] = var(frozenset())
    narrow: var[bool] = var(False)
    tags_by_id: var[dict[str, tuple[str, ...]]] = var(dict)
    article_marks: var[tuple[tuple[str, ...], str]] = var(((), ""))  # the open article's tags and note
    unread: var[tuple[int, int] | None] = var(None)  # (unread, all) in the library

    def __init__(self, library: Library, store: Store, *, sync: bool = True) -> None:
        super().__init__(library)
        self.store = store
        self.sync_on_mount = sync
        self._token = 0
        self._restore_last = True
        self._after_first_rows: list[Callable[[], object]] = []
        self._opened_query = ""
        self._query_failed = False
        self._entities_pending = False
        self.set_reactive(MainScreen.sort, store.settings.sort)
        self.set_reactive(MainScreen.query_sort, store.settings.query_sort)

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="header")
        with Horizontal(id="search-row"):
            yield SearchBox(id="search")
            yield SyncStatus(id="sync-status")
        with Horizontal(id="panes"):
            yield ArticleList(id="list").data_bind(
                MainScreen.rows,
                MainScreen.read_ids,
                MainScreen.bookmarks,
                MainScreen.has_more,
                MainScreen.snippets,
                MainScreen.tags_by_id,
            )
            yield ReadingView(id="reader").data_bind(
                MainScreen.article, MainScreen.hits, MainScreen.similar, MainScreen.article_marks
            )
            yield EntitySidebar(id="entities").data_bind(MainScreen.article)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(SearchBox).history = tuple(self.store.state.history)
        self.apply_widths()
        self.load_marks()
        self.watch_reader_scroll()
        if self.library.exists():
            self.reload()
            # the index as it is paints first; the unread count's id map, the sync's imports and file scan follow
            self._after_first_rows.append(self.count_unread)
        self._after_first_rows.append(self.prepare_search)
        self.set_timer(AFTER_FIRST_ROWS_AT_THE_LATEST_S, self._run_after_first_rows)
        if self.sync_on_mount or not self.library.exists():
            self.query_one(SyncStatus).progress = ("checking sources", 0, 0)
            if self.library.exists():
                self._after_first_rows.append(self.run_sync)
            else:
                self.call_after_refresh(self.run_sync)
        self.query_one(ArticleList).focus()
        self.start_feed_timer()
        self.watch_library_changes()

    # -- state -> view -----------------------------------------------------------------------
    @property
    def effective_query(self) -> str:
        parts = [self.entity.query if self.entity else "", self.query_text.strip()]
        return " ".join(p for p in parts if p)

    @property
    def order(self) -> str:
        """A search is ranked by relevance unless the user chose otherwise; the plain list by its own order."""
        return self.query_sort if self.query_text.strip() else self.sort

    def reload(self, *, offset: int = 0) -> None:
        if offset == 0:
            self._token += 1
        self.load_rows(self._token, self.effective_query, self.order, offset)  # type: ignore[arg-type]

    def watch_query_text(self) -> None:
        self.update_breadcrumb()

    def watch_entity(self) -> None:
        self.update_breadcrumb()

    def update_breadcrumb(self) -> None:
        about = "" if self.total_exact else "about "
        crumbs = ["alliance-reader", f"{about}{counted(self.total, 'article')}"]
        unread = self.unread_crumb()
        if unread:
            crumbs.append(unread)
        if self.query_text.strip():
            crumbs.append(f"query: {self.query_text.strip()}")
        if self.entity:
            crumbs.append(f"{self.entity.type}: {self.entity.name}")
        crumbs.append(f"by {'date' if self.order == 'relevance' and not self.effective_query else self.order}")
        self.query_one(Breadcrumb).crumbs = tuple(crumbs)
        filtered = bool(self.effective_query)
        shown = f"{len(self.rows)} of {about}{self.total}" if filtered or self.has_more else str(self.total)
        label = "Results" if filtered else "Articles"
        title = f"Query failed · last good results ({len(self.rows)})" if self._query_failed else f"{label} ({shown})"
        self.query_one(ArticleList).border_title = title
        box = self.query_one(SearchBox)
        box.hint = ENTITY_HINT if self._entities_pending and uses_entities(self.effective_query) else ""
        self.query_one(ArticleList).border_subtitle = crumbs[-1]

    # -- messages from widgets and workers ---------------------------------------------------
    @on(SearchRequested)
    def _search(self, event: SearchRequested) -> None:
        self.user_arrived()  # typing in the search box
        if event.query != self.query_text or event.immediate:
            self.query_text = event.query
            self.reload()
        if event.immediate:
            self.store.remember_query(event.query)
            self.query_one(SearchBox).history = tuple(self.store.state.history)
            self.store.save_state()
            self.query_one(ArticleList).focus()

    def _run_after_first_rows(self) -> None:
        startup.resume_collection()
        waiting, self._after_first_rows = self._after_first_rows, []
        for start in waiting:
            start()

    @on(RowsLoaded)
    def _rows_loaded(self, event: RowsLoaded) -> None:
        if self._after_first_rows or startup.collection_paused():
            self.call_after_refresh(self._run_after_first_rows)
        if event.token != self._token:
            return
        self._query_failed = False
        self.rows = self.rows + event.rows if event.append else event.rows
        if not event.append:
            self.snippets = {}
            self.snippet_rows = SNIPPET_ROWS
            if event.result is not None and self.query_text.strip():
                self.load_snippets(self._token, self.effective_query, self.order)  # type: ignore[arg-type]
        current = self.query_one(ArticleList).highlighted_id
        if not event.append and current and self._opened_query != self.query_text.strip():
            self.open_article(current, self.query_text.strip())
        self.total = event.total
        self.total_exact = event.result is None or event.result.exact_total
        self.has_more = event.result is None and len(self.rows) < event.total
        box = self.query_one(SearchBox)
        box.error = ""
        box.suggestion = event.result.suggestion if event.result else None
        self.update_breadcrumb()
        if self._restore_last and not event.append:
            # Only the first list the screen shows may restore: later loads answer the user's own search.
            self._restore_last = False
            last = self.store.state.last_article
            if last and not self.effective_query and any(row.id == last for row in event.rows):
                self.jump_to_article(last, focus=False)

    def jump_to_article(self, article_id: str, *, focus: bool = True) -> None:
        """Highlight the article if the list shows it, else just open it (palette jumps).

        `focus=False` for anything the user did not ask for: nothing else moves focus out of an input.
        """
        article_list = self.query_one(ArticleList)
        if focus:
            self.user_arrived()
        try:
            article_list.highlighted = article_list.get_option_index(article_id)
        except OptionDoesNotExist:
            self.open_article(article_id, self.query_text.strip())
        if focus:
            article_list.focus()

    @on(SnippetsLoaded)
    def _snippets_loaded(self, event: SnippetsLoaded) -> None:
        if event.token == self._token:
            self.snippets = event.snippets

    @on(SearchFailed)
    def _search_failed(self, event: SearchFailed) -> None:
        if event.token == self._token:
            self.query_one(SearchBox).error = event.problem
            # The list keeps its last good rows (nothing is lost), and its title says they are not this query's.
            self._query_failed = True
            self.update_breadcrumb()

    @on(MoreRowsWanted)
    def _more_rows(self, event: MoreRowsWanted) -> None:
        if self.has_more and not self.effective_query:
            self.reload(offset=len(self.rows))

    @on(ArticleChosen)
    def _article_chosen(self, event: ArticleChosen) -> None:
        query = self.query_text.strip()
        if self.article is None or self.article.id != event.article_id or self._opened_query != query:
            self.open_article(event.article_id, query)
        index = self.query_one(ArticleList).highlighted
        if query and index is not None:
            self.want_snippets_near(index, self._token, self.effective_query, self.order, len(self.rows))  # type: ignore[arg-type]
        if event.focus:
            self.read_now(event.article_id)
            self.query_one(ReadingView).focus()

    @on(ArticleOpened)
    def _article_opened(self, event: ArticleOpened) -> None:
        self.article = event.article
        self.hits = event.hits
        self.similar = event.similar
        self._opened_query = event.query
        self.store.state.last_article = event.article.id
        self.show_article_marks()
        self.start_read_clock(event.article.id)

    @on(EntityChosen)
    def _entity_chosen(self, event: EntityChosen) -> None:
        self.entity = event.entity
        self.reload()
        self.query_one(ArticleList).focus()

    @on(MentionWanted)
    def _mention(self, event: MentionWanted) -> None:
        self.query_one(ReadingView).show_mentions(event.spans)

    @on(SyncProgressed)
    def _sync_progress(self, event: SyncProgressed) -> None:
        self.query_one(SyncStatus).progress = (event.phase, event.done, event.total)

    @on(EntitiesFound)
    def _entities_found(self, _event: EntitiesFound) -> None:
        if self.article is not None and not self.article.entities:
            self.open_article(self.article.id, self.query_text.strip())

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        self._entities_pending = not event.final
        if event.final:
            self.query_one(SyncStatus).progress = None
        self.update_breadcrumb()
        if event.summary or not self.rows:
            self.reload()
            self.count_unread()
        if event.summary:
            self.notify(event.summary, markup=False, timeout=4)
