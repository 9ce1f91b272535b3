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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, NamedTuple

from whoosh.columns import VarBytesColumn, VarBytesListColumn
from whoosh.query import And, Every, Query, Term
from whoosh.searching import Searcher

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
from search.segment_columns import column_values, list_values

ENTITY_FIELD = f.ENTITY


class QuoteHit(NamedTuple):
    """A quote and where it was said. A named tuple, not a frozen dataclass: a timeline or a quote
    list makes thousands, and a frozen dataclass's constructor took several times as long."""

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


class TimelineEntry(NamedTuple):
    """One dated appearance; `start`/`end` locate the sentence in the article's body (a named tuple,
    as QuoteHit)."""

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
    hits.sort(key=_quote_order)
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
    entries.sort(key=_entry_order)
    return entries


def _entry_order(e: TimelineEntry) -> tuple[bool, dt.date, str, int]:
    return e.date is None, e.date or dt.date.min, e.article_id, e.start


def _headers(searcher: Searcher, docnums: list[int]) -> Iterator[tuple[int, bytes, Header | None]]:
    """(docnum, column value, its header) per document, read segment by segment; the header is None
    when the value is empty (an older index, or a text holding a separator) and the article itself
    must be read."""
    for docnum, raw in column_values(searcher.reader(), APPEARANCES_FIELD, docnums):
        yield docnum, raw, read_header(raw)


def entity_timeline(searcher: Searcher, key: str, query: Query | None = None) -> list[TimelineEntry]:
    """`timeline` for one entity, from the appearances column (an article is read only when the
    column cannot answer for it)."""
    entries: list[TimelineEntry] = []
    add, day = entries.append, dt.date.fromisoformat
    for docnum, raw, head in _headers(searcher, matching_docnums(searcher, query, key)):
        part = read_part(raw, key) if head is not None else None
        if head is None or part is None:
            entries.extend(timeline([stored_article(searcher.stored_fields(docnum))], key))
            continue
        ident, title, source, _ = head
        for date, confidence, start, end, sentence, quote in decode_rows(part.rows):
            add(TimelineEntry(day(date) if date else None, confidence, ident, title, source, sentence,
                              quote or None, start, end))  # fmt: skip
    return _by_date(entries)


def query_timeline(searcher: Searcher, query: Query | None) -> list[TimelineEntry]:
    """`timeline` of a query's articles (each one's first sentence), from the appearances column."""
    entries: list[TimelineEntry] = []
    add, day = entries.append, dt.date.fromisoformat
    for docnum, raw, head in _headers(searcher, matching_docnums(searcher, query)):
        if head is None:
            entries.extend(timeline([stored_article(searcher.stored_fields(docnum))]))
            continue
        ident, title, source, _ = head
        for date, confidence, start, end, sentence, quote in decode_rows(read_line(raw, FIRST_LINE)):
            add(TimelineEntry(day(date) if date else None, confidence, ident, title, source, sentence,
                              quote or None, start, end))  # fmt: skip
    return _by_date(entries)


def entity_quotes(searcher: Searcher, key: str, query: Query | None = None) -> list[QuoteHit]:
    return _column_quotes(searcher, matching_docnums(searcher, query, key), key)


def query_quotes(searcher: Searcher, query: Query | None) -> list[QuoteHit]:
    """`quote_hits` of a query's articles, every speaker's, from the appearances column."""
    return _column_quotes(searcher, matching_docnums(searcher, query), None)


def _column_quotes(searcher: Searcher, docnums: list[int], key: str | None) -> list[QuoteHit]:
    hits: list[QuoteHit] = []
    add, day = hits.append, dt.date.fromisoformat
    for docnum, raw, head in _headers(searcher, docnums):
        if head is None:
            hits.extend(quote_hits([stored_article(searcher.stored_fields(docnum))], key))
            continue
        ident, title, source, published = head
        date = day(published) if published else None
        for text, start, end, speaker, speaker_key, kind, role in decode_quotes(read_line(raw, QUOTES_LINE), key):
            add(QuoteHit(ident, speaker, speaker_key, kind, role, text, start, end, date, title, source))
    hits.sort(key=_quote_order)
    return hits


def _quote_order(h: QuoteHit) -> tuple[bool, dt.date, str, int]:
    return h.published is None, h.published or dt.date.min, h.article_id, h.start


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
    own = key.encode("utf-8")
    per_year: dict[int | None, Counter[bytes]] = {}
    years = _years(reader, docnums) if by_year else repeat(None, len(docnums))
    for keys, year in zip(_entity_keys(searcher, docnums), years, strict=True):
        found = per_year.get(year)
        if found is None:
            found = per_year[year] = Counter()
        found.update(set(keys))  # counted as bytes, decoded only for the entities returned
    counts = Counter({(k, year): n for year, found in per_year.items() for k, n in found.items() if k != own})
    names = {s.key: s for s in summaries}
    ranked = sorted(counts.items(), key=lambda item: (item[0][1] is None, item[0][1] or 0, -item[1], item[0][0]))
    if not by_year:
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))[:limit]
    found_keys = ((k.decode("utf-8"), year, n) for (k, year), n in ranked)
    return [
        CoMention(k, names[k].name if k in names else k, names[k].type if k in names else "", n, year)
        for k, year, n in found_keys
    ]


def _entity_keys(searcher: Searcher, docnums: list[int]) -> Iterator[list[bytes]]:
    """Each document's entity keys (UTF-8). The column's own reader decodes a list with a BytesIO and
    a call per length; `list_values` slices the stored bytes directly, ~5x faster over thousands."""
    reader = searcher.reader()
    if isinstance(searcher.schema[ENTITY_FIELD].column_type, VarBytesListColumn):
        for _, raw in column_values(reader, ENTITY_FIELD, docnums, column=VarBytesColumn()):
            yield list_values(raw)
    else:  # an index from before the list column
        for _, value in column_values(reader, ENTITY_FIELD, docnums):
            yield [k.encode("utf-8") for k in _keys(value)]


def _years(reader: Any, docnums: list[int]) -> Iterator[int | None]:
    if not reader.has_column(f.PUBLISHED):
        yield from repeat(None, len(docnums))
        return
    for _, value in column_values(reader, f.PUBLISHED, docnums):
        yield _year(value) if value != b"" else None


def _year(value: object) -> int | None:
    """The year of a stored date (microseconds since 0001-01-01, what Whoosh's DATETIME keeps)."""
    try:
        return dt.date.fromordinal(value // 86_400_000_000 + 1).year  # type: ignore[operator]
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
