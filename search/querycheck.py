"""Checks the query text before Whoosh sees it: Whoosh's parser silently drops what it cannot read.

An unclosed quote, a stray parenthesis or `foo:bar` would otherwise search for something the user
did not ask for, so they become a QueryError that says what is wrong and where.
"""

from __future__ import annotations

import re

from search import fields as f
from search.errors import QueryError

TEXT_FIELDS = (f.TITLE, f.BODY, f.SOURCE, f.PERSON, f.ORG, f.PLACE, f.QUOTE, f.SAID)
DATE_FIELDS = ("date", "after", "before", "since")
USER_FIELDS = ("is", "tag", "note")  # the user's own data: search.userquery
NO_FIELD = "no"  # `no:source`, a field left empty: search.missing
NO_SOURCE_QUERY = f"{NO_FIELD}:{f.SOURCE}"
FIELDS = TEXT_FIELDS + DATE_FIELDS + USER_FIELDS + (NO_FIELD,)
MAX_QUERY_LENGTH = 2000
_USER_EXAMPLES = {"is": "is:unread", "tag": "tag:follow-up", "note": "note:budget", NO_FIELD: "no:source"}

# A field is a letter-led word right before a colon; "10:30" and "http://" are not fields.
_FIELD = re.compile(r"(?<![\w.:])([^\W\d_]\w*):(?!//)")


def check_query(text: str) -> str:
    """The text with field names lower-cased; raises QueryError for what the parser would mangle."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is too long ({len(text)} characters; the limit is {MAX_QUERY_LENGTH})")
    _check_quotes(text)
    masked = mask_quotes(text)
    _check_brackets(masked)
    return _check_fields(text, masked)


def mask_quotes(text: str) -> str:
    """Quoted passages blanked out (quotes kept), so operators inside phrases are not checked."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def _check_quotes(text: str) -> None:
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if len(quotes) % 2:
        position = quotes[-1]
        raise QueryError(
            f'the quotation mark at position {position + 1} is never closed: add a closing " or remove it',
            position,
        )


def _check_brackets(masked: str) -> None:
    opened: list[int] = []
    in_range: int | None = None
    for i, ch in enumerate(masked):
        if ch == "[":
            if in_range is not None:
                raise QueryError(f"a [ at position {i + 1} opens a range inside another range", i)
            in_range = i
        elif ch == "]":
            if in_range is None:
                raise QueryError(f"the ] at position {i + 1} closes a range that was never opened", i)
            in_range = None
        elif in_range is not None:
            continue
        elif ch == "(":
            opened.append(i)
        elif ch == ")":
            if not opened:
                raise QueryError(f"the ) at position {i + 1} has no matching (", i)
            opened.pop()
    if in_range is not None:
        raise QueryError(f"the [ at position {in_range + 1} is never closed: write ranges as [2022 to 2023]", in_range)
    if opened:
        raise QueryError(f"the ( at position {opened[-1] + 1} is never closed: add a )", opened[-1])


def _check_fields(text: str, masked: str) -> str:
    chars = list(text)
    for match in _FIELD.finditer(masked):
        name = match.group(1)
        lower = name.lower()
        start = match.start(1)
        if lower not in FIELDS:
            raise QueryError(
                f"there is no field called {name!r} (position {start + 1}); "
                f"fields are {', '.join(f + ':' for f in FIELDS)}",
                start,
            )
        after = masked[match.end() : match.end() + 1]
        if not after or after.isspace() or after == ")":
            example = "date:2025" if lower in DATE_FIELDS else _USER_EXAMPLES.get(lower, f"{lower}:japan")
            raise QueryError(f"{name}: at position {start + 1} needs something after it, e.g. {example}", start)
        chars[start : match.end(1)] = lower
    return "".join(chars)
