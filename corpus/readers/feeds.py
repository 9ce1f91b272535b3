"""RSS and Atom feeds: each entry is an article, keyed by its guid (else link, else title).

feedparser copes with most broken feeds; a feed it cannot read at all becomes one Problem. Entry HTML
(summary or full content) is reduced to text lines and cleaned like any page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from typing import Any
from urllib.parse import urlsplit

import feedparser

from corpus.build import Context, Metadata, build_article
from corpus.clean import clean_lines
from corpus.errors import Problem
from corpus.feeds.authors import clean_author
from corpus.model import Article
from corpus.readers.htmltext import html_to_lines

# The text is already decoded; a stale declaration would make feedparser decode it a second time.
_DECLARED_ENCODING = re.compile(r"(<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _entry_html(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return longest if len(longest) >= len(summary) else summary


def _entry_article(entry: Any, index: int, ctx: Context, feed_title: str | None) -> Article | None:
    title = " ".join(html_to_lines(entry.get("title") or "")) or None
    tags = tuple(t.get("term", "") for t in entry.get("tags") or [] if isinstance(t, dict) and t.get("term"))
    link = entry.get("link")
    meta = Metadata(title=title, source=feed_title, byline=clean_author(entry.get("author")),
                    date=_entry_date(entry), date_where="the feed entry", categories=tags,
                    url=link if isinstance(link, str) and urlsplit(link).scheme in ("http", "https") else None)
    page = clean_lines(html_to_lines(_entry_html(entry)), title)
    key = entry.get("id") or entry.get("link") or title or f"entry-{index}"
    return build_article(page, ctx, "feed", meta, key=str(key))


def read(text: str, ctx: Context) -> tuple[list[Article], list[Problem]]:
    try:
        data = io.BytesIO(_DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8"))
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser can raise on pathological input despite its bozo flag
        return [], [Problem(ctx.origin, f"skipped: malformed feed ({type(exc).__name__})")]
    entries = list(parsed.get("entries") or [])
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f": {str(reason)[:120]}" if parsed.get("bozo") and reason else ""
        return [], [Problem(ctx.origin, f"skipped: feed has no readable entries{detail}")]
    feed_title = " ".join(html_to_lines(parsed.get("feed", {}).get("title") or "")) or None
    articles: list[Article] = []
    empty = 0
    for index, entry in enumerate(entries):
        article = _entry_article(entry, index, ctx, feed_title)
        if article is None:
            empty += 1
        else:
            articles.append(article)
    problems = [Problem(ctx.origin, f"{empty} feed entries had no title or text")] if empty else []
    return articles, problems
