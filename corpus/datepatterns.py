"""Finding date-like text with our own patterns before asking dateparser what it means.

`dateparser.search.search_dates` reads "may" (the verb), "we", "3 min", "1000", "80th" and "in 70 years"
as dates and costs up to 0.2 s an article; explicit shapes (month names, day-month, month-year, ISO
dates, years after words like "in" or "fiscal") avoid those and let each candidate be parsed once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_CONTEXT = (
    r"(?:in|since|by|until|till|from|during|of|fiscal|FY|year|early|late|mid-?|spring|summer|autumn|fall"
    r"|winter|before|after|through|between|around|circa|and|to|In|Since|By|Until|From|During|Fiscal"
    r"|Before|After|Between|Early|Late|Mid-?)"
)
DATE_TEXT = (
    rf"(?:{_WEEKDAY}{_DAY}\s+(?:of\s+)?{MONTH}\.?(?:,?\s+{_YEAR})?"
    rf"|{_WEEKDAY}{MONTH}\.?\s+{_DAY}(?!\d|,\d{{3}})(?:,?\s+{_YEAR})?"
    rf"|{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
)
_CANDIDATE = re.compile(
    rf"(?<![\w-])(?:(?P<day>{DATE_TEXT})|(?P<month>{MONTH}\.?,?\s+{_YEAR}))(?![\w-])"
    rf"|(?<![\w-]){_YEAR_CONTEXT}\s+(?P<year>{_YEAR})(?![\w-]|\s*(?:%|per\s?cent|[a-z]+\s+(?:of|in)\b))"
)
HAS_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# Every candidate holds a year or starts a word with a month's first three letters; this much cheaper
# test lets the full pattern skip the ~60% of news paragraphs that hold neither.
_MAY_HOLD_A_DATE = re.compile(
    r"(?:19|20)\d\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    start: int
    end: int
    kind: str  # "day" (a day in a month), "month" (month and year) or "year"

    @property
    def has_year(self) -> bool:
        return self.kind != "day" or bool(HAS_YEAR.search(self.text))


@lru_cache(maxsize=2048)
def find_candidates(text: str) -> tuple[Candidate, ...]:
    """Date-like spans in `text`, in order, never overlapping. Remembered, since reading an article
    asks this of each paragraph two or three times (publication date, then the dates it mentions)."""
    if not _MAY_HOLD_A_DATE.search(text):
        return ()
    found: list[Candidate] = []
    for match in _CANDIDATE.finditer(text):
        if match.group("year"):
            found.append(Candidate(match.group("year"), match.start("year"), match.end("year"), "year"))
            continue
        kind = "day" if match.group("day") else "month"
        found.append(Candidate(match.group(kind), match.start(kind), match.end(kind), kind))
    return tuple(found)
