"""Sentence boundaries good enough for news prose, without a language model.

Used to show a date in its sentence and to cut a headline from a first sentence. Abbreviations common in
news ("U.S.", "Gen.", "Jan.", initials) do not end a sentence.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {
    "mr", "mrs", "ms", "dr", "st", "gen", "adm", "rep", "sen", "gov", "lt", "col", "capt", "sgt", "brig",
    "maj", "prof", "rev", "hon", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept",
    "est", "etc",
    }
)


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "\"“(":
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if "." in word or (len(word) == 1 and word.isupper()):
        return True
    return word.casefold() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text.strip()
