"""The user's query string to a Whoosh query: one parser for the app and the CLI."""

from __future__ import annotations

from whoosh import qparser
from whoosh.qparser import MultifieldParser
from whoosh.query import Every, Query
from whoosh.searching import Searcher

from search.errors import QueryError

DEFAULT_FIELDS = ("title", "body")
MAX_QUERY_LENGTH = 2000


def make_parser(searcher: Searcher) -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), searcher.schema, fieldboosts={"title": 2.0})
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def parse_query(text: str, searcher: Searcher) -> Query:
    """Parse, or raise QueryError with a message a person can act on."""
    text = text.strip()
    if not text:
        return Every()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is too long ({len(text)} characters; the limit is {MAX_QUERY_LENGTH})")
    try:
        return make_parser(searcher).parse(text)
    except Exception as exc:  # whoosh raises many types for odd input
        raise QueryError(f"could not understand the query: {exc}") from exc
