"""HTML pages: trafilatura finds the main text and the metadata (title, author, date, site name).

Date search is limited to the page's markup (meta tags, <time>): a date found that way is stated by the
page. Guessing from the text is left to our own date rules, which say when they guess. Pages trafilatura
cannot handle (malformed, tiny, odd) fall back to plain tag stripping rather than being lost.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from corpus.build import Context, Metadata, build_article, dropped_problems
from corpus.clean import clean_lines
from corpus.dates import parse_date_text
from corpus.errors import Problem
from corpus.model import Article
from corpus.readers.htmltext import html_to_lines, page_title

_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _body_lines(body: Any) -> list[str]:
    """Lines from trafilatura's XML body: headings, paragraphs, list items, quotes."""
    lines: list[str] = []
    for element in body:
        if element.tag == "list":
            lines.extend("• " + " ".join("".join(i.itertext()).split()) for i in element.iter("item"))
        else:
            text = " ".join("".join(element.itertext()).split())
            if text:
                lines.append(text)
    return [line for line in lines if line.strip("• ")]


def _extract(document: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(document, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False, config=_config())
    except Exception:  # trafilatura/lxml raise many types on broken input; fall back below
        return None


def read(text: str, ctx: Context) -> tuple[list[Article], list[Problem]]:
    doc = _extract(text)
    body = getattr(doc, "body", None)
    lines = _body_lines(body) if body is not None and len(body) else []
    if not lines:
        lines = html_to_lines(text)
    captions = [c for c in (" ".join(html_to_lines(m)) for m in _FIGCAPTION.findall(text)) if c]
    lines = [line for line in lines if line not in captions]
    date_text = getattr(doc, "date", None)
    meta = Metadata(
        title=getattr(doc, "title", None) or page_title(text),
        source=getattr(doc, "sitename", None),
        byline=getattr(doc, "author", None),
        date=parse_date_text(date_text, ctx.file_date or dt.date.today()) if date_text else None,
        date_where="the page's metadata",
        categories=tuple(getattr(doc, "categories", None) or ()),
    )
    page = clean_lines(lines, meta.title or "")
    page.captions.extend(captions)
    article = build_article(page, ctx, "html", meta)
    if article is None:
        return [], [Problem(ctx.origin, "skipped: no article text found in the HTML page")]
    return [article], dropped_problems(page, ctx)
