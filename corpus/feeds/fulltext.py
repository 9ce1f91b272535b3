"""An article page's main text, for entries whose feed carries only a summary."""

from __future__ import annotations

from corpus.readers.html import _body_lines, _extract
from corpus.safety import sanitize


def main_text(page: bytes | str) -> str:
    """The page's main text as paragraphs separated by blank lines; empty when none is found."""
    if isinstance(page, bytes):
        page = page.decode("utf-8", errors="replace")
    doc = _extract(page)
    body = getattr(doc, "body", None)
    lines = _body_lines(body) if body is not None and len(body) else []
    return "\n\n".join(line for line in (sanitize(x).strip() for x in lines) if line)
