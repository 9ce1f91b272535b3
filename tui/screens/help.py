"""The help overlay: every key, generated from the declarations in tui.actions (after the user's keymap),
plus help for the pane the user was in. It scrolls with j/k/PgDn/PgUp/Home/End at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tui.actions import HELP_COMMANDS, Command, bindings, key_display

KeySection = tuple[str, list[tuple[str, str]]]


def key_sections(app: App[object], sections: Iterable[tuple[str, Iterable[Command]]]) -> list[KeySection]:
    """(heading, [(keys, help line)]) for each section, with remapped keys shown as remapped."""
    result: list[KeySection] = []
    for heading, commands in sections:
        rows = [(key_display(app, command), command.help) for command in commands]
        if rows:
            result.append((heading, rows))
    return result


def _key_rows(sections: list[KeySection]) -> ComposeResult:
    """A heading per section, then a row per key: keys in a column, the help line wrapping beside it."""
    for heading, rows in sections:
        yield Static(Content.styled(heading, "bold $accent"), classes="help-heading", markup=False)
        for keys, description in rows:
            with Horizontal(classes="help-row"):
                yield Static(Content.styled(keys, "bold"), classes="help-key", markup=False)
                yield Static(Content(description), classes="help-line", markup=False)


class HelpScreen(ModalScreen[None]):
    """One scrolling column, focused from the start, so the scroll keys work without Tab."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(HELP_COMMANDS)

    def __init__(self, sections: list[KeySection], pane_help: str) -> None:
        super().__init__()
        self.sections = sections
        self.pane_help = pane_help

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            if self.pane_help:
                yield Markdown(self.pane_help, id="help-pane")
            with Vertical(id="help-keys"):
                yield from _key_rows(self.sections)

    def on_mount(self) -> None:
        self.query_one("#help-dialog").focus()

    def action_scroll(self, where: str) -> None:
        dialog = self.query_one("#help-dialog", VerticalScroll)
        moves = {
            "down": dialog.scroll_down,
            "up": dialog.scroll_up,
            "page_down": dialog.scroll_page_down,
            "page_up": dialog.scroll_page_up,
            "home": dialog.scroll_home,
            "end": dialog.scroll_end,
        }
        move = moves.get(where)
        if move is not None:
            move(animate=False)
