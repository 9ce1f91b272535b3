"""Markdown articles: front matter for metadata, the first `# ` heading as title, syntax stripped.

Paragraphs keep their words and lose their markup (emphasis, links, images, code marks); image alt text
becomes a caption. `[bold]` without a `(url)` is not a link and stays as written.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.build import Context, Metadata, build_article, dropped_problems
from corpus.clean import clean_lines
from corpus.dates import parse_date_text
from corpus.errors import Problem
from corpus.model import Article
from corpus.readers.frontmatter import first, listed, split_front_matter

_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
_CODE = re.compile(r"`+([^`]+)`+")
_TAG = re.compile(r"</?[A-Za-z][^>]{0,200}>")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")


def inline(text: str) -> str:
    """The text without inline markup. Each pattern runs only when the character it needs is there:
    most paragraphs have no markup at all, and the emphasis pattern, tried at every character, was
    ~10% of reading a Markdown file."""
    if "[" in text:
        text = _LINK.sub(r"\g<text>", _REF_LINK.sub(r"\g<text>", text))
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text or "~" in text:
        for _ in range(2):
            text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return _TAG.sub("", text) if "<" in text else text


def to_lines(body: str) -> tuple[str | None, list[str], list[str]]:
    """(first H1 heading, paragraph lines, image alt texts) from Markdown."""
    title: str | None = None
    lines: list[str] = []
    alts: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lines.append(inline(" ".join(paragraph)))
            paragraph.clear()

    for raw in body.split("\n"):
        if _REF_DEF.match(raw) or _RULE.match(raw) or raw.strip().startswith("```"):
            flush()
            continue
        alts.extend(a.strip() for a in (m.group("alt") for m in _IMAGE.finditer(raw)) if a.strip())
        line = _QUOTE.sub("", _IMAGE.sub("", raw)).strip()
        heading = _HEADING.match(line)
        if not line or heading or _LIST.match(line):
            flush()
        if heading:
            text = inline(heading.group("text"))
            if title is None and len(heading.group(1)) == 1:
                title = text
            elif text:
                lines.append(text)
        elif _LIST.match(line):
            lines.append("• " + inline(_LIST.sub("", line)))
        elif line:
            paragraph.append(line)
    flush()
    return title, lines, alts


def read(text: str, ctx: Context) -> tuple[list[Article], list[Problem]]:
    fields, body = split_front_matter(text)
    heading, lines, alts = to_lines(body)
    base = ctx.file_date or dt.date.today()
    date_text = first(fields, "date", "published", "pubdate", "published_at", "created")
    meta = Metadata(
        title=first(fields, "title", "headline") or heading,
        source=first(fields, "source", "publisher", "site", "sitename", "outlet"),
        byline=first(fields, "author", "byline", "authors", "by"),
        date=parse_date_text(date_text, base) if date_text else None,
        date_where="the front matter",
        categories=listed(fields, "categories", "category", "tags", "section"),
    )
    page = clean_lines(lines, meta.title or "")
    page.captions.extend(alts)
    article = build_article(page, ctx, "markdown", meta)
    if article is None:
        return [], [Problem(ctx.origin, "skipped: no article text found")]
    return [article], dropped_problems(page, ctx)
