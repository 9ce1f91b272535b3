"""Who said what, and when: quotes, timelines and co-mentions across the library.

Entities are found through the index's `entity` postings (one term per entity key), so an entity's
articles come from one posting list; co-mentions read each of those articles' entity keys from the
`entity` column, without parsing any stored article. Timelines and quotes need the sentences, so they
read the stored articles of the matching documents only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whoosh.query import And, Every, Query, Term
from whoosh.searching import Searcher
from whoosh.util.times import long_to_datetime

from corpus.model import Article, DateConfidence
from corpus.sentences import sentence_spans
from search.documents import stored_article
from search.errors import SearchError
from search.results import EntitySummary

ENTITY_FIELD = "entity"


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
    entries: list[TimelineEntry] = []
    for article in found:
        entries.extend(_article_entries(article, key))
    entries.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.article_id, e.start))
    return entries


def _article_entries(article: Article, key: str | None) -> list[TimelineEntry]:
    body = article.body
    spans = _sentences(article)
    if key is None:
        chosen = spans[:1]
    else:
        entity = next((e for e in article.entities if e.key == key), None)
        mentions = [m.start for m in entity.mentions] if entity else []
        quoted = [q.start for q in article.quotes if q.speaker_key == key]
        chosen = [s for s in spans if any(s[0] <= p < s[1] for p in mentions + quoted)]
    entries = []
    for start, end in chosen:
        quote = next(
            (q.text for q in article.quotes if start <= q.start < end and (key is None or q.speaker_key == key)), None
        )
        date, confidence = _sentence_date(article, start, end)
        sentence = body[start:end]
        entries.append(
            TimelineEntry(date, confidence, article.id, article.title, article.source, sentence, quote, start, end)
        )
    return entries


def _sentences(article: Article) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in article.paragraphs:
        spans.extend((offset + s, offset + e) for s, e in sentence_spans(paragraph))
        offset += len(paragraph) + 2
    return spans


def _sentence_date(article: Article, start: int, end: int) -> tuple[dt.date | None, str]:
    for mention in article.dates:
        if start <= mention.start < end:
            return mention.date, mention.confidence.value
    published = article.published
    if published.date is None:
        return None, DateConfidence.UNKNOWN.value
    return published.date, published.confidence.value


def co_mentions(
    searcher: Searcher, key: str, summaries: Sequence[EntitySummary], *, by_year: bool = False, limit: int = 50
) -> list[CoMention]:
    """Entities most often in the same articles as `key`, with article counts (per year when asked)."""
    reader = searcher.reader()
    docnums = matching_docnums(searcher, None, key)
    keys_of = reader.column_reader(ENTITY_FIELD, translate=False)
    dates = reader.column_reader("published", translate=False) if by_year and reader.has_column("published") else None
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
    spans = []
    for role, dates in seen.items():
        dated = sorted(d for d in dates if d is not None)
        spans.append(RoleSpan(role, dated[0] if dated else None, dated[-1] if dated else None, len(dates)))
    spans.sort(key=lambda s: (s.first is None, s.first or dt.date.min, -s.articles))
    return spans
