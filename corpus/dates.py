"""Dates the text mentions, parsed by dateparser with settings that keep it honest.

dateparser always gets `languages=['en']` (otherwise "Gen" or "80th" become dates), a `RELATIVE_BASE`
(the article's own date, else the file's modification time, so year-less dates never take the machine's
year) and `PREFER_DATES_FROM='past'`. Each distinct candidate is parsed once and cached, which keeps a
whole corpus fast after dateparser's one-off ~0.8 s warm-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus import relative
from corpus.datepatterns import Candidate, find_candidates
from corpus.model import PARAGRAPH_SEPARATOR, DateConfidence, DateMention, PublishedDate
from corpus.offices import Window
from corpus.sentences import sentence_spans

DATEPARSER_LANGUAGES = ["en"]
_FIXED_BASE = dt.date(2000, 1, 1)
# A bare ISO day ("2024-03-05", what front matter and JSON usually hold) means that day to dateparser too;
# read directly it costs ~1 µs instead of dateparser's ~3 ms (a build meets thousands of distinct ones).
_ISO_DAY = re.compile(r"[1-9]\d{3}-\d{2}-\d{2}", re.ASCII)


def dateparser_settings(base: dt.datetime) -> dict[str, object]:
    """The settings every dateparser call uses (ingestion and queries read dates alike): past
    preferred, naive datetimes, relative to `base`."""
    return {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "RELATIVE_BASE": base}


@lru_cache(maxsize=8192)
def _parse(text: str, base: dt.date) -> dt.date | None:
    # A day-less mention ("June 2024") is dated to the month's first day.
    import dateparser  # ~0.3 s to import: paid by the first date parsed, not by every program that can parse one

    settings = {**dateparser_settings(dt.datetime(base.year, base.month, base.day, 12)), "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(text.replace(" of ", " "), languages=DATEPARSER_LANGUAGES, settings=settings)
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
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # not a real day ("2024-02-30"): dateparser says what it makes of it
    return _parse(text, base)


def in_year(candidate: Candidate, year: int) -> dt.date | None:
    """A year-less day placed in `year` (Dec 31 as the base with past preference keeps it there)."""
    return _parse(candidate.text, dt.date(year, 12, 31))


def warm_up() -> None:
    """Pay dateparser's first-call cost (~0.8 s) early, e.g. in a background thread."""
    _parse("January 1, 2000", _FIXED_BASE)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What year-less and relative dates are counted from, and how we know it."""

    date: dt.date  # the publication date, else the file's date, else today
    how: str  # words for reasons: "the stated publication date, 3 Feb 2025"
    published: bool = False  # the article's own date (stated or inferred): relative dates need it
    window: Window | None = None  # who held office bounds the date when no day is known


def _fmt(date: dt.date) -> str:
    return f"{date.day} {date:%b} {date.year}"


def anchor_for(published: PublishedDate, file_date: dt.date | None, window: Window | None = None) -> Anchor:
    if published.date:
        sure = "stated" if published.confidence == DateConfidence.STATED else "inferred"
        # an approximation from a date the text mentions is no day to count "last Tuesday" from
        day_known = sure == "stated" or published.reason.startswith("dateline")
        return Anchor(published.date, f"the {sure} publication date, {_fmt(published.date)}", day_known, window)
    if file_date:
        return Anchor(file_date, f"the file's modification time ({_fmt(file_date)})", False, window)
    today = dt.date.today()
    return Anchor(today, f"today's date ({_fmt(today)})", False, window)


def place_in_window(candidate: Candidate, window: Window, latest: dt.date) -> list[dt.date]:
    """The days a year-less candidate can be inside `window` (earliest first), never after `latest`."""
    last = min(window.end, latest) if window.end else latest
    days = []
    for year in range(window.start.year, last.year + 1):
        date = in_year(candidate, year)
        if date and window.contains(date) and date <= latest:
            days.append(date)
    return days


def _yearless(candidate: Candidate, anchor: Anchor) -> tuple[dt.date | None, str]:
    if anchor.window and not anchor.published:
        days = place_in_window(candidate, anchor.window, dt.date.today())
        if days:
            others = f" (also possible: {', '.join(str(d.year) for d in days[1:3])})" if days[1:] else ""
            return days[0], (f"no year given; {days[0].year} is the first year inside the article's window "
                             f"({anchor.window.words}: {anchor.window.reason}){others}")
    date = parse_candidate(candidate, anchor.date)
    if date is None:
        return None, ""
    return date, f"no year given; {date.year}, the latest year not after {anchor.how}"


def mentions(paragraphs: Sequence[str], base: dt.date | Anchor) -> tuple[DateMention, ...]:
    """Every date mentioned in the body, with offsets into `Article.body` and its sentence.

    Relative dates ("on Monday", "next month") are found only when the article's own date is known."""
    anchor = base if isinstance(base, Anchor) else Anchor(base, f"{_fmt(base)}", True)
    found: list[DateMention] = []
    offset = 0
    previous: DateMention | None = None
    for paragraph in paragraphs:
        candidates = find_candidates(paragraph)
        if not candidates and not anchor.published:
            offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
            continue
        spans = sentence_spans(paragraph) or [(0, len(paragraph))]
        taken = [(c.start, c.end) for c in candidates]
        events: list[tuple[int, DateMention | relative.Relative]] = []
        for candidate in candidates:
            mention = _mention(candidate, paragraph, spans, offset, anchor)
            if mention:
                events.append((candidate.start, mention))
        if anchor.published:
            for a, b in spans:
                for rel in relative.find(paragraph[a:b], a, anchor.date):
                    if not any(s < rel.end and rel.start < e for s, e in taken):
                        events.append((rel.start, rel))
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, DateMention):
                found.append(event)
                previous = event
                continue
            mention = _relative_mention(event, paragraph, spans, offset, anchor, previous)
            if mention:
                found.append(mention)
                previous = mention
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return tuple(found)


def _sentence(paragraph: str, spans: list[tuple[int, int]], start: int) -> str:
    return next((paragraph[a:b] for a, b in spans if a <= start < b), paragraph)


def _mention(candidate: Candidate, paragraph: str, spans: list[tuple[int, int]], offset: int,
             anchor: Anchor) -> DateMention | None:
    sentence = _sentence(paragraph, spans, candidate.start)
    start, end = offset + candidate.start, offset + candidate.end
    if candidate.has_year:
        date = parse_candidate(candidate, anchor.date)
        if date is None:
            return None
        precision = {"year": "year", "month": "month"}.get(candidate.kind, "day")
        return DateMention(candidate.text, date, sentence, start, end, DateConfidence.STATED, precision,
                           reason="the text gives the year")
    date, why = _yearless(candidate, anchor)
    if date is None:
        return None
    return DateMention(candidate.text, date, sentence, start, end, DateConfidence.INFERRED, reason=why)


def _relative_mention(rel: relative.Relative, paragraph: str, spans: list[tuple[int, int]], offset: int,
                      anchor: Anchor, previous: DateMention | None) -> DateMention | None:
    sentence = _sentence(paragraph, spans, rel.start)
    if rel.date is not None:
        why = f"'{rel.text}' counted from {anchor.how}" + (f" ({rel.why} it)" if rel.why else "")
        return DateMention(rel.text, rel.date, sentence, offset + rel.start, offset + rel.end,
                           DateConfidence.INFERRED, rel.precision, True, why)
    if previous is None or previous.precision != "day":
        return None
    has_object = bool(re.match(r"\s+[\w“\"]", paragraph[rel.end:]))  # "a day after ships shadowed ..."
    if previous.sentence == sentence and has_object:
        # "began on Monday, a day after ships shadowed ...": the event it names came before Monday
        date = previous.date - dt.timedelta(days=rel.after)
        why = f"'{rel.text}' names an event {abs(rel.after)} day(s) away from '{previous.text}' in its sentence"
    else:
        date = previous.date + dt.timedelta(days=rel.after)
        why = f"'{rel.text}' counted from the date mentioned before it ('{previous.text}')"
    return DateMention(rel.text, date, sentence, offset + rel.start, offset + rel.end, DateConfidence.INFERRED,
                       "day", True, why)
