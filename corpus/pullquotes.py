"""Pull quotes: a quotation set apart as a paragraph of its own, repeating or attributing a quote.

A paragraph that is one quotation is a pull quote when it carries an attribution ("... - Pete Hegseth")
or its words appear again in the body; a quoted paragraph that is simply the story's next sentence stays.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"^[\"“„'‘«](?P<inner>[^\"“”„«»]{8,400})[\"”'’»]\.?$")
_ATTRIBUTION = re.compile(r"\s+[-–—]{1,2}\s*(?P<who>[A-Z][\w.'’ -]{2,80})$")
_MAX_WORDS = 60


def _repeated(inner: str, others: list[str]) -> bool:
    words = inner.split()
    probe = " ".join(words[: min(len(words), 6)]).casefold()
    return len(words) >= 4 and any(probe in other.casefold() for other in others)


def split_pull_quotes(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(body paragraphs, pull quotes); pull quotes keep their attribution, lose the outer quote marks."""
    body: list[str] = []
    quotes: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        match = _QUOTED.match(paragraph)
        if match and len(paragraph.split()) <= _MAX_WORDS:
            inner = match.group("inner").strip()
            spoken = _ATTRIBUTION.sub("", inner)
            others = paragraphs[:index] + paragraphs[index + 1 :]
            if _ATTRIBUTION.search(inner) or _repeated(spoken, others):
                quotes.append(inner)
                continue
        body.append(paragraph)
    return body, quotes
