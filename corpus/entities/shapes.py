"""Line shapes that tell prose from tables, results and datelines, and the pieces a name never spans.

The small model reads a standings row ("Leeds 16 6 7 3 25") or a scoreline ("Lyon 2 Metz 1") as if
it were a sentence: its spans run over the numbers and brackets between names. Those lines are
recognisable by shape alone (few lowercase words, many numbers), whatever the names in them.
"""

from __future__ import annotations

import functools
import re

from corpus.datepatterns import DATE_TEXT
from corpus.entities.text import line_bounds, trim

# A bare number: "1", "72", "1:45.95", "1996-12-07", "3-1"; "36th" or "F-35" are words of a name.
_NUMBER = re.compile(r"(?<!\S)[-+]?\d[\d.,:/-]*(?!\S)")
# Brackets and a spaced slash separate names in tables: "Urska Horvat ( Slovenia )", "Bajaia / Fos".
_SEPARATOR = re.compile(r"[()\[\]]|\s/\s")
# What follows the place of a dateline: maybe a region or country, then a date or a source in brackets
# ("TOKYO, Jan 17 (Reuters) -", "BERGEN , Norway 2024-03-02"); a dash alone also follows "NATO - ...".
_DATELINE_TAIL = re.compile(
    rf"(?:\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}})?\s*(?:,\s*)?(?:{DATE_TEXT}|\([A-Za-z .]{{2,20}}\))"
)


def is_prose_line(body: str, pos: int) -> bool:
    """Whether the line holding `pos` reads as a sentence rather than a table row or a result."""
    return is_prose(body, *line_bounds(body, pos))


@functools.lru_cache(maxsize=256)
def is_prose(body: str, start: int, end: int) -> bool:
    words = body[start:end].split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 5 and lower >= max(2, len(words) * 0.15)


def name_pieces(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at brackets, and on lines that are not prose at bare numbers too.

    "Aston Villa 1" in a scoreline is Aston Villa; "Tel Aviv 1 Betar Jerusalem" is two names. In prose a
    number can belong to a name ("Channel 4", "Radio 3"), so there only brackets cut."""
    cuts = [m.span() for m in _SEPARATOR.finditer(body, start, end)]
    numbers = [m.span() for m in _NUMBER.finditer(body, start, end)]
    if numbers and not is_prose_line(body, start):
        cuts += numbers
    if not cuts:
        return [(start, end)]
    pieces, pos = [], start
    for cut_start, cut_end in sorted(cuts):
        if cut_start >= pos:
            pieces.append(trim(body, pos, cut_start))
            pos = cut_end
    pieces.append(trim(body, pos, end))
    return [(s, e) for s, e in pieces if e > s and any(ch.isalpha() for ch in body[s:e])]


def is_dateline_place(body: str, start: int, end: int) -> bool:
    """An all-capitals name opening a line and followed by a dateline's date, source or dash is the
    place the story was filed from, whatever the model called it ("HOBART , Australia 2024-03-02")."""
    text = body[start:end]
    return (start == line_bounds(body, start)[0] and text.isupper()
            and _DATELINE_TAIL.match(body, end) is not None)
