"""The Textual application: global keys, themes, the keymap and the help overlay; the rest is MainScreen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.widget import Widget

from search.library import Library
from tui.analysis_commands import EntityTimelines
from tui.commands import ArticleTitles, EntityNames
from tui.screens.help import HelpScreen, key_sections
from tui.screens.main import MainScreen
from tui.settings import Store
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox, SearchInput


class AllianceReader(App[None]):
    """Owns nothing but app-wide concerns, so tests and the CLI build it the same way (tui.factory)."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "alliance-reader"
    COMMANDS = App.COMMANDS | {ArticleTitles, EntityNames, EntityTimelines}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_always"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, library: Library, store: Store, *, sync: bool = True) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.sync_on_mount = sync

    def on_mount(self) -> None:
        if self.store.keymap:
            self.set_keymap(self.store.keymap)
        if self.store.settings.theme in self.available_themes:
            self.theme = self.store.settings.theme
        self.push_screen(MainScreen(self.library, self.store, sync=self.sync_on_mount))
        for notice in self.store.notices:
            self.notify(notice, severity="warning", markup=False, timeout=8)

    def watch_theme(self, theme: str) -> None:
        if self.store.settings.theme != theme:
            self.store.settings.theme = theme
            problem = self.store.save_settings()
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def action_help(self) -> None:
        owners: list[tuple[str, list[BindingType]]] = [
            ("Everywhere", list(self.BINDINGS)),
            ("Main screen", list(MainScreen.BINDINGS)),
            ("Article list", list(ArticleList.BINDINGS)),
            ("Reading view", list(ReadingView.BINDINGS)),
            ("Entity sidebar", list(EntitySidebar.BINDINGS)),
            ("Search box", list(SearchInput.BINDINGS)),
        ]
        self.push_screen(HelpScreen(key_sections(self, owners), _pane_help(self.focused)))


def _pane_help(widget: Widget | None) -> str:
    """HELP of the focused pane (or of the pane containing the focused widget)."""
    node = widget
    while node is not None:
        if isinstance(node, ArticleList | ReadingView | EntitySidebar | SearchBox) and node.HELP:
            return node.HELP
        node = node.parent if isinstance(node.parent, Widget) else None
    return ""
