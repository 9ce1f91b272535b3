"""Date clauses in the query language, as a Whoosh parser plugin over the `published` field.

`date:`, `after:`, `before:`, `since:` and the free phrase "since January 2025" are tagged before
Whoosh's own field and phrase handling, so a date can sit anywhere a word can (inside OR, NOT,
parentheses), and an unreadable date is a QueryError instead of a silent word search.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from whoosh.qparser.plugins import Plugin
from whoosh.qparser.taggers import RegexTagger
from whoosh.query import DateRange

from search import fields as f
from search.clausenode import ClauseNode
from search.dates import DateTextError, Period, parse_period
from search.errors import QueryError

PUBLISHED = f.PUBLISHED
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_VALUE = rf'(?P<value>"[^"]*"|\[[^\]]*\]|[<>]=?(?:"[^"]*"|[^\s()"]+)|{_MONTHS}\s+\d{{4}}\b|[^\s()"]+)'
_FIELD_EXPR = rf"(?P<field>date|after|before|since):{_VALUE}"
_SINCE_EXPR = (
    rf"(?<![\w:])since\s+(?P<value>{_MONTHS}\s+\d{{4}}|\d{{4}}(?:-\d{{1,2}}){{0,2}}"
    r"|(?:last|this)\s+(?:year|month|week)|yesterday|today)(?!\w)"
)
_RANGE_SPLIT = re.compile(r"\s+to\s+|^to\s+|\s+to$", re.IGNORECASE)


class PublishedRange(DateRange):
    """A date clause; Library pulls top-level ones out as cached filters."""


class _DateTagger(RegexTagger):
    def __init__(self, expr: str, field: str | None = None) -> None:
        super().__init__(re.compile(expr, re.IGNORECASE))
        self.field = field

    def create(self, parser: Any, match: re.Match[str]) -> ClauseNode:
        field = (self.field or match.group("field")).lower()
        now = getattr(parser, "now", None)
        return ClauseNode(date_query(field, match.group("value"), match.start("value"), now))


class DatePlugin(Plugin):
    """Runs before the fields and phrase taggers (priority 0), so it sees `date:"..."` whole."""

    def taggers(self, parser: Any) -> list[tuple[RegexTagger, int]]:
        return [(_DateTagger(_FIELD_EXPR), -20), (_DateTagger(_SINCE_EXPR, "since"), -20)]


def date_query(field: str, value: str, position: int, now: dt.datetime | None = None) -> PublishedRange:
    """One clause to a range: date: within, since: from the start, after: past the end, before: until the start."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        if field != "date":
            raise QueryError(f"{field}: takes one date; use date:[2022 to 2023] for a range", position)
        return _range_query(value[1:-1], position, now)
    for op, as_field in ((">=", "since"), ("<=", "until"), (">", "after"), ("<", "before")):
        if value.startswith(op) and field == "date":
            field, value = as_field, value[len(op) :]
            break
    period = _period(value, position, now)
    start, end = period.start_datetime(), period.end_datetime()
    if field == "date":
        return PublishedRange(PUBLISHED, start, end)
    if field == "since":
        return PublishedRange(PUBLISHED, start, None)
    if field == "until":
        return PublishedRange(PUBLISHED, None, end)
    if field == "after":
        return PublishedRange(PUBLISHED, end, None, startexcl=True)
    return PublishedRange(PUBLISHED, None, start, endexcl=True)


def _range_query(inner: str, position: int, now: dt.datetime | None) -> PublishedRange:
    parts = _RANGE_SPLIT.split(inner.strip(), maxsplit=1)
    if len(parts) != 2:
        raise QueryError(f"write a date range as date:[2022 to 2023] (position {position + 1})", position)
    low, high = (p.strip() for p in parts)
    if not low and not high:
        raise QueryError(f"the date range at position {position + 1} has no dates", position)
    start = _period(low, position, now).start_datetime() if low else None
    end = _period(high, position, now).end_datetime() if high else None
    if start and end and start > end:
        raise QueryError(f"the date range at position {position + 1} ends before it starts", position)
    return PublishedRange(PUBLISHED, start, end)


def _period(text: str, position: int, now: dt.datetime | None) -> Period:
    try:
        return parse_period(text, now)
    except DateTextError as exc:
        raise QueryError(
            f"cannot read the date at position {position + 1} ({exc}); try 2025, 2023-06, "
            '"January 2025" or "last year"',
            position,
        ) from None
