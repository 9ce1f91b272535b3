"""JSON Lines (one article object per line) and JSON arrays of the same objects.

Fields read from each object (all optional except some text):
  id                       stable key for the article id (else `url`, else the line number)
  title / headline         the headline (else derived from the first sentence)
  text / body / content    the article text; paragraphs separated by blank lines
  paragraphs               a list of paragraph strings (instead of `text`)
  source / publisher / site          who published it
  byline / author / authors          who wrote it (a list is joined with ", ")
  published / date / published_at    publication date, any common format -> confidence `stated`
  url / link               the article's link (http and https only); also a fallback key
  feed                     the subscribed feed it came from (feed item files)
  text_from / text_note    for feed items: whether the text is the feed's, its summary, or the full text
  categories / tags / category       a list or a comma-separated string
  comments                 a list of {"author": ..., "text": ...} objects (or plain strings)
A line that is not a JSON object is reported as a Problem with its line number; the others are read.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

from corpus.build import Context, Metadata, build_article
from corpus.clean import clean_text
from corpus.dates import parse_date_text
from corpus.errors import Problem
from corpus.model import Article, Comment


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
    return value.strip() or None if isinstance(value, str) else None


def _first(obj: dict[str, Any], *names: str) -> str | None:
    return next((t for t in (_text(obj.get(n)) for n in names) if t), None)


def _categories(obj: dict[str, Any]) -> tuple[str, ...]:
    for name in ("categories", "tags", "category"):
        value = obj.get(name)
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())
    return ()


def _comments(value: Any) -> list[Comment]:
    comments = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            comments.append(Comment("Anonymous", item))
        elif isinstance(item, dict) and isinstance(item.get("text") or item.get("body"), str):
            author = item.get("author") or item.get("name")
            comments.append(Comment(author if isinstance(author, str) else "Anonymous",
                                    item.get("text") or item.get("body")))
    return comments


def _web_link(value: str | None) -> str | None:
    return value if value and urlsplit(value).scheme.lower() in ("http", "https") else None


def _text_from(obj: dict[str, Any]) -> str | None:
    kind, note = _first(obj, "text_from"), _first(obj, "text_note")
    return f"{kind} ({note})" if kind and note else kind


def _article(obj: dict[str, Any], line_no: int, ctx: Context) -> Article | None:
    paragraphs = obj.get("paragraphs")
    if isinstance(paragraphs, list):
        body = "\n\n".join(p for p in paragraphs if isinstance(p, str))
    else:
        body = _first(obj, "text", "body", "content") or ""
    date_text = _first(obj, "published", "date", "published_at", "pubdate")
    meta = Metadata(
        title=_first(obj, "title", "headline"),
        source=_first(obj, "source", "publisher", "site"),
        byline=_first(obj, "byline", "author", "authors"),
        date=parse_date_text(date_text, ctx.file_date or dt.date.today()) if date_text else None,
        date_where="the JSON record",
        categories=_categories(obj),
        comments=_comments(obj.get("comments")),
        url=_web_link(_first(obj, "url", "link")),
        feed=_first(obj, "feed"),
        text_from=_text_from(obj),
    )
    page = clean_text(body, meta.title or "")
    raw_id = obj.get("id")
    key = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else None
    key = key or _first(obj, "guid", "url", "link") or f"line-{line_no}"
    return build_article(page, ctx, "jsonl", meta, key=key)


_PLURAL = {"not valid JSON": "lines that are not valid JSON", "not a JSON object": "records that are not JSON objects",
           "no title or text": "records without title or text"}


class _Grouped:
    """Problems of one kind counted, so 100,000 bad records make one line, not 100,000."""

    def __init__(self) -> None:
        self.kinds: dict[str, tuple[int, int, str]] = {}

    def add(self, kind: str, line_no: int, detail: str = "") -> None:
        count, first, first_detail = self.kinds.get(kind, (0, line_no, detail))
        self.kinds[kind] = (count + 1, first, first_detail)

    def problems(self, origin: str) -> list[Problem]:
        found = []
        for kind, (count, first, detail) in self.kinds.items():
            detail = f" ({detail})" if detail else ""
            if count == 1:
                found.append(Problem(origin, f"line {first}: {kind}{detail}"))
            else:
                found.append(Problem(origin, f"{count:,} {_PLURAL[kind]}; first at line {first}{detail}"))
        return found


def _json_error(exc: ValueError | RecursionError) -> str:
    return "nested too deeply" if isinstance(exc, RecursionError) else str(exc)


def read(text: str, ctx: Context) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    grouped = _Grouped()
    if text.lstrip().startswith("["):
        try:
            rows = list(enumerate(json.loads(text), 1))
        except (ValueError, RecursionError) as exc:
            return [], [Problem(ctx.origin, f"skipped: not valid JSON ({_json_error(exc)})")]
    else:
        rows = []
        for line_no, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                rows.append((line_no, json.loads(line)))
            except (ValueError, RecursionError) as exc:
                grouped.add("not valid JSON", line_no, _json_error(exc))
    for line_no, obj in rows:
        if not isinstance(obj, dict):
            grouped.add("not a JSON object", line_no)
            continue
        article = _article(obj, line_no, ctx)
        if article is None:
            grouped.add("no title or text", line_no)
        else:
            articles.append(article)
    return articles, grouped.problems(ctx.origin)
