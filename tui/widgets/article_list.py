"""The article list: title first (up to two lines), then date and source, then under a query one line
of snippet with the hits marked (why it matched). Fed in pages so 100,000 rows never load at once."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search.results import ArticleSummary, Snippet
from tui.actions import LIST_COMMANDS, bindings
from tui.messages import ArticleChosen, MoreRowsWanted
from tui.widgets.article_text import clean, row_date

PAGE_MARGIN = 25
TITLE_LINES = 2
INDENT = "  "
# Below this many columns of row text (a list about 37 wide) a snippet has no room worth reading.
SNIPPET_MIN_COLUMNS = 34
SNIPPET_LEAD = 12
HIT_STYLE = "bold $text-accent underline"


def _title_lines(title: str, width: int) -> list[str]:
    """The title wrapped to `width`, at most TITLE_LINES lines, the last cut with an ellipsis."""
    lines = textwrap.wrap(clean(title), width=max(width, 8)) or ["(untitled)"]
    if len(lines) > TITLE_LINES:
        rest = " ".join(lines[TITLE_LINES - 1 :])
        lines = [*lines[: TITLE_LINES - 1], rest[: max(width - 1, 1)].rstrip() + "…"]
    return lines


def snippet_line(snippet: Snippet, width: int) -> Content:
    """One line of the snippet starting just before its first hit, with every hit on it marked."""
    text = " ".join(clean(snippet.text).split("\n"))
    first = snippet.spans[0].start if snippet.spans else 0
    start = max(0, first - SNIPPET_LEAD)
    # Start at a word boundary so the line does not open mid-word.
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    lead = "…" if start else ""
    room = max(width - len(lead), 1)
    piece = text[start : start + room]
    tail = "…" if start + room < len(text) else ""
    if tail:
        piece = piece[: room - 1].rstrip(" …")
    line = Content(lead + piece + tail)
    for span in snippet.spans:
        a, b = span.start - start + len(lead), span.end - start + len(lead)
        if b > len(lead) and a < len(lead) + len(piece):
            line = line.stylize(HIT_STYLE, max(a, len(lead)), min(b, len(lead) + len(piece)))
    return line


def row_content(
    row: ArticleSummary,
    *,
    read: bool,
    bookmarked: bool,
    width: int,
    snippet: Snippet | None = None,
    tags: tuple[str, ...] = (),
) -> Content:
    """Plain-text lines for one article; the title is never parsed as markup. A bookmarked article
    still shows whether it is unread (● then ★); the user's tags follow the date and source."""
    marker = ("●" if not read else " ") + ("★" if bookmarked else " ")
    text_width = max(width - len(INDENT), 8)
    title = _title_lines(row.title, text_width)
    title_style = "" if read else "bold"
    lines = [Content.assemble((marker, "$accent"), " ", (title[0], title_style))]
    lines += [Content.assemble(INDENT, (line, title_style)) for line in title[1:]]
    date = row_date(row)
    # A date we inferred, or a window from who held office, is marked '?': never a guess shown as a fact.
    sure = "?" if (row.date_confidence != "stated" if row.published else row.date_window) else ""
    meta: list[tuple[str, str] | str] = [INDENT, (date, "$text-muted"), (sure, "$warning")]
    if row.source:
        meta += [(" · ", "$text-muted"), (clean(row.source), "$text-secondary")]
    if tags:
        meta.append((" " + " ".join(f"#{clean(tag)}" for tag in tags), "$accent"))
    lines.append(Content.assemble(*meta))
    if snippet is not None and snippet.text and width >= SNIPPET_MIN_COLUMNS:
        lines.append(Content.assemble(INDENT, snippet_line(snippet, text_width).stylize_before("$text-muted")))
    return Content("\n").join(lines)


class ArticleList(OptionList):
    """Dumb view of `rows`; posts ArticleChosen as the highlight moves and MoreRowsWanted near the end."""

    HELP = """\
## Article list
Move with **j**/**k** or the arrows, **g**/**G** for first/last. The highlighted article opens in the
reading view. **s** cycles the order (a search starts by relevance), **u** marks read/unread, **b** bookmarks.
The ● marks unread articles, ★ bookmarked ones; a date followed by **?** was inferred, not stated.
Under a search each result shows a line of its text with the matching words marked.
**Esc** clears the active filter.
"""

    BINDINGS: ClassVar[list[BindingType]] = bindings(LIST_COMMANDS)

    rows: reactive[tuple[ArticleSummary, ...]] = reactive((), init=False)
    read_ids: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    bookmarks: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    has_more: reactive[bool] = reactive(False, init=False)
    snippets: reactive[Mapping[str, Snippet]] = reactive(dict, init=False)
    tags_by_id: reactive[dict[str, tuple[str, ...]]] = reactive(dict, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[ArticleSummary, ...] = ()
        self._asked_at = -1
        self._width = 0

    def _row(self, row: ArticleSummary) -> Option:
        content = row_content(
            row,
            read=row.id in self.read_ids,
            bookmarked=row.id in self.bookmarks,
            width=self._width or self._text_width() or 40,
            snippet=self.snippets.get(row.id),
            tags=self.tags_by_id.get(row.id, ()),
        )
        return Option(content, id=row.id)

    def _text_width(self) -> int:
        """Columns a row may use: a scrollbar that appears later must not cut the rows already laid out."""
        return max(self.content_region.width - self.styles.scrollbar_size_vertical, 0)

    def on_resize(self) -> None:
        """Rows are wrapped to the list's width, so a new width lays them out again."""
        width = self._text_width()
        if width and width != self._width:
            self._width = width
            highlighted = self.highlighted
            self._relayout()
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted

    def _relayout(self) -> None:
        seen: set[str] = set()
        self.set_options(self._row(row) for row in self._shown if not (row.id in seen or seen.add(row.id)))

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

    def watch_snippets(self, old: Mapping[str, Snippet], new: Mapping[str, Snippet]) -> None:
        self._refresh_rows({key for key in set(old) | set(new) if old.get(key) != new.get(key)})

    def watch_tags_by_id(self, old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]) -> None:
        self._refresh_rows({k for k in old.keys() | new.keys() if old.get(k) != new.get(k)})

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
