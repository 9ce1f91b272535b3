"""`no:source`: articles that name no publication, so the source filter can reach them too.

No word is indexed for an empty field, so no term query can find them; the field's column (one value
per document) can. The clause is an IdSetQuery, so it combines like `is:unread` (inside OR, NOT,
parentheses) and, ANDed at the top, becomes a document filter that keeps the fast ranked path.
"""

from __future__ import annotations

import re
from typing import Any

from whoosh.qparser.plugins import Plugin
from whoosh.qparser.taggers import RegexTagger

from search import fields as f
from search.clausenode import ClauseNode
from search.errors import QueryError
from search.querycheck import NO_FIELD
from search.userquery import IdSetQuery

MISSING_FIELDS = (f.SOURCE,)  # what `no:` can ask about
_EXPR = rf'(?<![\w.:]){NO_FIELD}:(?P<value>"[^"]*"|[^\s()"]+)'


class MissingFieldQuery(IdSetQuery):
    """Live documents whose `field` column holds nothing (or only spaces)."""

    def __init__(self, field: str, label: str) -> None:
        super().__init__((), label)
        self.missing_field = field

    def __repr__(self) -> str:
        return f"MissingFieldQuery({self.missing_field!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MissingFieldQuery) and other.missing_field == self.missing_field

    def __hash__(self) -> int:
        return hash(("missing", self.missing_field))

    def estimate_size(self, ixreader: Any) -> int:
        return ixreader.doc_count()

    def docnums(self, reader: Any) -> list[int]:
        if not reader.has_column(self.missing_field):
            return list(reader.all_doc_ids())
        column = reader.column_reader(self.missing_field, translate=True)
        return [docnum for docnum in reader.all_doc_ids() if not _text(column[docnum]).strip()]


def _text(value: object) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class _MissingTagger(RegexTagger):
    def __init__(self) -> None:
        super().__init__(re.compile(_EXPR, re.IGNORECASE))

    def create(self, parser: Any, match: re.Match[str]) -> ClauseNode:
        return ClauseNode(missing_query(match.group("value").strip('"'), match.start("value")))


class MissingFieldPlugin(Plugin):
    """Runs before Whoosh's field tagger, which would look for a field called "no" in the schema."""

    def taggers(self, parser: Any) -> list[tuple[RegexTagger, int]]:
        return [(_MissingTagger(), -20)]


def missing_query(value: str, position: int) -> MissingFieldQuery:
    field = value.strip().casefold()
    if field not in MISSING_FIELDS:
        raise QueryError(
            f"{NO_FIELD}:{value} at position {position + 1} is not something an article can lack; "
            f"use {', '.join(f'{NO_FIELD}:{name}' for name in MISSING_FIELDS)}",
            position,
        )
    return MissingFieldQuery(field, f"{NO_FIELD}:{field}")
