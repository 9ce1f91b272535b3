"""Datelines: "Washington, Jan 17" on a line of its own, or "TOKYO, Jan 17 (Reuters) -" before the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.chrome import MONTHS_AND_DAYS
from corpus.datepatterns import DATE_TEXT, Candidate, find_candidates

_PLACE = r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*)(?:[A-Z][\w.'’-]*|de|del|la|of)){0,3}"
_LINE = re.compile(rf"^(?P<place>{_PLACE})\s*,\s*(?P<date>{DATE_TEXT})\s*(?:\((?P<src>[A-Za-z .]{{2,20}})\))?\.?$")
_PREFIX = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,2}}|{_PLACE}?)"
    rf"(?:\s*,\s*(?P<date>{DATE_TEXT}))?\s*(?:\((?P<src>[A-Za-z .]{{2,20}})\))?\s*(?P<sep>[-–—:]{{1,2}})\s+(?=\S)"
)


_DATE_LINE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Last updated|First published|Date)\s*(?:on\s*)?:?\s*)?(?P<date>{DATE_TEXT})"
    r"(?:\s*(?:,|at|-|–|—|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}|\s+UTC[+-]\d+)?)?\.?$",
    re.I,
)


def parse_date_line(line: str) -> Candidate | None:
    """A line that is only a date with its year ("March 3, 2025", "Published: 3 March 2025 10:15 GMT"),
    as under a byline: the publication date, stated."""
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    found = _candidate(match.group("date"))
    return found if found and found.kind == "day" and found.has_year else None


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date: Candidate | None
    source: str | None
    rest: str = ""


def _candidate(text: str | None) -> Candidate | None:
    if not text:
        return None
    found = find_candidates(text)
    return found[0] if found else None


def _is_calendar_word(place: str) -> bool:
    """'Tuesday, 1 March' is a date, not a place and a date."""
    return place.split()[0].strip(",").casefold() in MONTHS_AND_DAYS


def parse_line(line: str) -> Dateline | None:
    """A whole line that is a dateline (place, then a date)."""
    match = _LINE.match(line)
    if not match or _is_calendar_word(match.group("place")):
        return None
    return Dateline(match.group("place"), _candidate(match.group("date")), match.group("src"))


def parse_prefix(paragraph: str) -> Dateline | None:
    """A dateline opening a paragraph; needs a date, a wire source or an all-caps place to count."""
    match = _PREFIX.match(paragraph)
    if not match or not match.group("place") or _is_calendar_word(match.group("place")):
        return None
    place = match.group("place").strip()
    caps_only = place.isupper() and len(place) > 2 and match.group("sep") != ":"
    if not (match.group("date") or match.group("src") or caps_only):
        return None
    rest = paragraph[match.end() :]
    if not rest[:1].isupper() and rest[:1] not in "\"“'‘":
        return None
    return Dateline(place.title() if place.isupper() else place, _candidate(match.group("date")),
                    match.group("src"), rest)
