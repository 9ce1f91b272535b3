"""The main screen: owns the state (filter, rows, open article) and binds it into three dumb panes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Footer
from textual.widgets.option_list import OptionDoesNotExist

from corpus.model import Article, Span
from search.library import Library
from search.results import ArticleSummary
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
from tui.screens.library_work import LibraryWork
from tui.screens.main_actions import MainActions
from tui.settings import Store
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox
from tui.widgets.status_bar import Breadcrumb, SyncStatus


class MainScreen(MainActions, AnalysisActions, LibraryWork):
    """State lives here as reactives; widgets get it through data_bind and talk back with messages."""

    AUTO_FOCUS = "#list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="main.search"),
        Binding("escape", "clear_filter", "Clear", show=False, id="main.clear"),
        Binding("n", "next_hit", "Next hit", id="main.next_hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, id="main.previous_hit"),
        Binding("s", "cycle_sort", "Sort", id="main.sort"),
        Binding("e", "toggle_sidebar", "Entities", id="main.entities"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="main.read"),
        Binding("b", "toggle_bookmark", "Bookmark", show=False, id="main.bookmark"),
        Binding("f,ctrl+f", "find", "Find", show=False, id="main.find"),
        Binding("t", "timeline", "Timeline", show=False, id="main.timeline"),
        Binding("x", "export", "Export", show=False, id="main.export"),
        Binding("left_square_bracket", "resize('list', -4)", "Narrower list", show=False, id="main.list_narrower"),
        Binding("right_square_bracket", "resize('list', 4)", "Wider list", show=False, id="main.list_wider"),
        Binding(
            "left_curly_bracket", "resize('sidebar', -4)", "Narrower sidebar", show=False, id="main.sidebar_narrower"
        ),
        Binding("right_curly_bracket", "resize('sidebar', 4)", "Wider sidebar", show=False, id="main.sidebar_wider"),
    ]

    query_text: var[str] = var("")
    entity: var[EntityFilter | None] = var(None)
    sort: var[str] = var("date")
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

    def __init__(self, library: Library, store: Store, *, sync: bool = True) -> None:
        super().__init__(library)
        self.store = store
        self.sync_on_mount = sync
        self._token = 0
        self._restore_last = True
        self._opened_query = ""
        self.set_reactive(MainScreen.sort, store.settings.sort)
        self.set_reactive(MainScreen.read_ids, frozenset(store.state.read))
        self.set_reactive(MainScreen.bookmarks, frozenset(store.state.bookmarks))

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="header")
        with Horizontal(id="search-row"):
            yield SearchBox(id="search")
            yield SyncStatus(id="sync-status")
        with Horizontal(id="panes"):
            yield ArticleList(id="list").data_bind(
                MainScreen.rows, MainScreen.read_ids, MainScreen.bookmarks, MainScreen.narrow, MainScreen.has_more
            )
            yield ReadingView(id="reader").data_bind(MainScreen.article, MainScreen.hits, MainScreen.similar)
            yield EntitySidebar(id="entities").data_bind(MainScreen.article)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(SearchBox).history = tuple(self.store.state.history)
        self.apply_widths()
        if self.library.store.exists():
            self.reload()
        if self.sync_on_mount or not self.library.store.exists():
            self.query_one(SyncStatus).progress = ("checking sources", 0, 0)
            self.call_after_refresh(self.run_sync)
        self.query_one(ArticleList).focus()

    # -- state -> view -----------------------------------------------------------------------
    @property
    def effective_query(self) -> str:
        parts = [self.entity.query if self.entity else "", self.query_text.strip()]
        return " ".join(p for p in parts if p)

    def reload(self, *, offset: int = 0) -> None:
        if offset == 0:
            self._token += 1
        self.load_rows(self._token, self.effective_query, self.sort, offset)  # type: ignore[arg-type]

    def watch_query_text(self) -> None:
        self.update_breadcrumb()

    def watch_entity(self) -> None:
        self.update_breadcrumb()

    def update_breadcrumb(self) -> None:
        about = "" if self.total_exact else "about "
        crumbs = ["alliance-reader", f"{about}{self.total} article{'s' if self.total != 1 else ''}"]
        if self.query_text.strip():
            crumbs.append(f"query: {self.query_text.strip()}")
        if self.entity:
            crumbs.append(f"{self.entity.type}: {self.entity.name}")
        crumbs.append(f"by {self.sort}")
        self.query_one(Breadcrumb).crumbs = tuple(crumbs)
        filtered = bool(self.effective_query)
        shown = f"{len(self.rows)} of {about}{self.total}" if filtered or self.has_more else str(self.total)
        label = "Results" if filtered else "Articles"
        self.query_one(ArticleList).border_title = f"{label} ({shown})"

    # -- messages from widgets and workers ---------------------------------------------------
    @on(SearchRequested)
    def _search(self, event: SearchRequested) -> None:
        if event.query != self.query_text or event.immediate:
            self.query_text = event.query
            self.reload()
        if event.immediate:
            self.store.remember_query(event.query)
            self.query_one(SearchBox).history = tuple(self.store.state.history)
            self.store.save_state()
            self.query_one(ArticleList).focus()

    @on(RowsLoaded)
    def _rows_loaded(self, event: RowsLoaded) -> None:
        if event.token != self._token:
            return
        self.rows = self.rows + event.rows if event.append else event.rows
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
        last = self.store.state.last_article
        if self._restore_last and last and not event.append:
            self._restore_last = False
            if any(row.id == last for row in event.rows):
                self.jump_to_article(last)

    def jump_to_article(self, article_id: str) -> None:
        """Highlight the article if the list shows it, else just open it (palette jumps)."""
        article_list = self.query_one(ArticleList)
        try:
            article_list.highlighted = article_list.get_option_index(article_id)
        except OptionDoesNotExist:
            self.open_article(article_id, self.query_text.strip())
        article_list.focus()

    @on(SearchFailed)
    def _search_failed(self, event: SearchFailed) -> None:
        if event.token == self._token:
            self.query_one(SearchBox).error = event.problem

    @on(MoreRowsWanted)
    def _more_rows(self, event: MoreRowsWanted) -> None:
        if self.has_more and not self.effective_query:
            self.reload(offset=len(self.rows))

    @on(ArticleChosen)
    def _article_chosen(self, event: ArticleChosen) -> None:
        query = self.query_text.strip()
        if self.article is None or self.article.id != event.article_id or self._opened_query != query:
            self.open_article(event.article_id, query)
        if event.focus:
            self.query_one(ReadingView).focus()

    @on(ArticleOpened)
    def _article_opened(self, event: ArticleOpened) -> None:
        self.article = event.article
        self.hits = event.hits
        self.similar = event.similar
        self._opened_query = event.query
        self.store.state.last_article = event.article.id
        self.set_read(event.article.id, True)

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
        if event.final:
            self.query_one(SyncStatus).progress = None
        if event.summary or not self.rows:
            self.reload()
        if event.summary:
            self.notify(event.summary, markup=False, timeout=4)
