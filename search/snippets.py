"""Highlighted snippets as plain text plus character spans: never markup, so the UI can style them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.highlight import Formatter, Fragment, Highlighter, PinpointFragmenter

from corpus.model import Span
from search.results import Snippet

SNIPPET_CHARS = 220
ELLIPSIS = " … "


class SpanFormatter(Formatter):
    """Collects matched character spans instead of wrapping them in tags."""

    def format(self, fragments: Iterable[Fragment], replace: bool = False) -> Any:
        parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        for index, fragment in enumerate(fragments):
            if index:
                parts.append(ELLIPSIS)
                offset += len(ELLIPSIS)
            text = " ".join(fragment.text[fragment.startchar : fragment.endchar].split("\n"))
            for token in sorted(fragment.matches, key=lambda t: t.startchar):
                if token.startchar is None or token.startchar < fragment.startchar or token.endchar > fragment.endchar:
                    continue  # a match cut by the fragment's edge would point past the text
                start = offset + token.startchar - fragment.startchar
                spans.append(Span(start, start + token.endchar - token.startchar))
            parts.append(text)
            offset += len(text)
        return Snippet("".join(parts), tuple(spans))


def make_highlighter() -> Highlighter:
    return Highlighter(
        fragmenter=PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=60, autotrim=True),
        formatter=SpanFormatter(),
    )


def snippet_for(highlighter: Highlighter, hit: Any, body: str) -> Snippet:
    """The best fragment of the body; the opening of the body when nothing in it matched."""
    snippet = highlighter.highlight_hit(hit, "body", text=body, top=2, minscore=1)
    if isinstance(snippet, Snippet) and snippet.text:
        return snippet
    return lead_snippet(body)


def lead_snippet(body: str) -> Snippet:
    text = " ".join(body[: SNIPPET_CHARS + 40].split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return Snippet(text, ())
