"""Dates the text mentions, parsed by dateparser with settings that keep it honest.

dateparser always gets `languages=['en']` (otherwise "Gen" or "80th" become dates), a `RELATIVE_BASE`
(the article's own date, else the file's modification time, so year-less dates never take the machine's
year) and `PREFER_DATES_FROM='past'`. Each distinct candidate is parsed once and cached, which keeps a
whole corpus fast after dateparser's one-off ~0.8 s warm-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

import dateparser

from corpus.datepatterns import Candidate, find_candidates
from corpus.model import PARAGRAPH_SEPARATOR, DateConfidence, DateMention
from corpus.sentences import sentence_spans

_LANGUAGES = ["en"]
_FIXED_BASE = dt.date(2000, 1, 1)


@lru_cache(maxsize=8192)
def _parse(text: str, base: dt.date) -> dt.date | None:
    settings = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
    }
    try:
        parsed = dateparser.parse(text.replace(" of ", " "), languages=_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def parse_candidate(candidate: Candidate, base: dt.date) -> dt.date | None:
    """The date a candidate names; year-less candidates take the latest year not after `base`."""
    if candidate.kind == "year":
        return dt.date(int(candidate.text), 1, 1)
    return _parse(candidate.text, _FIXED_BASE if candidate.has_year else base)


def parse_date_text(text: str, base: dt.date) -> dt.date | None:
    """A free-form date string (front matter, feeds, JSON) parsed with the same settings."""
    text = text.strip()
    if not text or len(text) > 64:
        return None
    return _parse(text, base)


def in_year(candidate: Candidate, year: int) -> dt.date | None:
    """A year-less day placed in `year` (Dec 31 as the base with past preference keeps it there)."""
    return _parse(candidate.text, dt.date(year, 12, 31))


def warm_up() -> None:
    """Pay dateparser's first-call cost (~0.8 s) early, e.g. in a background thread."""
    _parse("January 1, 2000", _FIXED_BASE)


def mentions(paragraphs: Sequence[str], base: dt.date) -> tuple[DateMention, ...]:
    """Every date mentioned in the body, with offsets into `Article.body` and its sentence."""
    found: list[DateMention] = []
    offset = 0
    for paragraph in paragraphs:
        candidates = find_candidates(paragraph)
        spans = sentence_spans(paragraph) if candidates else []
        for candidate in candidates:
            date = parse_candidate(candidate, base)
            if date is None:
                continue
            sentence = next((paragraph[a:b] for a, b in spans if a <= candidate.start < b), paragraph)
            confidence = DateConfidence.STATED if candidate.has_year else DateConfidence.INFERRED
            found.append(DateMention(candidate.text, date, sentence, offset + candidate.start,
                                     offset + candidate.end, confidence))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return tuple(found)
