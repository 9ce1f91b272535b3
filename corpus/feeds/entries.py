"""Feed documents to item records: the JSON objects one file per article holds.

A record uses the field names `corpus/readers/jsonl.py` reads (id, title, text, url, source, author,
published, categories) plus `feed` and `text_from`, so the item files are ordinary sources and the index
can always be rebuilt from them. Every text field is sanitised (escape sequences and controls removed);
markup-looking text such as `[bold]` is kept literally, as for files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from corpus.feeds.authors import clean_author
from corpus.readers.htmltext import html_to_lines
from corpus.safety import sanitize, sanitize_line

SHORT_SUMMARY_WORDS = 150
TEXT_FROM_FEED = "feed"
TEXT_FROM_SUMMARY = "summary"
TEXT_FROM_FULL = "full text"


class NotAFeed(ValueError):
    """The bytes are not a feed (an HTML page, broken XML with no entries, an empty body)."""


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    items: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    warning: str | None = None  # the feed was read, but not cleanly (e.g. invalid XML recovered)


def parse_feed(data: bytes, base_url: str = "") -> ParsedFeed:
    """Entries of an RSS 0.9x/2.0, RSS 1.0 or Atom document; NotAFeed when there is no feed in it."""
    if not data.strip():
        raise NotAFeed("the response is empty")
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser can raise on pathological input despite its bozo flag
        raise NotAFeed(f"unreadable feed ({type(exc).__name__})") from None
    entries = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries:
        reason = parsed.get("bozo_exception")
        head = data[:512].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise NotAFeed("an HTML page, not a feed")
        raise NotAFeed(f"not a valid feed{f': {str(reason)[:120]}' if reason else ''}")
    info = parsed.get("feed", {})
    title = sanitize_line(" ".join(html_to_lines(info.get("title") or ""))) or None
    link = _http_url(info.get("link"), base_url)
    warning = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None and entries:
        warning = f"read despite errors: {str(parsed['bozo_exception'])[:120]}"
    result = ParsedFeed(title=title, link=link, warning=warning)
    keys: set[str] = set()
    for index, entry in enumerate(entries):
        record = entry_record(entry, index, title, base_url)
        if record is None:
            continue
        if record["guid"] in keys:
            result.duplicates += 1
            continue
        keys.add(record["guid"])
        result.items.append(record)
    return result


def entry_record(entry: Any, index: int, feed_title: str | None, base_url: str = "") -> dict[str, Any] | None:
    """One entry as an item record, or None when it has neither a title nor any text."""
    title = sanitize_line(" ".join(html_to_lines(entry.get("title") or ""))) or None
    lines = [sanitize(line).strip() for line in html_to_lines(_entry_html(entry))]
    text = "\n\n".join(line for line in lines if line)
    if not title and not text:
        return None
    url = _http_url(entry.get("link"), base_url)
    guid = sanitize_line(str(entry.get("id") or "")) or url or title or f"entry-{index}:{text[:200]}"
    return {
        "guid": guid,
        "title": title,
        "url": url,
        "author": _authors(entry),
        "source": feed_title,
        "published": _entry_date(entry),
        "categories": [c for c in (sanitize_line(t.get("term") or "") for t in entry.get("tags") or []
                                   if isinstance(t, dict)) if c],
        "text": text,
        "text_from": TEXT_FROM_FEED,
    }


def needs_full_text(record: dict[str, Any]) -> bool:
    """A short text is the feed's summary, not the article: worth fetching the page when there is one."""
    return bool(record.get("url")) and word_count(record.get("text") or "") < SHORT_SUMMARY_WORDS


def word_count(text: str) -> int:
    return len(text.split())


def record_key(guid: str) -> str:
    """A file name for an entry: stable for its guid, safe on every file system."""
    return hashlib.sha256(guid.encode("utf-8")).hexdigest()[:20]


def record_fingerprint(record: dict[str, Any]) -> str:
    """What the feed said about an entry; a change means the entry was edited upstream."""
    parts = [str(record.get(k) or "") for k in ("title", "url", "author", "published", "text")]
    parts.append(",".join(record.get("categories") or ()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _entry_html(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return longest if len(longest) >= len(summary) else summary


def _authors(entry: Any) -> str | None:
    names: list[str] = []
    for author in entry.get("authors") or []:
        if isinstance(author, dict):
            raw = author.get("name") or author.get("email")
            if author.get("name") and author.get("email") and "(" not in author["name"]:
                raw = author["name"]
            name = clean_author(raw)
            if name and name not in names:
                names.append(name)
    if not names:
        name = clean_author(entry.get("author"))
        names = [name] if name else []
    return ", ".join(names) or None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except ValueError:
                continue
    return None


def _http_url(value: Any, base_url: str) -> str | None:
    """Links are kept only when they are http(s): a feed cannot smuggle in `javascript:` or `file:`."""
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base_url, sanitize_line(value)) if base_url else sanitize_line(value)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.hostname else None
