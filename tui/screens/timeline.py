"""The timeline screen: an entity's (or a query's) dated appearances, grouped by month, oldest first.

Enter opens the article scrolled to the sentence (the screen is dismissed with where to go); Esc
returns; x exports the articles on the timeline. The entries are loaded in a thread worker.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from corpus.model import Span
from search.analysis import TimelineEntry
from search.library import Library
from tui.actions import TIMELINE_COMMANDS, bindings
from tui.screens.export import ExportScreen, run_export
from tui.widgets.article_text import clean

UNDATED = "Undated"
QUOTE_MARK = "❝ "


@dataclass(frozen=True, slots=True)
class TimelinePick:
    """Where Enter on the timeline goes: an article, and the sentence to show."""

    article_id: str
    span: Span


def month_label(date: dt.date | None) -> str:
    return date.strftime("%B %Y") if date else UNDATED


INDENT = " " * 6


def entry_prompt(entry: TimelineEntry, width: int) -> Content:
    """Day, quote mark and source on the first line; the sentence below, wrapped under them."""
    day = f"{entry.date.day:>2}" if entry.date else " ?"
    guessed = entry.date is not None and entry.date_confidence != "stated"
    source = clean(entry.source or "unknown source")
    lines = textwrap.wrap(clean(entry.sentence), width=max(width - len(INDENT) - 1, 12)) or [""]
    return Content.assemble(
        (day + ("?" if guessed else " "), "$text-muted" if guessed else "bold"),
        " ",
        (QUOTE_MARK if entry.quote else "  ", "$text-success"),
        (source, "$text-accent"),
        "\n" + INDENT,
        ("\n" + INDENT).join(lines),
    )


class TimelineScreen(Screen[TimelinePick | None]):
    """Dates down the left, grouped by month; each row is one sentence in one article."""

    DEFAULT_CSS = """
    TimelineScreen #timeline-title { padding: 0 1; text-style: bold; background: $panel; }
    TimelineScreen #timeline { height: 1fr; border: round $primary; }
    """
    HELP = """\
## Timeline
Each row is a sentence naming the entity (or the first sentence of each result of a query), placed
at the date the sentence gives or else the article's publication date; a `?` marks a guessed date and
❝ a quote. **Enter** opens the article at that sentence, **x** exports the articles, **Esc** returns.
"""
    BINDINGS: ClassVar[list[BindingType]] = bindings(TIMELINE_COMMANDS)

    def __init__(self, library: Library, *, entity_key: str | None, query: str = "", label: str = "") -> None:
        super().__init__()
        self.library = library
        self.entity_key = entity_key
        self.query_text = query
        self.label = label or entity_key or query
        self.entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Timeline: {self.label}"), id="timeline-title", markup=False)
        yield OptionList(Option(Content.styled("Loading…", "$text-muted"), disabled=True), id="timeline")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline")
    def load(self) -> None:
        try:
            entries = self.library.timeline(self.entity_key, query=self.query_text)
        except Exception as exc:  # a damaged index or a bad query: words, not a traceback
            self.app.call_from_thread(self.show_problem, str(exc) or exc.__class__.__name__)
            return
        self.app.call_from_thread(self.show_entries, entries)

    def show_problem(self, problem: str) -> None:
        options = self.query_one(OptionList)
        options.set_options([Option(Content.styled(problem, "$text-error"), disabled=True)])

    def on_resize(self) -> None:
        if self.entries:
            self.show_entries(self.entries)

    def show_entries(self, entries: list[TimelineEntry]) -> None:
        self.entries = entries
        widget = self.query_one(OptionList)
        width = widget.scrollable_content_region.width or self.size.width - 4
        if not widget.show_vertical_scrollbar:
            # The rows about to be set will bring the scrollbar; a line wrapped for the room without it
            # would wrap again under the day, outside the indent.
            width -= widget.styles.scrollbar_size_vertical
        highlighted = widget.highlighted
        options: list[Option] = []
        month = None
        for index, entry in enumerate(entries):
            label = month_label(entry.date)
            if label != month:
                month = label
                options.append(Option(Content.styled(label, "bold $accent"), disabled=True))
            options.append(Option(entry_prompt(entry, width), id=str(index)))
        if not options:
            options.append(Option(Content.styled("Nothing dated to show.", "$text-muted"), disabled=True))
        widget.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        widget.highlighted = highlighted if highlighted is not None and highlighted < len(options) else first
        count = len(entries)
        self.query_one("#timeline-title", Static).update(
            Content(f"Timeline: {self.label} ({count} appearance{'s' if count != 1 else ''})")
        )

    @on(OptionList.OptionSelected, "#timeline")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entries[int(event.option.id or 0)]
        self.dismiss(TimelinePick(entry.article_id, Span(entry.start, entry.end)))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_export(self) -> None:
        ids = tuple(dict.fromkeys(e.article_id for e in self.entries))
        if not ids:
            self.notify("Nothing to export yet.", timeout=2)
            return
        self.app.push_screen(ExportScreen(len(ids)), lambda choice: run_export(self, self.library, ids, choice))
