"""The export modal (`x`): a format and a file; the export itself runs in a thread worker.

Exports carry the user's tags and notes (`Library.export_records`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from search.export import FORMATS, default_file_name, save
from search.library import Library
from tui.actions import DIALOG_COMMANDS, bindings, section
from tui.widgets.article_text import counted

FORMAT_LABELS = {
    "md": "Markdown digest",
    "csv": "CSV table",
    "json": "JSON",
    "csljson": "CSL-JSON citations",
    "bibtex": "BibTeX citations",
    "ris": "RIS citations",
}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    format: str
    path: Path


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Choose a format and where to write; Enter or Export confirms, Esc cancels."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; background: $background 60%; }
    ExportScreen #export-dialog { width: 64; max-width: 95%; height: auto; border: thick $primary;
                                  background: $panel; padding: 1 2; }
    ExportScreen #export-dialog > * { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(section(DIALOG_COMMANDS, "export.cancel"))

    def __init__(self, count: int, *, folder: Path | None = None) -> None:
        super().__init__()
        self.count = count
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            noun = "article" if self.count == 1 else "articles"
            yield Static(Content.styled(f"Export {self.count} {noun}", "bold"), markup=False)
            yield Select(
                [(label, fmt) for fmt, label in FORMAT_LABELS.items()],
                value="md",
                allow_blank=False,
                id="export-format",
            )
            yield Input(str(self.folder / default_file_name("md")), id="export-path")
            yield Button("Export", variant="primary", id="export-go")

    def on_mount(self) -> None:
        self.query_one(Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value)
        if current.name.startswith("alliance-reader-export."):
            path_input.value = str(current.parent / default_file_name(str(event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._confirm()

    def _confirm(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        fmt = str(self.query_one(Select).value)
        if not value or fmt not in FORMATS:
            self.notify("Give a file name to write to.", severity="warning", timeout=3)
            return
        self.dismiss(ExportChoice(fmt, Path(value)))

    def action_cancel(self) -> None:
        self.dismiss(None)


def run_export(
    node: DOMNode,
    library: Library,
    article_ids: Sequence[str],
    choice: ExportChoice | None,
) -> None:
    """Export in a thread worker on `node`; the outcome is a notification, never a traceback."""
    if choice is None:
        return

    def export_now() -> None:
        try:
            articles = [library.article(i) for i in article_ids]
            records = library.export_records(articles)
            written = save(records, choice.format, choice.path)
        except OSError as exc:
            message = f"Could not write the export: {exc.strerror or exc}"
            node.app.call_from_thread(node.notify, message, severity="error", markup=False, timeout=6)
            return
        except Exception as exc:
            message = f"Could not export: {exc}"
            node.app.call_from_thread(node.notify, message, severity="error", markup=False, timeout=6)
            return
        done = f"Exported {counted(len(records), 'article')} to {written}"
        node.app.call_from_thread(node.notify, done, markup=False, timeout=4)

    node.run_worker(export_now, thread=True, exit_on_error=False, group="export")
