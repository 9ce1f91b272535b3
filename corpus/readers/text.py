"""Plain text articles: the first line is the headline, blank-line or line breaks split paragraphs."""

from __future__ import annotations

from corpus.model import Article, article_id


def read(raw: str, *, origin: str, identity: str, mtime: float | None = None) -> list[Article]:
    lines = [line.strip() for line in raw.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    title, *paragraphs = lines
    return [Article(id=article_id(identity), title=title, origin=origin, paragraphs=tuple(paragraphs))]
