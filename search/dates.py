"""Dates in queries: a phrase such as "January 2025" or "last year" to the whole period it names.

Queries use dateparser with the settings ingestion uses (English only, past preferred, relative to
now), so `date:"March 2024"` means what an article's "March 2024" meant. dateparser also tells the
period it understood ("year", "month", "week", "day"), which is what makes "2025" cover the year.
Plain numeric forms (2025, 2023-06, 2023-06-15) skip dateparser: same meaning, no ~0.8 s first call.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.dates import DATEPARSER_LANGUAGES, dateparser_settings

MIN_YEAR = 1800
MAX_YEAR = 2200
_NUMERIC = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


class DateTextError(ValueError):
    """The text does not name a date dateparser (or we) can read."""


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days, both ends included."""

    start: dt.date
    end: dt.date

    def start_datetime(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min)

    def end_datetime(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time.max)


def parse_period(text: str, now: dt.datetime | None = None) -> Period:
    """The period `text` names; raises DateTextError when it names none."""
    cleaned = " ".join(text.strip().strip("\"'").split())
    if not cleaned:
        raise DateTextError("an empty date")
    if len(cleaned) > 64:
        raise DateTextError(f"{cleaned[:30]}… is too long to be a date")
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        return _numeric_period(cleaned, *numeric.groups())
    base = now or dt.datetime.now()
    # Cache per day: "last year" means the same all day long.
    return _parsed_period(cleaned.casefold(), base.replace(hour=12, minute=0, second=0, microsecond=0))


def _numeric_period(text: str, year: str, month: str | None, day: str | None) -> Period:
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise DateTextError(f"the year {y} is out of range")
    try:
        if month is None:
            return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))
        m = int(month)
        if day is None:
            return Period(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))
        d = dt.date(y, m, int(day))
    except ValueError:
        raise DateTextError(f"{text} is not a real date") from None
    return Period(d, d)


@lru_cache(maxsize=512)
def _parsed_period(text: str, base: dt.datetime) -> Period:
    from dateparser.date import DateDataParser  # imported late: ~0.3 s, only for worded dates

    parser = DateDataParser(languages=DATEPARSER_LANGUAGES, settings=dateparser_settings(base))
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError, AttributeError) as exc:
        raise DateTextError(f"cannot read {text!r} as a date") from exc
    found = data.date_obj if data is not None else None
    if found is None:
        raise DateTextError(f"cannot read {text!r} as a date")
    day = found.date()
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DateTextError(f"the year {day.year} is out of range")
    period = data.period or "day"
    if period == "year":
        return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(day.replace(day=1), day.replace(day=last))
    if period == "week" and _names_a_week(text):
        monday = day - dt.timedelta(days=day.weekday())
        return Period(monday, monday + dt.timedelta(days=6))
    return Period(day, day)


def _names_a_week(text: str) -> bool:
    """ "last week" is a calendar week; "2 weeks ago" is a day."""
    return "ago" not in text
