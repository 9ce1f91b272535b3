"""From a cleaned page plus what a reader knows (metadata, file time) to a finished `Article`.

Every reader ends here, so ids, sanitising of metadata, publication dates and date mentions are done the
same way for text, Markdown, HTML, feeds and JSON Lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corpus import dates, offices, published
from corpus.clean import Page, dropped_note
from corpus.errors import Problem
from corpus.model import Article, Comment, PublishedDate, article_id
from corpus.safety import sanitize, sanitize_line


@dataclass(frozen=True, slots=True)
class Context:
    """Where the text came from: `identity` feeds ids, `mtime` is the fallback for year-less dates."""

    origin: str
    identity: str
    mtime: float | None = None
    # Shipped in the package: the file time is the install time, so it never dates the article.
    packaged: bool = False

    @property
    def file_date(self) -> dt.date | None:
        if self.mtime is None or self.packaged:
            return None
        try:
            return dt.datetime.fromtimestamp(self.mtime).date()
        except (OverflowError, OSError, ValueError):
            return None


@dataclass(slots=True)
class Metadata:
    """Fields a format states outright (front matter, feed entry, JSON object, HTML meta tags)."""

    title: str | None = None
    source: str | None = None
    byline: str | None = None
    date: dt.date | None = None
    date_where: str = "the file's metadata"
    categories: tuple[str, ...] = ()
    comments: list[Comment] = field(default_factory=list)
    url: str | None = None
    feed: str | None = None
    text_from: str | None = None


def _published(page: Page, meta: Metadata, ctx: Context) -> tuple[PublishedDate, offices.Window | None]:
    if meta.date:
        return published.stated(meta.date, meta.date_where), None
    if page.date_line and (day := dates.parse_candidate(page.date_line, dt.date.today())):
        return published.stated(day, "the date line above the first paragraph"), None
    window = offices.window(page.paragraphs)
    if page.dateline and page.dateline.date:
        return published.from_dateline(page.dateline.date, page.paragraphs, ctx.file_date,
                                       packaged=ctx.packaged, window=window), window
    return published.from_text(page.paragraphs, ctx.file_date, window=window), window


def dropped_problems(page: Page, ctx: Context) -> list[Problem]:
    note = dropped_note(page)
    return [Problem(ctx.origin, note)] if note else []


def _clean_tuple(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(x for x in (sanitize_line(i) for i in items) if x)


def build_article(page: Page, ctx: Context, fmt: str, meta: Metadata | None = None,
                  key: str = "") -> Article | None:
    """The article, or None when nothing readable is left (an empty page is not an article)."""
    meta = meta or Metadata()
    paragraphs = tuple(p for p in (sanitize(x).strip() for x in page.paragraphs) if p)
    title = sanitize_line(meta.title or page.title or "")
    if not paragraphs and not title:
        return None
    when, window = _published(page, meta, ctx)
    comments = tuple(
        Comment(sanitize_line(c.author) or "Anonymous", sanitize(c.text).strip())
        for c in [*page.comments, *meta.comments] if c.text.strip()
    )
    return Article(
        id=article_id(ctx.identity, key),
        title=title or "(untitled)",
        origin=ctx.origin,
        paragraphs=paragraphs,
        source=sanitize_line(meta.source or page.source or "") or None,
        byline=sanitize_line(meta.byline or page.byline or "") or None,
        dateline=sanitize_line(page.dateline.place) if page.dateline else None,
        published=when,
        categories=_clean_tuple(meta.categories or page.categories),
        key_points=_clean_tuple(page.key_points),
        pull_quotes=_clean_tuple(page.pull_quotes),
        captions=_clean_tuple(page.captions),
        comments=comments,
        dates=dates.mentions(paragraphs, dates.anchor_for(when, ctx.file_date, window)),
        format=fmt,
        url=sanitize_line(meta.url or "") or None,
        feed=sanitize_line(meta.feed or "") or None,
        text_from=sanitize_line(meta.text_from or "") or None,
    )
