"""When an article was published, and how we know: stated, inferred (with the reason), or unknown.

A year the page does not give is never presented as fact: a dateline "Jan 17" takes its year from full
dates in the text, then from years the text mentions, then from the file's modification time, and the
reason says which. Footer years ("Copyright 2014-2025") never reach this module: the cleaner drops them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from corpus.datepatterns import Candidate, find_candidates
from corpus.dates import in_year, parse_candidate
from corpus.model import DateConfidence, PublishedDate


def _fmt(date: dt.date) -> str:
    return f"{date.day} {date:%b} {date.year}"


def _full_dates(paragraphs: Sequence[str], latest: dt.date) -> list[tuple[dt.date, str]]:
    """Day-month-year dates in the text, not after `latest` (articles do not report the future)."""
    dates = []
    for paragraph in paragraphs:
        for candidate in find_candidates(paragraph):
            if candidate.kind == "day" and candidate.has_year:
                date = parse_candidate(candidate, latest)
                if date and date <= latest:
                    dates.append((date, candidate.text))
    return sorted(dates)


def _mentioned_years(paragraphs: Sequence[str], latest: dt.date) -> list[int]:
    years = {
        int(c.text[-4:]) for p in paragraphs for c in find_candidates(p) if c.kind in ("year", "month")
    }
    return sorted(y for y in years if y <= latest.year)


def from_dateline(candidate: Candidate, paragraphs: Sequence[str], mtime: dt.date | None) -> PublishedDate:
    """The dateline's date: stated when it has a year, otherwise with an inferred year and why."""
    latest = mtime or dt.date.today()
    if candidate.has_year:
        date = parse_candidate(candidate, latest)
        if date:
            return PublishedDate(date, DateConfidence.STATED, f"dateline gives '{candidate.text}'")
    text = candidate.text
    full = _full_dates(paragraphs, latest)
    if full:
        anchor, anchor_text = full[-1]
        date = in_year(candidate, anchor.year)
        if date and date < anchor and anchor.year < latest.year:
            date = in_year(candidate, anchor.year + 1)
        if date:
            return PublishedDate(date, DateConfidence.INFERRED,
                                 f"dateline '{text}' has no year; year {date.year} inferred from the latest "
                                 f"full date in the text ('{anchor_text}')")
    years = _mentioned_years(paragraphs, latest)
    if years:
        date = in_year(candidate, years[-1])
        if date:
            return PublishedDate(date, DateConfidence.INFERRED,
                                 f"dateline '{text}' has no year; year {date.year} inferred from the year "
                                 f"{years[-1]} mentioned in the text")
    date = parse_candidate(candidate, latest)
    if date is None:
        return PublishedDate(reason=f"dateline '{text}' could not be read as a date")
    source = "the file's modification time" if mtime else "today's date"
    return PublishedDate(date, DateConfidence.INFERRED,
                         f"dateline '{text}' has no year; year {date.year} inferred from {source}")


def from_text(paragraphs: Sequence[str], mtime: dt.date | None) -> PublishedDate:
    """No stated date: the latest full date the text mentions, as an approximation and said to be one.

    Articles also mention dates they look forward to and dates long past (a profile's birth date), so this
    is a guess, never shown as certain."""
    full = _full_dates(paragraphs, mtime or dt.date.today())
    if not full:
        return PublishedDate(reason="no publication date given, and the text mentions no full date")
    date, text = full[-1]
    return PublishedDate(date, DateConfidence.INFERRED,
                         f"no publication date given; approximated by the latest full date the text "
                         f"mentions ('{text}'), which may be before or after publication")


def stated(date: dt.date, where: str) -> PublishedDate:
    return PublishedDate(date, DateConfidence.STATED, f"{where} gives {_fmt(date)}")
