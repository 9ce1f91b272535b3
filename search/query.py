"""The user's query string to a Whoosh query: one parser for the app and `alliance-reader search`.

| Syntax                          | Meaning                                                          |
|---------------------------------|------------------------------------------------------------------|
| `missile defense`               | both words (AND is the default), in the title or the body        |
| `japan OR korea`                | either word                                                      |
| `japan NOT china`, `AND NOT`    | leave out articles with "china"                                  |
| `(japan OR korea) AND missile`  | parentheses group                                                |
| `"missile defense"`             | the exact phrase; `"missile defense"~3` allows 3 words between   |
| `defen*`, `ja?an`               | wildcards (at least 3 letters first; the 8 commonest matches)    |
| `hegseth~`                      | fuzzy: one letter off (first 2 letters fixed; 8 commonest)       |
| `title:alliance`                | only in titles; also `body:`                                     |
| `source:"japan times"`          | the publication                                                  |
| `person:koizumi`                | articles naming a person; also `org:` and `place:`               |
| `quote:deterrence`              | the word inside a quotation; `quote:"peace through strength"`    |
| `said:hegseth`                  | articles quoting that person or organisation                     |
| `date:2025`                     | published in 2025; `date:2023-06`, `date:"January 2025"`        |
| `date:[2022 to 2023]`           | published from 2022 through 2023; `[2022 to]`, `[to 2023]`       |
| `since:2024`, `since 2024`      | from the start of 2024 on; also `since "last year"`           |
| `after:"last year"`             | after the end of that period (`date:>2024` is the same)          |
| `before:2023-06`                | before June 2023 began (`date:<2023-06`)                         |
| `is:unread`                     | not yet read; also `is:read` and `is:bookmarked`                 |
| `tag:follow-up`                 | articles you tagged so (case and spaces folded)                  |
| `no:source`                     | articles that name no publication                                |
| `note:budget`                   | articles whose note holds every word given (stemmed, folded)     |

Words are stemmed and accents folded ("Shinjirō" = "Shinjiro", "defenses" = "defense"), "Japan's"
finds "Japan", and "U.S." finds "US". Dates are read by dateparser as at ingestion (English, relative
to today) and cover the whole period they name. Operators are upper case; field names are not case
sensitive. Mistakes (an unclosed quote or parenthesis, an unknown field, an unreadable date) raise
QueryError saying what and where.
"""

from __future__ import annotations

import datetime as dt

from whoosh import qparser
from whoosh.qparser import MultifieldParser
from whoosh.query import Every, NullQuery, Query
from whoosh.searching import Searcher

from search import fields as f
from search.errors import QueryError
from search.expand import rewrite
from search.missing import MissingFieldPlugin
from search.querycheck import FIELDS, MAX_QUERY_LENGTH, check_query
from search.querydates import DatePlugin
from search.userdata import UserView
from search.userquery import UserDataPlugin

DEFAULT_FIELDS = f.DEFAULT_FIELDS
__all__ = ["DEFAULT_FIELDS", "FIELDS", "MAX_QUERY_LENGTH", "make_parser", "parse_query"]


def make_parser(
    searcher: Searcher, now: dt.datetime | None = None, userdata: UserView | None = None
) -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), searcher.schema, fieldboosts={f.TITLE: f.TITLE_BOOST})
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(DatePlugin())
    parser.now = now  # read by the date plugin; None means "now" at parse time
    parser.add_plugin(UserDataPlugin())
    parser.userdata = userdata  # read by the user-data plugin; None: no marks, tags or notes
    parser.add_plugin(MissingFieldPlugin())
    return parser


def parse_query(
    text: str, searcher: Searcher, *, now: dt.datetime | None = None, userdata: UserView | None = None
) -> Query:
    """Check, parse and rewrite; raises only QueryError, with a message a person can act on."""
    if not text.strip():
        return Every()
    checked = check_query(text)
    try:
        query = make_parser(searcher, now, userdata).parse(checked)
    except QueryError:
        raise
    except Exception as exc:  # Whoosh raises many types for odd input
        raise QueryError(f"could not understand the query ({exc.__class__.__name__}: {exc})") from exc
    _raise_parser_errors(query)
    try:
        return rewrite(query, searcher.reader(), checked)
    except QueryError:
        raise
    except Exception as exc:
        raise QueryError(f"could not run the query ({exc.__class__.__name__}: {exc})") from exc


def _raise_parser_errors(query: Query) -> None:
    """Whoosh turns a bad clause into a NullQuery carrying `.error`; surface it instead."""
    for node in _walk(query):
        error = getattr(node, "error", None)
        if error:
            raise QueryError(f"could not understand part of the query: {error}")


def _walk(query: Query) -> list[Query]:
    found = [query]
    if query is not NullQuery and not query.is_leaf():
        for child in query.children():
            found.extend(_walk(child))
    return found
