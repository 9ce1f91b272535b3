"""When an article was published, and how we know: stated, inferred (with the reason), or unknown.

A year the page does not give is never presented as fact: a dateline "Jan 17" takes the first year not
earlier than the events the text reports and inside the terms of the office holders it names, else the
file's modification time (never for files shipped in the package), and the reason says which. Footer
years ("Copyright 2014-2025") never reach this module: the cleaner drops them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from corpus.datepatterns import Candidate, find_candidates
from corpus.dates import in_year, parse_candidate, place_in_window
from corpus.model import DateConfidence, PublishedDate
from corpus.offices import Window


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


_NOT_PAST = re.compile(r"(?:\b(?:by|until|till|through|to|fiscal|FY|before|target)\s*)$", re.I)


def _past_events(paragraphs: Sequence[str], latest: dt.date) -> list[tuple[dt.date, str]]:
    """Dates the text reports (full dates, months, years), each as its first possible day, not after
    `latest`; years an article looks forward to ("by 2027", "fiscal 2027") are left out."""
    events = []
    for paragraph in paragraphs:
        for candidate in find_candidates(paragraph):
            if not candidate.has_year:
                continue
            if candidate.kind == "year" and _NOT_PAST.search(paragraph[max(0, candidate.start - 12):candidate.start]):
                continue
            date = parse_candidate(candidate, latest)
            if date and date <= latest:
                events.append((date.replace(day=1) if candidate.kind == "month" else date, candidate.text))
    return sorted(events)


def from_dateline(candidate: Candidate, paragraphs: Sequence[str], mtime: dt.date | None,
                  *, packaged: bool = False, window: Window | None = None) -> PublishedDate:
    """The dateline's date: stated when it has a year, otherwise with an inferred year and why.

    One rule for the year: the first year in which the dateline is not earlier than any event the text
    reports as past, lies inside the window of the office holders it names, and is not in the future.
    A packaged file's time is its install time, so it never gives a year."""
    latest = mtime or dt.date.today()
    if candidate.has_year:
        date = parse_candidate(candidate, latest)
        if date:
            return PublishedDate(date, DateConfidence.STATED, f"dateline gives '{candidate.text}'")
    text = candidate.text
    events = _past_events(paragraphs, latest)
    floor = events[-1] if events else None
    for bound in (window, None):
        if floor is None and bound is None:
            break
        first = min(y for y in (floor[0].year if floor else None, bound.start.year if bound else None) if y)
        fits = [
            d for d in (in_year(candidate, y) for y in range(first, latest.year + 1))
            if d and d <= latest and (floor is None or d >= floor[0]) and (bound is None or bound.contains(d))
        ]
        if fits:
            date = fits[0]
            why = []
            if floor:
                why.append(f"not before '{floor[1]}', which the text reports")
            if bound:
                why.append(f"inside the office-holder window ({bound.words}: {bound.reason})")
            others = f"; also possible: {', '.join(str(d.year) for d in fits[1:3])}" if fits[1:] else ""
            return PublishedDate(date, DateConfidence.INFERRED,
                                 f"dateline '{text}' has no year; {date.year} is the first year "
                                 f"{' and '.join(why)}{others}")
    if packaged:
        return PublishedDate(reason=f"dateline '{text}' has no year, and the text gives no evidence of one")
    date = parse_candidate(candidate, latest)
    if date is None:
        return PublishedDate(reason=f"dateline '{text}' could not be read as a date")
    source = "the file's modification time" if mtime else "today's date"
    return PublishedDate(date, DateConfidence.INFERRED,
                         f"dateline '{text}' has no year; year {date.year} taken from {source}")


def from_text(paragraphs: Sequence[str], mtime: dt.date | None, *, window: Window | None = None) -> PublishedDate:
    """No stated date: the latest full date the text mentions, as an approximation and said to be one;
    with none, the window the named office holders give, shown as a window.

    Articles also mention dates they look forward to and dates long past (a profile's birth date), so this
    is a guess, never shown as certain."""
    full = _full_dates(paragraphs, mtime or dt.date.today())
    inside = [f for f in full if window is None or window.contains(f[0])]
    if inside:
        date, text = inside[-1]
        holders = f"; inside the office-holder window ({window.words}: {window.reason})" if window else ""
        return PublishedDate(date, DateConfidence.INFERRED,
                             f"no publication date given; approximated by the latest full date the text "
                             f"mentions ('{text}'), which may be before or after publication{holders}")
    if window:
        placed = _placed_in_window(paragraphs, window)
        span = (window.start, window.end)
        if placed:
            date, text = placed
            return PublishedDate(date, DateConfidence.INFERRED,
                                 f"no publication date given; approximated by the latest date the text mentions "
                                 f"('{text}'), placed in {date.year} by who held office: written {window.words} "
                                 f"({window.reason})", span)
        return PublishedDate(None, DateConfidence.INFERRED,
                             f"no publication date given; written {window.words}, from who held office: "
                             f"{window.reason}", span)
    if not full:
        return PublishedDate(reason="no publication date given, and the text mentions no full date")
    date, text = full[-1]
    return PublishedDate(date, DateConfidence.INFERRED,
                         f"no publication date given; approximated by the latest full date the text "
                         f"mentions ('{text}'), which may be before or after publication")


def _placed_in_window(paragraphs: Sequence[str], window: Window) -> tuple[dt.date, str] | None:
    """The latest year-less day the text mentions, put in the first year inside the window."""
    placed = []
    for paragraph in paragraphs:
        for candidate in find_candidates(paragraph):
            if candidate.kind == "day" and not candidate.has_year:
                days = place_in_window(candidate, window, dt.date.today())
                if days:
                    placed.append((days[0], candidate.text))
    return max(placed) if placed else None


def stated(date: dt.date, where: str) -> PublishedDate:
    return PublishedDate(date, DateConfidence.STATED, f"{where} gives {_fmt(date)}")
