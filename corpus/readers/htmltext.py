"""HTML fragments to lines of text without a parser that can fail: feed summaries and broken pages.

Regular expressions are enough here because we only need the words and the block boundaries, and they
cannot raise on malformed markup the way a strict parser can.
"""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile(
    r"<(script|style|noscript|template|svg|head|nav|iframe|form|button|select)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[|\]\]>", re.DOTALL)
_BLOCK = re.compile(
    r"<\s*/?\s*(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|aside|blockquote|"
    r"figure|figcaption|pre|dd|dt|hr|main)\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def html_to_lines(fragment: str) -> list[str]:
    """Visible text, one line per block element, entities decoded, whitespace collapsed."""
    text = _COMMENT.sub(" ", fragment)
    text = _HIDDEN.sub("\n", text)
    text = _ITEM.sub("\n• ", text)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line and line != "•"]


def html_to_text(fragment: str) -> str:
    return "\n".join(html_to_lines(fragment))


def page_title(document: str) -> str | None:
    match = _TITLE.search(document[:200_000])
    return " ".join(html.unescape(_TAG.sub("", match.group(1))).split()) or None if match else None
