"""Dates news states relative to the day it was written: "on Monday", "last week", "next month", "in April".

They only mean something against the publication date, so they are resolved against it and marked
relative; past is assumed unless the sentence looks forward ("will", "is set to", "next"). "A day after"
counts from the date the text mentioned just before it, since that is the event it follows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}
_UNIT_DAYS = {"day": 1, "week": 7}

_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<wd_mod>(?:[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Oo]n|[Bb]y|[Ss]ince|[Uu]ntil|[Ee]arly|[Ll]ate)\s+)?"
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?!,?\s+(?:\d|[A-Z][a-z]+\s+\d))"
    r"|(?P<yesterday>[Yy]esterday|[Tt]omorrow)"
    r"|(?P<span_mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this|[Pp]ast|[Cc]oming)"
    r"\s+(?P<unit>week|month|year)"
    r"|(?P<count>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d{1,2})"
    r"\s+(?P<count_unit>day|week|month|year)s?\s+(?P<direction>ago|after|later|before|earlier)"
    r"|(?P<m_mod>(?:[Ii]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate"
    r"|[Mm]id-?|[Ee]nd of|[Ss]tart of)\s+)(?P<month>January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?!\s*\d|[\w-])(?!,?\s+(?:19|20)\d\d)"
    r")(?![\w-])"
)
# Every match of `_PATTERN` holds one of these (weekdays and "yesterday" end in "day", and the pattern
# ignores no case); a sentence without any skips the pattern, which is tried at every word start.
_KEYWORDS = ("day", "omorrow", "week", "month", "year", *(month.capitalize() for month in _MONTHS))
_FORWARD = re.compile(
    r"\b(?:will|would|shall|'ll|plans?\s+to|planned|scheduled|set\s+to|expected\s+to|due\s+to|aims?\s+to"
    r"|upcoming|ahead\s+of|is\s+to|are\s+to|to\s+be\s+held|to\s+visit|to\s+meet)\b",
    re.I,
)


_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|after|before|when)\s")


def _looks_forward(sentence: str, start: int) -> bool:
    """Whether the clause holding the date looks ahead: "will meet on Monday", not "met on Monday, and
    will meet again"."""
    before = sentence[max(0, start - 60):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return bool(_FORWARD.search(clause))


@dataclass(frozen=True, slots=True)
class Relative:
    text: str
    start: int
    end: int
    date: dt.date | None  # None: counts from a previous date ("a day after"), see `after`
    precision: str  # "day", "week", "month" or "year"
    after: int = 0  # days from the previous date mentioned, for "a day after"
    why: str = ""


def _names_something(sentence: str, start: int, end: int) -> bool:
    """ "the Sunday Times", "Sky News' Sunday with ...", "a Sunday": a name or any such day, not a date."""
    before = sentence[max(0, start - 6):start]
    after = sentence[end:end + 3]
    return bool(re.search(r"(?:\b(?:the|a|an|every)|['’]s?)\s+$", before) or re.match(r"\s+[A-Z]", after))


def _weekday(base: dt.date, target: int, modifier: str, forward: bool) -> tuple[dt.date, str]:
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if modifier == "last" or modifier == "since":
        return base - dt.timedelta(days=back or 7), "the last such day before"
    if modifier in ("next", "coming", "until") or (forward and modifier not in ("last",)):
        return base + dt.timedelta(days=ahead or (7 if modifier == "next" else 0)), "the next such day from"
    return base - dt.timedelta(days=back), "the latest such day on or before"


def _shift_month(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month(base: dt.date, month: int, modifier: str, forward: bool) -> dt.date:
    this_year = dt.date(base.year, month, 1)
    if modifier == "last":
        return this_year if month < base.month else dt.date(base.year - 1, month, 1)
    if modifier == "next" or (forward and modifier not in ("since", "last")):
        return this_year if month >= base.month else dt.date(base.year + 1, month, 1)
    return this_year if month <= base.month else dt.date(base.year - 1, month, 1)


def _span(base: dt.date, modifier: str, unit: str) -> tuple[dt.date, str]:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(modifier, 0)
    if unit == "week":
        return base + dt.timedelta(days=7 * step), "week"
    if unit == "month":
        return _shift_month(base, step), "month"
    return dt.date(base.year + step, 1, 1), "year"


def find(sentence: str, offset: int, base: dt.date) -> list[Relative]:
    """Relative dates in one sentence, resolved against `base` (the publication date)."""
    found: list[Relative] = []
    if not any(keyword in sentence for keyword in _KEYWORDS):
        return found
    for match in _PATTERN.finditer(sentence):
        forward = _looks_forward(sentence, match.start())
        start, end, text = offset + match.start(), offset + match.end(), match.group(0)
        if match.group("weekday"):
            modifier = (match.group("wd_mod") or "").strip().casefold()
            if not modifier and _names_something(sentence, match.start("weekday"), match.end("weekday")):
                continue
            target = _WEEKDAYS.index(match.group("weekday").casefold())
            date, how = _weekday(base, target, modifier, forward)
            found.append(Relative(text, start, end, date, "day", why=how))
        elif match.group("yesterday"):
            step = -1 if match.group("yesterday").casefold() == "yesterday" else 1
            found.append(Relative(text, start, end, base + dt.timedelta(days=step), "day"))
        elif match.group("unit"):
            modifier = match.group("span_mod").casefold().split()[0]
            date, precision = _span(base, modifier, match.group("unit"))
            found.append(Relative(text, start, end, date, precision))
        elif match.group("count_unit"):
            found.extend(_counted(match, start, end, base))
        elif match.group("month"):
            modifier = match.group("m_mod").strip().casefold()
            month = _MONTHS.index(match.group("month").casefold()) + 1
            found.append(Relative(text, start, end, _month(base, month, modifier, forward), "month"))
    return found


def _counted(match: re.Match[str], start: int, end: int, base: dt.date) -> list[Relative]:
    word = match.group("count").casefold()
    count = int(word) if word.isdigit() else _NUMBERS.get(word)
    unit = match.group("count_unit")
    if count is None:
        return []
    direction = match.group("direction").casefold()
    sign = -1 if direction in ("ago", "before", "earlier") else 1
    text = match.group(0)
    if unit in _UNIT_DAYS:
        days = sign * count * _UNIT_DAYS[unit]
        if direction == "ago":
            precision = "day" if unit == "day" else "week"
            return [Relative(text, start, end, base + dt.timedelta(days=days), precision)]
        return [Relative(text, start, end, None, "day", after=days)]
    if direction != "ago":
        return []
    if unit == "month":
        return [Relative(text, start, end, _shift_month(base, -count), "month")]
    return [Relative(text, start, end, dt.date(base.year - count, 1, 1), "year")]
