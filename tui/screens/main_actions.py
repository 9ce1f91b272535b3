"""The main screen's key actions, layout rules and error handling, kept apart from its state wiring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.worker import Worker, WorkerState

from search.errors import IndexBusyError, IndexUnavailableError, SearchError
from tui.screens.error import ErrorScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox
from tui.widgets.status_bar import SyncStatus

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

SORTS = ("date", "relevance", "title")
SIDEBAR_MIN_COLUMNS = 110
NARROW_COLUMNS = 100
READER_MIN_COLUMNS = 46


def plain_problem(error: BaseException | None) -> str:
    """Words for a user, never a traceback: search errors carry their own message."""
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
        """Esc steps back: close find, then leave the search box, then drop the query, then the entity."""
        if self.query_one(ReadingView).close_find():
            return
        box = self.query_one(SearchBox)
        if self.query_text or box.input.value:
            self.query_text = ""
            box.set_query("")
            box.error = ""
        elif self.entity is not None:
            self.entity = None
        elif box.input.has_focus:
            self.query_one(ArticleList).focus()
            return
        else:
            return
        self.reload()
        self.query_one(ArticleList).focus()

    def action_cycle_sort(self: MainScreen) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)] if self.sort in SORTS else "date"
        self.store.settings.sort = self.sort
        self._save(self.store.save_settings())
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
            settings.list_width = max(20, min(100, settings.list_width + step))
        else:
            settings.sidebar_width = max(18, min(60, settings.sidebar_width + step))
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
        room = columns - (settings.sidebar_width if sidebar.display else 0) - READER_MIN_COLUMNS
        self.query_one(ArticleList).styles.width = max(20, min(settings.list_width, room))
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
            self.query_one(SyncStatus).progress = None
            self.app.push_screen(ErrorScreen("The library could not be indexed", problem))
        else:
            self.notify(problem, title="Problem", severity="error", markup=False, timeout=6)
