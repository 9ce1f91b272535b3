"""The parse-tree node for a clause our own taggers turn into a finished query (dates, user marks,
missing fields): Whoosh's parser only has to carry it through its grouping and boolean steps."""

from __future__ import annotations

from typing import Any

from whoosh.qparser import syntax
from whoosh.query import Query


class ClauseNode(syntax.SyntaxNode):
    def __init__(self, query: Query) -> None:
        self._query = query

    def r(self) -> str:
        return repr(self._query)

    def query(self, parser: Any) -> Query:
        return self._query
