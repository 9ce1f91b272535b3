"""`is:unread`, `is:read`, `is:bookmarked`, `tag:NAME` and `note:WORD`: the user's data in the query language.

Each clause resolves to a set of article ids from the user's data (search.userdata) and becomes an
IdSetQuery, a leaf Whoosh can combine like any other (inside OR, NOT, parentheses). Clauses at the
top level of an AND are pulled out by searching.py as a document filter, so `is:unread koizumi`
still takes the fast ranked path. `note:` matches notes holding every word of its value, compared
as the index compares words (stemmed, accents folded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from whoosh.qparser.plugins import Plugin
from whoosh.qparser.taggers import RegexTagger
from whoosh.query import And, Query

from search.clausenode import ClauseNode
from search.engine import docnum_matcher
from search.errors import QueryError
from search.idmap import id_map
from search.schema import text_analyzer
from search.userdata import UserView, clean_tag

IS_VALUES = ("unread", "read", "bookmarked")
_EXPR = r'(?<![\w.:])(?P<field>is|tag|note):(?P<value>"[^"]*"|[^\s()"]+)'


class IdSetQuery(Query):
    """Articles whose id is in `ids` (or, with `exclude`, every other article)."""

    def __init__(self, ids: Iterable[str], label: str, *, exclude: bool = False) -> None:
        self.ids = frozenset(ids)
        self.label = label
        self.exclude = exclude
        self.boost = 1.0
        self.fieldname: str | None = None  # no field of the index: Whoosh's parser asks

    def __repr__(self) -> str:
        return f"IdSetQuery({self.label!r}, {len(self.ids)} ids, exclude={self.exclude})"

    def __str__(self) -> str:
        return self.label

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, IdSetQuery)
            and other.ids == self.ids
            and other.exclude == self.exclude
            and other.label == self.label
        )

    def __hash__(self) -> int:
        return hash((self.label, self.exclude, len(self.ids)))

    def is_leaf(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Any:
        return iter(())

    def estimate_size(self, ixreader: Any) -> int:
        return ixreader.doc_count() if self.exclude else len(self.ids)

    def docnums(self, reader: Any) -> list[int]:
        """Matching live document numbers in `reader` (a segment's own numbers for a segment reader)."""
        by_id = id_map(reader).by_id
        found = {by_id[i] for i in self.ids if i in by_id}
        if self.exclude:
            return sorted(set(by_id.values()) - found)
        return sorted(found)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        docnums = self.docnums(searcher.reader())
        return docnum_matcher(docnums)


class _UserTagger(RegexTagger):
    def __init__(self) -> None:
        super().__init__(re.compile(_EXPR, re.IGNORECASE))

    def create(self, parser: Any, match: re.Match[str]) -> ClauseNode:
        view = getattr(parser, "userdata", None) or UserView()
        value = match.group("value").strip('"')
        return ClauseNode(user_query(match.group("field").lower(), value, view, match.start("value")))


class UserDataPlugin(Plugin):
    """Runs before Whoosh's field tagger, which would look for a field called "is" in the schema."""

    def taggers(self, parser: Any) -> list[tuple[RegexTagger, int]]:
        return [(_UserTagger(), -20)]


def user_query(field: str, value: str, view: UserView, position: int) -> IdSetQuery:
    label = f"{field}:{value}"
    if field == "is":
        wanted = value.casefold()
        if wanted == "unread":
            return IdSetQuery(view.read, label, exclude=True)
        if wanted == "read":
            return IdSetQuery(view.read, label)
        if wanted in ("bookmarked", "bookmark"):
            return IdSetQuery(view.bookmarks, label)
        raise QueryError(
            f"is:{value} at position {position + 1} is not something an article can be; "
            f"use {', '.join('is:' + v for v in IS_VALUES)}",
            position,
        )
    if field == "tag":
        return IdSetQuery(view.tags.get(clean_tag(value), frozenset()), label)
    words = _words(value)
    if not words:
        raise QueryError(f"note: at position {position + 1} needs a word to look for, e.g. note:follow", position)
    return IdSetQuery((i for i, text in view.notes.items() if words <= _words(text)), label)


def _words(text: str) -> set[str]:
    return {token.text for token in text_analyzer()(text, mode="query")}


def top_level_filters(query: Query) -> tuple[Query | None, list[IdSetQuery]]:
    """User-data clauses ANDed at the top apart from the rest (None when nothing else is left)."""
    if isinstance(query, IdSetQuery):
        return None, [query]
    if isinstance(query, And):
        found = [q for q in query.subqueries if isinstance(q, IdSetQuery)]
        if found:
            rest = [q for q in query.subqueries if not isinstance(q, IdSetQuery)]
            if not rest:
                return None, found
            return (rest[0] if len(rest) == 1 else And(rest, boost=query.boost)), found
    return query, []
