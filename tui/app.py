"""The Textual application: global keys, themes, the keymap and the help overlay; the rest is MainScreen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget

from corpus.safety import shown
from search.library import Library
from tui.actions import APP_COMMANDS, SECTIONS, binding_ids, bindings
from tui.analysis_commands import EntityTimelines
from tui.commands import Actions, ArticleTitles, EntityNames
from tui.commands_userdata import SavedSearchCommands
from tui.key_order import KeysInOrder
from tui.screens.main import MainScreen
from tui.setting_rules import quoted
from tui.settings import KEYMAP_FILE, Store
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox

# Textual's own palette entries that our declarations replace (ours show the key and the keymap's choice).
REPLACED_SYSTEM_COMMANDS = frozenset({"Theme", "Quit", "Keys"})


class AllianceReader(KeysInOrder, App[None]):
    """Owns nothing but app-wide concerns, so tests and the CLI build it the same way (tui.factory)."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "alliance-reader"
    COMMANDS = App.COMMANDS | {Actions, ArticleTitles, EntityNames, SavedSearchCommands, EntityTimelines}
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_COMMANDS)

    def __init__(self, library: Library, store: Store, *, sync: bool = True) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.sync_on_mount = sync

    def on_mount(self) -> None:
        known = binding_ids()
        for unknown in sorted(set(self.store.keymap) - known):
            self.store.notices.append(f"{KEYMAP_FILE}: no action has the id {quoted(unknown)}; entry ignored.")
        keymap = {key: keys for key, keys in self.store.keymap.items() if key in known}
        if keymap:
            self.set_keymap(keymap)
        if self.store.settings.theme in self.available_themes:
            self.theme = self.store.settings.theme
        self.push_screen(MainScreen(self.library, self.store, sync=self.sync_on_mount))
        for notice in self.store.notices:
            self.notify(shown(notice), severity="warning", markup=False, timeout=8)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice passes `shown`, line by line: notices carry paths, URLs, config values and server
        messages, and one escape sequence in them would reach the terminal."""
        message = "\n".join(shown(line) for line in message.split("\n"))
        super().notify(message, title=shown(title), severity=severity, timeout=timeout, markup=markup)

    def watch_theme(self, theme: str) -> None:
        if self.store.settings.theme != theme:
            self.store.settings.theme = theme
            problem = self.store.save_settings()
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in REPLACED_SYSTEM_COMMANDS:
                yield command

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, key_sections  # Markdown and its parser: loaded when first asked

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(key_sections(self, SECTIONS), _pane_help(self.focused)))


def _pane_help(widget: Widget | None) -> str:
    """HELP of the focused pane (or of the pane containing the focused widget)."""
    node = widget
    while node is not None:
        if isinstance(node, ArticleList | ReadingView | EntitySidebar | SearchBox) and node.HELP:
            return node.HELP
        node = node.parent if isinstance(node.parent, Widget) else None
    return ""
