"""Pure helpers that turn an Article into styled Content: spans are applied by offset, never as markup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content
from textual.style import Style

from corpus.model import PARAGRAPH_SEPARATOR, Article, DateConfidence, Span
from corpus.offices import window_words
from search.results import ArticleSummary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def clean(text: str) -> str:
    """Replace escape and other control bytes one for one (offsets stay valid) so text cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text)


PLURALS = {"match": "matches", "entity": "entities"}


def counted(count: int, word: str) -> str:
    """'1 hit', '17 matches': a count with its noun agreeing."""
    noun = word if count == 1 else PLURALS.get(word, word + "s")
    return f"{count:,} {noun}"


def row_date(row: ArticleSummary) -> str:
    """The day; for an undated article the months allowed by who held office; else "no date"."""
    if row.published:
        return row.published.isoformat()
    return window_words(*row.date_window) if row.date_window else "no date"


def date_words(article: Article) -> str:
    """The publication date with how sure we are, in words: a guessed year is never shown as fact."""
    published = article.published
    if published.date is None and published.window:
        return f"{window_words(*published.window)}, by who held office"  # a window, never a day
    if published.date is None or published.confidence == DateConfidence.UNKNOWN:
        return "date unknown"
    day = f"{published.date.day} {published.date:%b %Y}"
    if published.confidence == DateConfidence.STATED:
        return f"{day}, date stated"
    if published.reason.startswith("dateline"):
        return f"{day}, year inferred"
    return f"about {day}, approximate date"


def meta_line(article: Article) -> Content:
    """Source, byline, dateline and the date in words; for an inferred date, a second line says why."""
    parts = [p for p in (article.source, article.byline, article.dateline) if p]
    parts.append(date_words(article))
    line = Content(clean(" · ".join(parts)))
    if article.published.confidence == DateConfidence.INFERRED and article.published.reason:
        line = Content.assemble(line, "\n", (clean(article.published.reason), "$text-muted italic"))
    if article.text_from:  # feed items: the feed's own text, its summary (and why), or the page's full text
        line = Content.assemble(line, "\n", (clean(f"text: {article.text_from}"), "$text-muted italic"))
    return line


def paragraph_offsets(article: Article) -> list[int]:
    """Where each paragraph starts in `article.body`, so body spans can be mapped to paragraphs."""
    offsets, position = [], 0
    for paragraph in article.paragraphs:
        offsets.append(position)
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return offsets


def paragraph_of(offsets: list[int], position: int) -> int:
    index = 0
    for i, start in enumerate(offsets):
        if start <= position:
            index = i
    return index


def styled_paragraph(
    text: str,
    start: int,
    layers: Iterable[tuple[Iterable[Span], Style]],
) -> Content:
    """A paragraph with every span (in body offsets) that falls inside it styled; later layers win."""
    content = Content(clean(text))
    end = start + len(text)
    for spans, style in layers:
        for span in spans:
            if span.end > start and span.start < end:
                content = content.stylize(style, max(span.start, start) - start, min(span.end, end) - start)
    return content


def find_spans(body: str, needle: str) -> tuple[Span, ...]:
    """Case-insensitive plain-text occurrences for the in-article find (no regex, no query syntax)."""
    needle = needle.strip()
    if not needle:
        return ()
    return tuple(Span(m.start(), m.end()) for m in re.finditer(re.escape(needle), body, re.IGNORECASE))
