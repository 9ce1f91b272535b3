"""Saved searches (with what is new in each) and sources (with their unread counts), to open one.

A modal rather than another pane: at 80 columns the list needs the room for titles, and this is a
place you go to, then leave. Counts are worked out in a thread worker; the screen only shows them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from search.library import Library
from search.saved import SavedStatus, SourceCount, saved_status
from tui.actions import COLLECTIONS_COMMANDS, bindings
from tui.widgets.article_text import clean

SAVED_PREFIX = "saved:"
SOURCE_PREFIX = "source:"
NO_SOURCE_LABEL = "(no source)"  # the entry for articles that name no outlet


NAME_COLUMN = 28


def _name(text: str, width: int) -> str:
    name = clean(text)
    return (name[: width - 1] + "…" if len(name) > width else name).ljust(width)


def saved_row(status: SavedStatus, width: int = NAME_COLUMN) -> Content:
    """`name   3 new · 41 in all` (the new count stands out; a query that no longer runs says so)."""
    if status.problem:
        return Content.assemble(_name(status.name, width), ("  query no longer runs", "$error"))
    new = (f"{status.new:,} new", "bold $accent") if status.new else ("no new", "$text-muted")
    return Content.assemble(_name(status.name, width), "  ", new, (f" · {status.total:,} in all", "$text-muted"))


def source_row(count: SourceCount, width: int = NAME_COLUMN) -> Content:
    unread = (f"{count.unread:,} unread", "$accent") if count.unread else ("all read", "$text-muted")
    name = Content.styled(_name(NO_SOURCE_LABEL, width), "italic") if count.missing else _name(count.source, width)
    kind = (" · feed", "$text-muted") if count.feed else ""
    return Content.assemble(name, "  ", unread, (f" · {count.total:,} in all", "$text-muted"), kind)


class CollectionsScreen(ModalScreen[tuple[str, str] | None]):
    """Answers ("saved", name) or ("source", name); Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(COLLECTIONS_COMMANDS)

    class Counted(Message):
        def __init__(self, saved: list[SavedStatus], sources: list[SourceCount]) -> None:
            super().__init__()
            self.saved = saved
            self.sources = sources

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical(classes="user-dialog collections-dialog"):
            yield Static(Content.styled("Saved searches and sources", "bold"), markup=False)
            yield OptionList(Option(Content("counting…"), disabled=True), id="collections-list")
            yield Static(
                Content.styled("enter opens · ctrl+s saves the current search · esc closes", "$text-muted"),
                markup=False,
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="collections")
    def count(self) -> None:
        self.post_message(self.Counted(saved_status(self.library), self.library.source_counts()))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        options: list[Option | None] = [Option(Content.styled("Saved searches", "bold $secondary"), disabled=True)]
        if not event.saved:
            options.append(Option(Content.styled("  none yet: search, then ctrl+s", "$text-muted"), disabled=True))
        names = [s.name for s in event.saved] + [c.source or NO_SOURCE_LABEL for c in event.sources]
        width = min(NAME_COLUMN, max((len(n) for n in names), default=1))
        options += [Option(Content("  ") + saved_row(s, width), id=SAVED_PREFIX + s.name) for s in event.saved]
        options.append(None)
        options.append(Option(Content.styled("Sources", "bold $secondary"), disabled=True))
        options += [Option(Content("  ") + source_row(c, width), id=SOURCE_PREFIX + c.source) for c in event.sources]
        if not event.sources:
            options.append(Option(Content.styled("  no articles yet", "$text-muted"), disabled=True))
        listing = self.query_one(OptionList)
        listing.set_options(options)
        first = next((i for i, o in enumerate(listing.options) if not o.disabled), None)
        listing.highlighted = first

    def action_cursor(self, direction: str) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if direction == "down" else listing.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        for prefix in (SAVED_PREFIX, SOURCE_PREFIX):
            if option_id.startswith(prefix):
                self.dismiss((prefix[:-1], option_id[len(prefix) :]))
