"""Choosing a reader from the content (a `.txt` may hold HTML or a feed), after decoding and sanitising.

Each reader takes sanitised text and a `Context` and returns (articles, problems); none of them may
raise on bad input, which the hypothesis tests check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.build import Context
from corpus.decode import NotText, decode
from corpus.errors import Problem
from corpus.model import Article
from corpus.readers import feeds, html, jsonl, markdown, text
from corpus.safety import sanitize

Reader = Callable[[str, Context], tuple[list[Article], list[Problem]]]
READERS: dict[str, Reader] = {
    "text": text.read, "markdown": markdown.read, "html": html.read, "feed": feeds.read, "jsonl": jsonl.read,
}
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_TAGS = re.compile(r"<(?:p|div|article|section|h[1-6]|span|a|br|meta|title)\b[^>]*>", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(?:.*\n){0,60}?[A-Za-z_][\w -]*:.*\n(?:.*\n){0,60}?---[ \t]*(?:\n|$)")
_MARKDOWN = re.compile(r"^#{1,3} \S|^\[[^\]]+\]\(\S+\)|^\*\*\S|^```", re.MULTILINE)
# JSON: an object on the first line, or an array of objects or arrays (however deeply nested; a file too
# deep to parse is then reported as bad JSON rather than indexed as text).
_JSON_ARRAY = re.compile(r"\[\s*[\[{]")
# Cleaning that removes more than this share of a file's characters is reported, never silent.
_REMOVED_SHARE = 0.02
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
             ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed",
             ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


def detect_format(content: str, suffix: str = "") -> str:
    """The reader for `content`; the suffix only breaks ties the content leaves open."""
    head = content.lstrip()[:4096]
    if head.startswith("<?xml") or head.startswith("<"):
        if _FEED.search(head[:1024]):
            return "feed"
        if _HTML.search(head) or _HTML_TAGS.search(head):
            return "html"
        return _SUFFIXES.get(suffix.lower(), "html")
    if _FRONT_MATTER.match(content.lstrip("\n")):
        return "markdown"
    first_line = head.split("\n", 1)[0].strip()
    if _looks_like_json(content.lstrip()):
        return "jsonl"
    if _HTML.search(head[:512]) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if suffix.lower() in (".md", ".markdown") or first_line.startswith("# ") or len(_MARKDOWN.findall(head)) >= 2:
        return "markdown"
    return "text"


def _looks_like_json(content: str) -> bool:
    """JSON by its first line, read whole: records can be far longer than any fixed prefix."""
    if content.startswith("{"):
        return content.partition("\n")[0].rstrip().endswith("}")
    return _JSON_ARRAY.match(content) is not None


def read_bytes(data: bytes, ctx: Context, suffix: str = "") -> tuple[list[Article], list[Problem]]:
    """Every article in one file's bytes; bad input becomes a Problem, never an exception."""
    if not data.strip():
        return [], [Problem(ctx.origin, "skipped: the file is empty")]
    try:
        decoded = decode(data)
    except NotText as exc:
        return [], [Problem(ctx.origin, f"skipped: {exc}")]
    content = sanitize(decoded.text)
    if not content.strip():
        return [], [Problem(ctx.origin, "skipped: no readable text")]
    articles, problems = READERS[detect_format(content, suffix)](content, ctx)
    removed = len(decoded.text) - len(content)
    if removed > max(16, _REMOVED_SHARE * len(decoded.text)):
        problems.append(Problem(ctx.origin, f"read, but {removed:,} characters ({removed / len(decoded.text):.0%})"
                                            " were control characters or escape sequences and were removed"))
    if decoded.nul_bytes:
        problems.append(Problem(ctx.origin, f"read, but {decoded.nul_bytes} NUL bytes were removed"))
    return articles, problems
