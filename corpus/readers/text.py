"""Plain text pages like the seeds and the BBC corpus: a headline line (when there is one), then text."""

from __future__ import annotations

from corpus.build import Context, build_article, dropped_problems
from corpus.clean import clean_text
from corpus.errors import Problem
from corpus.model import Article


def read(text: str, ctx: Context) -> tuple[list[Article], list[Problem]]:
    page = clean_text(text)
    article = build_article(page, ctx, "text")
    if article is None:
        return [], [Problem(ctx.origin, "skipped: no article text found")]
    return [article], dropped_problems(page, ctx)
