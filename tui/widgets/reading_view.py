"""The reading view: one article laid out for reading, with search hits, finds and mentions marked."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Collapsible, Input, Static

from corpus.model import Article, Span
from search.results import ArticleSummary
from tui.actions import READER_COMMANDS, bindings
from tui.widgets.article_text import (
    clean,
    counted,
    find_spans,
    meta_line,
    paragraph_of,
    paragraph_offsets,
    row_date,
    styled_paragraph,
)


def _text(text: str, *classes: str) -> Static:
    return Static(Content(clean(text)), markup=False, classes=" ".join(classes))


class ReadingView(VerticalScroll):
    """Dumb view of `article` and `hits`; n/N walk whichever spans are active (hits, finds or mentions)."""

    HELP = """\
## Reading view
**n**/**N** jump to the next/previous search hit (the position shows at the bottom right).
**f** or **ctrl+f** finds text in this article; **Esc** closes the find box.
Select text with the mouse to copy it. Comments are folded at the end: **c** opens or folds them.
"""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-view--hit", "reading-view--current", "reading-view--mention", "reading-view--quote",
    }  # fmt: skip
    BINDINGS: ClassVar[list[BindingType]] = bindings(READER_COMMANDS)

    article: reactive[Article | None] = reactive(None, init=False)
    hits: reactive[tuple[Span, ...]] = reactive((), init=False)
    similar: reactive[tuple[ArticleSummary, ...]] = reactive((), init=False)
    article_marks: reactive[tuple[tuple[str, ...], str]] = reactive(((), ""), init=False)  # tags, note

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._active: tuple[Span, ...] = ()
        self._kind = "hit"
        self._index = -1
        self._offsets: list[int] = []
        self._reveal: tuple[str, Span] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Choose an article on the left."), id="reader-title", markup=False)
        yield Static("", id="reader-meta", markup=False)
        yield Static("", id="reader-user", markup=False, classes="hidden")
        yield Vertical(id="reader-body")
        yield Static("", id="reader-similar", markup=False, classes="hidden")
        yield Input(placeholder="find in article", id="find", classes="hidden")

    async def watch_article(self, article: Article | None) -> None:
        body = self.query_one("#reader-body", Vertical)
        await body.remove_children()
        self._active, self._index = (), -1
        if article is None:
            return
        self.query_one("#reader-title", Static).update(Content(clean(article.title)))
        self.query_one("#reader-meta", Static).update(meta_line(article))
        self._offsets = paragraph_offsets(article)
        widgets: list[Static | Collapsible] = []
        if article.key_points:
            widgets.append(_text("Key points", "heading"))
            widgets.append(_text("\n".join(f"• {point}" for point in article.key_points), "key-points"))
        widgets += [_text(p, "paragraph") for p in article.paragraphs]
        widgets += [_text(f"“{quote}”", "pull-quote") for quote in article.pull_quotes]
        widgets += [_text(caption, "caption") for caption in article.captions]
        if article.comments:
            count = len(article.comments)
            label = counted(count, "reader comment")
            comments = [_text(f"{c.author}: {c.text}", "comment") for c in article.comments]
            widgets.append(Collapsible(*comments, title=label, collapsed=True, id="comments"))
        await body.mount_all(widgets)
        # Tab goes from the reader to the next pane; the comments' toggle is the `c` key instead, so
        # focus never lands on it and scrolls the article to its end.
        for toggle in body.query("CollapsibleTitle"):
            toggle.can_focus = False
        self._activate(self.hits, "hit")
        self.scroll_home(animate=False)
        if self._reveal is not None and self._reveal[0] == article.id:
            self.call_after_refresh(self.show_mentions, (self._reveal[1],))
        self._reveal = None

    def reveal(self, article_id: str, span: Span) -> None:
        """Scroll to and mark `span` once `article_id` is shown (now, if it already is)."""
        if self.article is not None and self.article.id == article_id and self.query("#reader-body > .paragraph"):
            self.show_mentions((span,))
        else:
            self._reveal = (article_id, span)

    def watch_article_marks(self, marks: tuple[tuple[str, ...], str]) -> None:
        """The user's tags and note, at the top of the article (see tui.screens.user_actions)."""
        tags, note = marks
        widget = self.query_one("#reader-user", Static)
        widget.set_class(not tags and not note, "hidden")
        lines = []
        if tags:
            lines.append(Content.assemble(("tags ", "$text-muted"), (" ".join(f"#{clean(t)}" for t in tags), "bold")))
        if note:
            lines.append(Content.assemble(("note ", "$text-muted"), clean(note)))
        widget.update(Content("\n").join(lines))

    def watch_similar(self, similar: tuple[ArticleSummary, ...]) -> None:
        """Near-identical copies of this story elsewhere: grouped here, never dropped from the library."""
        widget = self.query_one("#reader-similar", Static)
        widget.set_class(not similar, "hidden")
        lines = [Content.styled("The same story elsewhere", "bold")]
        for row in similar:
            day = row_date(row)
            lines.append(Content.assemble("  • ", (day, "$text-muted"), "  ", clean(row.source or "—"), "  ",
                                          clean(row.title)))
        widget.update(Content("\n").join(lines))

    def watch_hits(self, hits: tuple[Span, ...]) -> None:
        self._activate(hits, "hit")

    def _activate(self, spans: tuple[Span, ...], kind: str, index: int = -1) -> None:
        self._active, self._kind, self._index = spans, kind, index
        self._restyle()

    def _restyle(self) -> None:
        article = self.article
        if article is None:
            return
        current = (self._active[self._index],) if 0 <= self._index < len(self._active) else ()
        mention_style = self.get_visual_style("reading-view--mention")
        layers = [
            ([Span(q.start, q.end) for q in article.quotes], self.get_visual_style("reading-view--quote")),
            ([m for e in article.entities for m in e.mentions], mention_style),
            (self._active, self.get_visual_style("reading-view--hit")),
            (current, self.get_visual_style("reading-view--current")),
        ]
        paragraphs = self.query("#reader-body > .paragraph").results(Static)
        for widget, text, start in zip(paragraphs, article.paragraphs, self._offsets, strict=False):
            widget.update(styled_paragraph(text, start, layers))
        position = f"{self._kind} {self._index + 1}/{len(self._active)}" if self._active else ""
        summary = counted(len(self._active), self._kind) if self._active else ""
        self.border_subtitle = position if self._index >= 0 else summary

    def _jump(self, step: int) -> None:
        if not self._active:
            self.notify("No hits to jump to.", severity="information", timeout=2)
            return
        self._index = (self._index + step) % len(self._active)
        self._restyle()
        paragraph = paragraph_of(self._offsets, self._active[self._index].start)
        widgets = list(self.query("#reader-body > .paragraph").results(Static))
        if paragraph < len(widgets):
            self.scroll_to_center(widgets[paragraph], animate=False)

    def action_toggle_comments(self) -> None:
        comments = self.query("#comments").results(Collapsible)
        for collapsible in comments:
            collapsible.collapsed = not collapsible.collapsed
            if not collapsible.collapsed:
                self.scroll_to_widget(collapsible, animate=False, top=True)
            return
        self.notify("This article has no reader comments.", timeout=2)

    def action_next_hit(self) -> None:
        self._jump(1)

    def action_previous_hit(self) -> None:
        self._jump(-1)

    def show_mentions(self, spans: tuple[Span, ...]) -> None:
        """Walk an entity's mentions: the next call moves to the following one."""
        if self._kind != "mention" or self._active != spans:
            self._activate(spans, "mention")
        self._jump(1)

    def open_find(self) -> None:
        find = self.query_one("#find", Input)
        find.remove_class("hidden")
        find.focus()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.article is not None:
            self._activate(find_spans(self.article.body, event.value), "match")

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._jump(1)

    def close_find(self) -> bool:
        """Hide the find box and go back to search hits; False when it was not open."""
        find = self.query_one("#find", Input)
        if find.has_class("hidden"):
            return False
        find.add_class("hidden")
        self._activate(self.hits, "hit")
        self.focus()
        return True
