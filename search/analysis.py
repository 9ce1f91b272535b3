"""Who said what, and when: quotes, timelines and co-mentions across the library.

Entities are found through the index's `entity` postings (one term per entity key), so an entity's
articles come from one posting list; co-mentions read each of those articles' entity keys from the
`entity` column, without parsing any stored article. Timelines and quotes read the matching
documents' values of the appearances column (search.appearances), and a stored article only where
that column cannot answer.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh.query import And, Every, Query, Term
from whoosh.searching import Searcher
from whoosh.util.times import long_to_datetime

from corpus.model import Article
from search import fields as f
from search.appearances import (
    APPEARANCES_FIELD,
    FIRST_LINE,
    QUOTES_LINE,
    Header,
    decode_quotes,
    decode_rows,
    read_header,
    read_line,
    read_part,
    rows_for,
    sentences,
)
from search.documents import stored_article
from search.errors import SearchError
from search.results import EntitySummary

ENTITY_FIELD = f.ENTITY


@dataclass(frozen=True, slots=True)
class QuoteHit:
    article_id: str
    speaker: str | None
    speaker_key: str | None
    speaker_type: str | None
    role: str | None
    text: str
    start: int
    end: int
    published: dt.date | None
    title: str
    source: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated appearance; `start`/`end` locate the sentence in the article's body."""

    date: dt.date | None
    date_confidence: str
    article_id: str
    title: str
    source: str | None
    sentence: str
    quote: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CoMention:
    key: str
    name: str
    type: str
    count: int
    year: int | None = None


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def find_entity(summaries: Sequence[EntitySummary], name: str) -> EntitySummary:
    """The entity a person means by `name`: its key, name or an alias, else a unique word match;
    the most-mentioned when several fit. SearchError when none does."""
    wanted = fold(name)
    exact = [s for s in summaries if wanted in {fold(s.key), fold(s.name), *(fold(a) for a in s.aliases)}]
    if not exact:
        words = set(wanted.split())
        exact = [s for s in summaries if words and words <= set(fold(s.name).split())]
    if not exact:
        raise SearchError(f"no entity called {name!r} in the library (see `alliance-reader entities`)")
    return max(exact, key=lambda s: (len(s.articles), s.mentions))


def matching_docnums(searcher: Searcher, query: Query | None, key: str | None = None) -> list[int]:
    """Document numbers for a parsed query and/or an entity key (all documents when neither)."""
    parts = [q for q in (query, Term(ENTITY_FIELD, key) if key else None) if q is not None]
    combined: Query = Every() if not parts else parts[0] if len(parts) == 1 else And(parts)
    return sorted(combined.docs(searcher))


def articles(searcher: Searcher, docnums: Iterable[int]) -> list[Article]:
    return [stored_article(searcher.stored_fields(d)) for d in docnums]


def quote_hits(found: Iterable[Article], speaker_key: str | None = None) -> list[QuoteHit]:
    """Quotes of these articles (by one speaker when given), oldest article first, in body order."""
    hits = [
        QuoteHit(
            article_id=a.id,
            speaker=q.speaker,
            speaker_key=q.speaker_key,
            speaker_type=q.speaker_type.value if q.speaker_type else None,
            role=q.role,
            text=q.text,
            start=q.start,
            end=q.end,
            published=a.published.date,
            title=a.title,
            source=a.source,
        )
        for a in found
        for q in a.quotes
        if speaker_key is None or q.speaker_key == speaker_key
    ]
    hits.sort(key=lambda h: (h.published is None, h.published or dt.date.min, h.article_id, h.start))
    return hits


def timeline(found: Iterable[Article], key: str | None = None) -> list[TimelineEntry]:
    """Dated appearances, oldest first (undated last). For an entity: each sentence naming it (its
    quotes flagged); for a query: each article's first sentence. A sentence that gives a date of its
    own is placed there, with that date's confidence; otherwise at the article's publication date."""
    entries = [
        _entry(article.id, article.title, article.source, row)
        for article in found
        for row in rows_for(article, key, sentences(article))
    ]
    return _by_date(entries)


def _entry(article_id: str, title: str, source: str | None, row: list[Any]) -> TimelineEntry:
    date, confidence, start, end, sentence, quote = row
    return TimelineEntry(
        dt.date.fromisoformat(date) if date else None, confidence, article_id, title, source, sentence,
        quote or None, start, end,
    )  # fmt: skip


def _by_date(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    entries.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.article_id, e.start))
    return entries


def _column(searcher: Searcher) -> Any:
    reader = searcher.reader()
    return reader.column_reader(APPEARANCES_FIELD, translate=False) if reader.has_column(APPEARANCES_FIELD) else None


def _headers(searcher: Searcher, docnums: list[int]) -> list[tuple[int, bytes, Header | None]]:
    """(docnum, column value, its header) per document; the header is None when the value is empty
    (an older index, or a text holding a separator) and the article itself must be read."""
    column = _column(searcher)
    if column is None:
        return [(d, b"", None) for d in docnums]
    found = []
    for docnum in docnums:
        raw = column[docnum]
        found.append((docnum, raw, read_header(raw)))
    return found


def entity_timeline(searcher: Searcher, key: str, query: Query | None = None) -> list[TimelineEntry]:
    """`timeline` for one entity, from the appearances column (an article is read only when the
    column cannot answer for it)."""
    entries: list[TimelineEntry] = []
    for docnum, raw, head in _headers(searcher, matching_docnums(searcher, query, key)):
        part = read_part(raw, key) if head is not None else None
        if head is None or part is None:
            entries.extend(timeline([stored_article(searcher.stored_fields(docnum))], key))
        else:
            entries.extend(_entry(head.id, head.title, head.source, row) for row in decode_rows(part.rows))
    return _by_date(entries)


def query_timeline(searcher: Searcher, query: Query | None) -> list[TimelineEntry]:
    """`timeline` of a query's articles (each one's first sentence), from the appearances column."""
    entries: list[TimelineEntry] = []
    for docnum, raw, head in _headers(searcher, matching_docnums(searcher, query)):
        if head is None:
            entries.extend(timeline([stored_article(searcher.stored_fields(docnum))]))
        else:
            rows = decode_rows(read_line(raw, FIRST_LINE))
            entries.extend(_entry(head.id, head.title, head.source, row) for row in rows)
    return _by_date(entries)


def entity_quotes(searcher: Searcher, key: str, query: Query | None = None) -> list[QuoteHit]:
    return _column_quotes(searcher, matching_docnums(searcher, query, key), key)


def query_quotes(searcher: Searcher, query: Query | None) -> list[QuoteHit]:
    """`quote_hits` of a query's articles, every speaker's, from the appearances column."""
    return _column_quotes(searcher, matching_docnums(searcher, query), None)


def _column_quotes(searcher: Searcher, docnums: list[int], key: str | None) -> list[QuoteHit]:
    hits: list[QuoteHit] = []
    for docnum, raw, head in _headers(searcher, docnums):
        if head is None:
            hits.extend(quote_hits([stored_article(searcher.stored_fields(docnum))], key))
            continue
        published = dt.date.fromisoformat(head.published) if head.published else None
        hits.extend(
            QuoteHit(head.id, speaker, speaker_key, kind, role, text, start, end, published, head.title, head.source)
            for text, start, end, speaker, speaker_key, kind, role in decode_quotes(read_line(raw, QUOTES_LINE), key)
        )
    hits.sort(key=lambda h: (h.published is None, h.published or dt.date.min, h.article_id, h.start))
    return hits


def entity_roles(searcher: Searcher, key: str) -> list[RoleSpan]:
    seen: dict[str, list[dt.date | None]] = {}
    for docnum, raw, head in _headers(searcher, matching_docnums(searcher, None, key)):
        part = read_part(raw, key) if head is not None else None
        if head is None or part is None:
            article = stored_article(searcher.stored_fields(docnum))
            for span in roles_over_time([article], key):
                seen.setdefault(span.role, []).append(article.published.date)
        elif part.role:
            seen.setdefault(part.role, []).append(dt.date.fromisoformat(head.published) if head.published else None)
    return _role_spans(seen)


def co_mentions(
    searcher: Searcher, key: str, summaries: Sequence[EntitySummary], *, by_year: bool = False, limit: int = 50
) -> list[CoMention]:
    """Entities most often in the same articles as `key`, with article counts (per year when asked)."""
    reader = searcher.reader()
    docnums = matching_docnums(searcher, None, key)
    keys_of = reader.column_reader(ENTITY_FIELD, translate=False)
    dates = reader.column_reader(f.PUBLISHED, translate=False) if by_year and reader.has_column(f.PUBLISHED) else None
    counts: Counter[tuple[str, int | None]] = Counter()
    for docnum in docnums:
        year = _year(dates[docnum]) if dates is not None else None
        for other in set(_keys(keys_of[docnum])):
            if other != key:
                counts[(other, year)] += 1
    names = {s.key: s for s in summaries}
    ranked = sorted(counts.items(), key=lambda item: (item[0][1] is None, item[0][1] or 0, -item[1], item[0][0]))
    if not by_year:
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))[:limit]
    return [
        CoMention(k, names[k].name if k in names else k, names[k].type if k in names else "", n, year)
        for (k, year), n in ranked
    ]


def _year(value: object) -> int | None:
    try:
        return long_to_datetime(value).year  # type: ignore[arg-type]
    except (OverflowError, ValueError, TypeError):
        return None  # the column's filler for undated articles


def _keys(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in value]
    if isinstance(value, bytes | str):
        text = value.decode("utf-8") if isinstance(value, bytes) else value
        return [k for k in text.split(",") if k]
    return []


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A role the library's articles give an entity, and when: first and last publication date."""

    role: str
    first: dt.date | None
    last: dt.date | None
    articles: int


@dataclass(frozen=True, slots=True)
class Profile:
    entity: EntitySummary
    roles: tuple[RoleSpan, ...]
    co_mentions: tuple[CoMention, ...]
    quotes: tuple[QuoteHit, ...]


def roles_over_time(found: Iterable[Article], key: str) -> list[RoleSpan]:
    seen: dict[str, list[dt.date | None]] = {}
    for article in found:
        for entity in article.entities:
            if entity.key == key and entity.role:
                seen.setdefault(entity.role, []).append(article.published.date)
    return _role_spans(seen)


def _role_spans(seen: dict[str, list[dt.date | None]]) -> list[RoleSpan]:
    spans = []
    for role, dates in seen.items():
        dated = sorted(d for d in dates if d is not None)
        spans.append(RoleSpan(role, dated[0] if dated else None, dated[-1] if dated else None, len(dates)))
    spans.sort(key=lambda s: (s.first is None, s.first or dt.date.min, -s.articles))
    return spans
