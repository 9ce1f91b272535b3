"""The main screen's key actions, layout rules and error handling, kept apart from its state wiring."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import events
from textual.worker import Worker, WorkerState

from corpus.model import EntityType
from corpus.safety import shown
from search.errors import IndexBusyError, IndexUnavailableError, SearchError
from tui.screens.error import ErrorScreen
from tui.settings import LIST_WIDTH_AUTO, LIST_WIDTHS, SIDEBAR_WIDTHS
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox
from tui.widgets.status_bar import SyncStatus

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

# A search starts by relevance; without a query there is no relevance to rank by.
QUERY_ORDERS = ("relevance", "date", "title")
LIST_ORDERS = ("date", "title")
SIDEBAR_MIN_COLUMNS = 110
NARROW_COLUMNS = 100
READER_MIN_COLUMNS = 40
# The reader's widest measure (text plus border and padding): longer lines are hard to read.
READER_MAX_COLUMNS = 104
# An automatic list takes this share of the room beside the sidebar, and never less than the
# width at which rows still show a snippet.
LIST_SHARE = 0.48
LIST_MIN_AUTO = 40


_ENTITY_TERM = re.compile(rf"\b(?:{'|'.join(kind.value for kind in EntityType)}):", re.IGNORECASE)


def uses_entities(query: str) -> bool:
    """Whether the query asks about people, organisations or places (answers wait for entity extraction)."""
    return bool(_ENTITY_TERM.search(query))


def list_width_for(room: int, chosen: int) -> int:
    """The list's width given the columns left beside the sidebar and the user's width (or auto)."""
    if chosen == LIST_WIDTH_AUTO:
        wanted = max(int(room * LIST_SHARE), room - READER_MAX_COLUMNS, LIST_MIN_AUTO)
    else:
        wanted = chosen
    return max(LIST_WIDTHS[0], min(wanted, room - READER_MIN_COLUMNS))


def plain_problem(error: BaseException | None) -> str:
    """Words for a user, never a traceback, through `shown` (messages carry paths and queries)."""
    return shown(_plain_problem(error))


def _plain_problem(error: BaseException | None) -> str:
    if isinstance(error, IndexBusyError):
        return f"The index is busy (another alliance-reader is updating it). {error}"
    if isinstance(error, IndexUnavailableError | SearchError):
        return str(error)
    if isinstance(error, OSError):
        return f"A file could not be read or written: {error.strerror or error}"
    return f"Something went wrong: {error.__class__.__name__}: {error}"


class MainActions:
    """Mixin for MainScreen (typed as `self: MainScreen`)."""

    def action_focus_search(self: MainScreen) -> None:
        self.query_one(SearchBox).input.focus()

    def action_clear_filter(self: MainScreen) -> None:
        """Esc steps back: close find, then leave the search box, then drop the query, then the entity.

        Leaving the box keeps the query and its results, so a stray Esc while typing loses nothing; the
        next Esc drops the query, which goes into the history first, so `/` then up brings it back."""
        if self.query_one(ReadingView).close_find():
            return
        box = self.query_one(SearchBox)
        if box.input.has_focus:
            self.query_one(ArticleList).focus()
            return
        if self.query_text or box.input.value:
            self.store.remember_query(box.input.value or self.query_text)
            box.history = tuple(self.store.state.history)
            self._save(self.store.save_state())
            self.query_text = ""
            box.set_query("")
            box.error = ""
        elif self.entity is not None:
            self.entity = None
        else:
            return
        self.reload()
        self.query_one(ArticleList).focus()

    def action_cycle_sort(self: MainScreen) -> None:
        """A search cycles relevance, date and title; the plain list date and title. Each is remembered."""
        settings = self.store.settings
        if self.query_text.strip():
            current = self.query_sort if self.query_sort in QUERY_ORDERS else QUERY_ORDERS[-1]
            self.query_sort = QUERY_ORDERS[(QUERY_ORDERS.index(current) + 1) % len(QUERY_ORDERS)]
            settings.query_sort = self.query_sort
        else:
            current = self.sort if self.sort in LIST_ORDERS else LIST_ORDERS[-1]
            self.sort = LIST_ORDERS[(LIST_ORDERS.index(current) + 1) % len(LIST_ORDERS)]
            settings.sort = self.sort
        self._save(self.store.save_settings())
        self.update_breadcrumb()
        self.reload()

    def action_toggle_sidebar(self: MainScreen) -> None:
        sidebar = self.query_one(EntitySidebar)
        self.store.settings.sidebar_visible = not sidebar.display
        self._save(self.store.save_settings())
        self.apply_widths()

    def action_next_hit(self: MainScreen) -> None:
        self.query_one(ReadingView).action_next_hit()

    def action_previous_hit(self: MainScreen) -> None:
        self.query_one(ReadingView).action_previous_hit()

    def action_find(self: MainScreen) -> None:
        self.query_one(ReadingView).open_find()

    def action_resize(self: MainScreen, pane: str, step: int) -> None:
        settings = self.store.settings
        if pane == "list":
            current = self.query_one(ArticleList).outer_size.width or settings.list_width
            settings.list_width = max(LIST_WIDTHS[0], min(LIST_WIDTHS[1], current + step))
        else:
            settings.sidebar_width = max(SIDEBAR_WIDTHS[0], min(SIDEBAR_WIDTHS[1], settings.sidebar_width + step))
        self._save(self.store.save_settings())
        self.apply_widths()

    def apply_widths(self: MainScreen) -> None:
        """Explicit pane widths (auto widths cost seconds at first paint) that follow the terminal size."""
        columns = self.size.width or self.app.size.width
        settings = self.store.settings
        sidebar = self.query_one(EntitySidebar)
        visible = settings.sidebar_visible
        sidebar.display = columns >= SIDEBAR_MIN_COLUMNS if visible is None else visible
        self.narrow = columns < NARROW_COLUMNS
        room = columns - (settings.sidebar_width if sidebar.display else 0)
        self.query_one(ArticleList).styles.width = list_width_for(room, settings.list_width)
        sidebar.styles.width = settings.sidebar_width

    def on_resize(self: MainScreen, event: events.Resize) -> None:
        self.apply_widths()

    def _save(self: MainScreen, problem: str | None) -> None:
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def on_worker_state_changed(self: MainScreen, event: Worker.StateChanged) -> None:
        """The one place a failed worker becomes words for the user (workers never exit the app)."""
        worker = event.worker
        if event.state != WorkerState.ERROR:
            return
        problem = plain_problem(worker.error)
        if worker.group == "index":
            self.query_one(SyncStatus).failed = True
            self.query_one(SyncStatus).progress = None
            self.app.push_screen(ErrorScreen("The library could not be indexed", problem))
        else:
            self.notify(problem, title="Problem", severity="error", markup=False, timeout=6)
