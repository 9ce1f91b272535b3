"""The help overlay: every key, generated from the declarations in tui.actions (after the user's keymap),
plus help for the pane the user was in. It scrolls with j/k/PgDn/PgUp/Home/End at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from tui.actions import HELP_COMMANDS, Command, bindings, key_display

KeySection = tuple[str, list[tuple[str, str]]]
KEY_COLUMN = 18


def key_sections(app: App[object], sections: Iterable[tuple[str, Iterable[Command]]]) -> list[KeySection]:
    """(heading, [(keys, help line)]) for each section, with remapped keys shown as remapped."""
    result: list[KeySection] = []
    for heading, commands in sections:
        rows = [(key_display(app, command), command.help) for command in commands]
        if rows:
            result.append((heading, rows))
    return result


def _keys_content(sections: list[KeySection]) -> Content:
    lines: list[Content] = []
    for heading, rows in sections:
        lines.append(Content.styled(heading, "bold $accent"))
        for keys, description in rows:
            lines.append(Content.assemble((f"  {keys:<{KEY_COLUMN}}", "bold"), " ", description))
        lines.append(Content(""))
    return Content("\n").join(lines)


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
            yield Static(_keys_content(self.sections), id="help-keys", markup=False)

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
