"""Rewriting parsed queries so they stay fast at scale (unbounded fuzzy and prefix
expansions were the slowest queries in a tuning study at 49k articles; capping them changed 2 of 30 top tens).

Fuzzy terms become distance 1 with a 2-letter prefix, and fuzzy, prefix and wildcard terms become
their 8 most frequent expansions (by document frequency) instead of every matching word. Prefixes
need 3 letters: "a*" would otherwise expand to a large share of the vocabulary.
"""

from __future__ import annotations

import fnmatch
import heapq
import re
from collections.abc import Iterable

from whoosh.query import And, Every, FuzzyTerm, NullQuery, Or, Prefix, Query, Term, Wildcard
from whoosh.reading import IndexReader

from search.engine import doc_frequency
from search.errors import QueryError
from search.querydates import PublishedRange
from search.schema import name_analyzer
from search.vocabulary import within

MAX_EXPANSIONS = 8
MIN_PREFIX = 3
FUZZY_MAXDIST = 1
FUZZY_PREFIX = 2
_WORD = re.compile(r"[\w*?]+")


def rewrite(query: Query, reader: IndexReader, text: str) -> Query:
    """The query with every multi-term leaf replaced by at most 8 plain terms."""
    if isinstance(query, Every):
        return Every()  # Every("body") walks every term of the field; the plain form is free
    if isinstance(query, FuzzyTerm):
        return _fuzzy(query, reader)
    if isinstance(query, (Prefix, Wildcard)):
        return _pattern(query, reader, text)
    if query.is_leaf():
        return query
    return query.apply(lambda q: rewrite(q, reader, text))


def split_date_filters(query: Query) -> tuple[Query, list[PublishedRange]]:
    """Top-level date clauses apart from the rest, so they can run as cached filters."""
    if isinstance(query, PublishedRange):
        return Every(), [query]
    if isinstance(query, And):
        dates = [q for q in query.subqueries if isinstance(q, PublishedRange)]
        if dates:
            rest = [q for q in query.subqueries if not isinstance(q, PublishedRange)]
            if not rest:
                return Every(), dates
            return (rest[0] if len(rest) == 1 else And(rest, boost=query.boost)), dates
    return query, []


def _fuzzy(query: FuzzyTerm, reader: IndexReader) -> Query:
    field, word = query.fieldname, str(query.text)
    if field not in reader.schema or len(word) <= FUZZY_PREFIX:
        return Term(field, word, boost=query.boost)
    maxdist = min(query.maxdist, FUZZY_MAXDIST)
    prefix = max(query.prefixlength, FUZZY_PREFIX)
    words = within(reader, field, word, maxdist, prefix=prefix)
    return _terms(field, _most_frequent(reader, field, words), query.boost)


def _pattern(query: Prefix | Wildcard, reader: IndexReader, text: str) -> Query:
    field = query.fieldname
    pattern = _original_pattern(query, text)
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    if not literal and set(pattern) <= {"*"}:
        return Every()
    if len(literal) < MIN_PREFIX:
        position = _word_start(text, getattr(query, "startchar", None))
        where = f" at position {position + 1}" if position is not None else ""
        raise QueryError(f"the wildcard {pattern!r}{where} needs at least {MIN_PREFIX} letters before * or ?", position)
    if field not in reader.schema:
        return NullQuery
    candidates = (t.decode("utf-8") for t in reader.expand_prefix(field, literal))
    if pattern != literal + "*":
        matcher = re.compile(fnmatch.translate(pattern)).match
        candidates = (c for c in candidates if matcher(c))
    return _terms(field, _most_frequent(reader, field, candidates), query.boost)


def _original_pattern(query: Prefix | Wildcard, text: str) -> str:
    """What the user typed, folded like a name: Whoosh stems the pattern ("hegs*" → "heg*")."""
    raw = str(query.text) + ("*" if isinstance(query, Prefix) else "")
    typed = _typed_word(text, getattr(query, "startchar", None))
    if typed and ("*" in typed or "?" in typed):
        raw = typed
    parts = re.split(r"([*?])", raw)
    return "".join(p if p in ("*", "?") else "".join(t.text for t in name_analyzer()(p)) for p in parts)


def _typed_word(text: str, anchor: object) -> str | None:
    """The word around `anchor`: Whoosh's start/end chars point at a wildcard, not the whole word."""
    start = _word_start(text, anchor)
    if start is None:
        return None
    match = _WORD.match(text, start)
    return match.group() if match else None


def _word_start(text: str, anchor: object) -> int | None:
    if not isinstance(anchor, int) or not 0 <= anchor < len(text):
        return None
    start = anchor
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    return start


def _most_frequent(reader: IndexReader, field: str, words: Iterable[str]) -> list[str]:
    return heapq.nlargest(MAX_EXPANSIONS, set(words), key=lambda w: (doc_frequency(reader, field, w), w))


def _terms(field: str, words: list[str], boost: float) -> Query:
    """The expansions as plain terms, each marked `expanded`: did-you-mean leaves them alone, since
    the user did not type them (a rare expansion such as "champagn" of "champ*" is no typo)."""
    if not words:
        return NullQuery
    terms = [Term(field, w, boost=boost if len(words) == 1 else 1.0) for w in words]
    for term in terms:
        term.expanded = True  # type: ignore[attr-defined]
    return terms[0] if len(terms) == 1 else Or(terms, boost=boost)
