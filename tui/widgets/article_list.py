"""The article list: one line per article, fed in pages so 100,000 rows never load at once."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search.results import ArticleSummary
from tui.messages import ArticleChosen, MoreRowsWanted

PAGE_MARGIN = 25


def row_content(
    row: ArticleSummary, *, read: bool, bookmarked: bool, narrow: bool, tags: tuple[str, ...] = ()
) -> Content:
    """One plain-text row; the title is never parsed as markup. A bookmarked article still shows
    whether it is unread (● then ★); the user's tags follow the title."""
    marker = ("●" if not read else " ") + ("★" if bookmarked else " ")
    date = row.published.isoformat() if row.published else "no date".center(10)
    # A date we inferred is marked '?': the list never shows a guess as a fact.
    sure = "?" if row.published and row.date_confidence != "stated" else " "
    parts: list[tuple[str, str] | str] = [(marker, "$accent"), " ", (date, "$text-muted"), (sure, "$warning"), " "]
    if not narrow and row.source:
        parts += [(row.source[:14], "$text-secondary"), "  "]
    parts.append((row.title, "" if read else "bold"))
    if tags:
        parts.append((" " + " ".join(f"#{tag}" for tag in tags), "$text-secondary"))
    return Content.assemble(*parts)


class ArticleList(OptionList):
    """Dumb view of `rows`; posts ArticleChosen as the highlight moves and MoreRowsWanted near the end."""

    HELP = """\
## Article list
Move with **j**/**k** or the arrows, **g**/**G** for first/last. The highlighted article opens in the
reading view. **s** switches between date and relevance order, **u** marks read/unread, **b** bookmarks.
The ● marks unread articles, ★ bookmarked ones; a date followed by **?** was inferred, not stated.
**Esc** clears the active filter.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]

    rows: reactive[tuple[ArticleSummary, ...]] = reactive((), init=False)
    read_ids: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    bookmarks: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    narrow: reactive[bool] = reactive(False, init=False)
    has_more: reactive[bool] = reactive(False, init=False)
    tags_by_id: reactive[dict[str, tuple[str, ...]]] = reactive(dict, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[ArticleSummary, ...] = ()
        self._asked_at = -1

    def _row(self, row: ArticleSummary) -> Option:
        content = row_content(
            row,
            read=row.id in self.read_ids,
            bookmarked=row.id in self.bookmarks,
            narrow=self.narrow,
            tags=self.tags_by_id.get(row.id, ()),
        )
        return Option(content, id=row.id)

    def watch_rows(self, old: tuple[ArticleSummary, ...], new: tuple[ArticleSummary, ...]) -> None:
        shown = self._shown
        if shown and len(new) > len(shown) and new[len(shown) - 1] is shown[-1]:
            known = {row.id for row in shown}
            self.add_options(self._row(row) for row in new[len(shown) :] if row.id not in known)
        else:
            self._asked_at = -1
            seen: set[str] = set()
            unique = [row for row in new if not (row.id in seen or seen.add(row.id))]
            self.set_options(self._row(row) for row in unique)
            if unique:
                self.highlighted = 0
        self._shown = new

    def _refresh_rows(self, ids: set[str]) -> None:
        by_id = {row.id: row for row in self._shown}
        for article_id in ids:
            row = by_id.get(article_id)
            if row is not None:
                self.replace_option_prompt(article_id, self._row(row).prompt)

    def watch_read_ids(self, old: frozenset[str], new: frozenset[str]) -> None:
        self._refresh_rows(set(old ^ new))

    def watch_bookmarks(self, old: frozenset[str], new: frozenset[str]) -> None:
        self._refresh_rows(set(old ^ new))

    def watch_tags_by_id(self, old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]) -> None:
        self._refresh_rows({k for k in old.keys() | new.keys() if old.get(k) != new.get(k)})

    def watch_narrow(self) -> None:
        self._refresh_rows({row.id for row in self._shown})

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ArticleChosen(event.option.id))
        loaded = self.option_count
        if self.has_more and event.option_index >= loaded - PAGE_MARGIN and self._asked_at != loaded:
            self._asked_at = loaded
            self.post_message(MoreRowsWanted(loaded))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ArticleChosen(event.option.id, focus=True))
