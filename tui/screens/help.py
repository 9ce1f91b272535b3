"""The help overlay: every key, generated from the bindings (after the user's keymap), plus pane help."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

KeySection = tuple[str, list[tuple[str, str]]]
NARROW_COLUMNS = 100


def key_sections(app: App[object], owners: Iterable[tuple[str, list[BindingType]]]) -> list[KeySection]:
    """(heading, [(keys, description)]) for each binding owner, with remapped keys shown as remapped."""
    keymap = getattr(app, "_keymap", {})
    sections: list[KeySection] = []
    for heading, bindings in owners:
        rows: list[tuple[str, str]] = []
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = keymap.get(binding.id or "", binding.key)
            shown = ", ".join(app.get_key_display(binding.with_key(key.strip())) for key in keys.split(","))
            rows.append((shown, binding.description))
        if rows:
            sections.append((heading, rows))
    return sections


def _keys_content(sections: list[KeySection]) -> Content:
    lines: list[Content] = []
    for heading, rows in sections:
        lines.append(Content.styled(heading, "bold $accent"))
        lines += [Content.assemble((f"  {keys:<16}", "bold"), description) for keys, description in rows]
        lines.append(Content(""))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Esc, q, ? or F1 close it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close")
    ]

    def __init__(self, sections: list[KeySection], pane_help: str) -> None:
        super().__init__()
        self.sections = sections
        self.pane_help = pane_help

    def compose(self) -> ComposeResult:
        with ScrollableContainer(id="help-dialog"):
            with VerticalScroll(id="help-keys"):
                yield Static(_keys_content(self.sections), markup=False)
            with VerticalScroll(id="help-pane"):
                yield Markdown(self.pane_help or "Press **Tab** to move between panes.")

    def on_resize(self) -> None:
        """Narrow: one column that scrolls as a whole (arrows, PgUp/PgDn); wide: keys beside pane help."""
        dialog = self.query_one("#help-dialog")
        narrow = self.size.width < NARROW_COLUMNS
        dialog.set_class(narrow, "narrow")
        if narrow:
            dialog.focus()
