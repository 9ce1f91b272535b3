"""Each document's timeline rows and quotes per entity, kept in one index column.

An entity's timeline or profile then reads one small value per article (found through the entity's
postings) instead of parsing every stored article; a query's timeline and quotes read the same
column for the matching documents. The value is plain text split by ASCII separator characters,
not JSON: decoding JSON was most of the time of a timeline over thousands of articles, while
splitting on a separator is a fraction of it, and a reader decodes only the header and the one
entity line it wants. Rows are capped per entity (the article path caps the same way).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from corpus.model import Article, DateConfidence
from corpus.sentences import sentence_spans

APPEARANCES_FIELD = "appearances"
MAX_ROWS = 6  # sentences per entity per article
MAX_SENTENCE = 400  # characters kept of a long sentence


def sentences(article: Article) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in article.paragraphs:
        spans.extend((offset + s, offset + e) for s, e in sentence_spans(paragraph))
        offset += len(paragraph) + 2
    return spans


def sentence_date(article: Article, start: int, end: int) -> tuple[dt.date | None, str]:
    """The date a sentence gives for itself (with its confidence), else the publication date."""
    for mention in article.dates:
        if start <= mention.start < end:
            return mention.date, mention.confidence.value
    published = article.published
    if published.date is None:
        return None, DateConfidence.UNKNOWN.value
    return published.date, published.confidence.value


def rows_for(article: Article, key: str | None, spans: list[tuple[int, int]]) -> list[list[Any]]:
    """[date iso or "", confidence, start, end, sentence, quote or ""] for each sentence naming `key`
    (or saying its quotes), at most MAX_ROWS and MAX_SENTENCE characters of each; with `key` None,
    the article's first sentence."""
    body = article.body
    if key is None:
        chosen = spans[:1]
    else:
        entity = next((e for e in article.entities if e.key == key), None)
        points = [m.start for m in entity.mentions] if entity else []
        points += [q.start for q in article.quotes if q.speaker_key == key]
        chosen = [s for s in spans if any(s[0] <= p < s[1] for p in points)]
    rows = []
    for start, end in chosen[:MAX_ROWS]:
        quote = next(
            (q.text for q in article.quotes if start <= q.start < end and (key is None or q.speaker_key == key)), ""
        )
        date, confidence = sentence_date(article, start, end)
        rows.append([date.isoformat() if date else "", confidence, start, end, body[start:end][:MAX_SENTENCE], quote])
    return rows


# Separators, outermost first: lines (one per entity after the header), then the key, fields, records
# (rows or quotes) and a record's fields. NONE stands for a missing value. An article whose text holds
# any of them gets an empty value, and its readers read the article itself.
LINE, KEY, FIELD, RECORD, UNIT, NONE = "\n", "\x1f", "\x1e", "\x1d", "\x1c", "\x00"
RESERVED = frozenset(LINE + KEY + FIELD + RECORD + UNIT + NONE)

Row = tuple[str, str, int, int, str, str]  # date iso or "", confidence, start, end, sentence, quote or ""
QuoteRow = tuple[str, int, int, str | None, str | None, str | None, str | None]
"""text, start, end, speaker, speaker_key, speaker_type, role"""


class Header(NamedTuple):
    """The article's part of the value: enough to place a timeline row or a quote without the article."""

    id: str
    title: str
    source: str | None
    published: str  # iso date or ""


FIRST_LINE, QUOTES_LINE = 1, 2  # after the header: the first sentence's row (a query's timeline), the quotes


class Part(NamedTuple):
    name: str
    role: str | None
    type: str
    rows: str  # encoded rows


class _Reserved(ValueError):
    """A text holds a separator character."""


def appearances(article: Article) -> bytes:
    """The column value: a header line (Header's fields), the first sentence's row, the quotes, then
    `key<KEY>` and Part's fields per entity; empty when a text holds a separator (its readers then
    read the article). Each reader decodes only the lines it needs."""
    spans = sentences(article)
    published = article.published.date.isoformat() if article.published.date else ""
    quotes = [
        (q.text, q.start, q.end, q.speaker, q.speaker_key, q.speaker_type.value if q.speaker_type else None, q.role)
        for q in article.quotes
    ]
    try:
        head = (article.id, article.title, article.source, published)
        lines = [FIELD.join(map(_text, head)), _rows(rows_for(article, None, spans)), _quotes(quotes)]
        for entity in article.entities:
            part = (entity.name, entity.role, entity.type.value)
            rows = _rows(rows_for(article, entity.key, spans))
            lines.append(_text(entity.key) + KEY + FIELD.join([*map(_text, part), rows]))
    except _Reserved:
        return b""
    return LINE.join(lines).encode("utf-8")


def _text(value: str | None) -> str:
    if value is None:
        return NONE
    if RESERVED.intersection(value):
        raise _Reserved(value)
    return value


def _rows(rows: list[list[Any]]) -> str:
    return RECORD.join(UNIT.join((d, c, str(s), str(e), _text(text), _text(q))) for d, c, s, e, text, q in rows)


def _quotes(quotes: list[QuoteRow]) -> str:
    return RECORD.join(
        UNIT.join((_text(text), str(start), str(end), *map(_text, rest))) for text, start, end, *rest in quotes
    )


def _value(text: str) -> str | None:
    return None if text == NONE else text


def read_header(raw: bytes) -> Header | None:
    """The header of a column value, or None when the value is empty or damaged (read the article)."""
    if not raw:
        return None
    end = raw.find(b"\n")
    try:
        ident, title, source, published = raw[: end if end >= 0 else len(raw)].decode().split(FIELD)
    except ValueError:  # a damaged value: the article itself still answers
        return None
    return Header(ident, title, _value(source), published)


def read_line(raw: bytes, number: int) -> str:
    """Line FIRST_LINE or QUOTES_LINE of a value whose header was read."""
    start = -1
    for _ in range(number):
        start = raw.find(b"\n", start + 1)
        if start < 0:
            return ""
    end = raw.find(b"\n", start + 1)
    return raw[start + 1 : end if end >= 0 else len(raw)].decode()


def read_part(raw: bytes, key: str) -> Part | None:
    """The entity's line of a column value, or None when the value does not hold the entity."""
    marker = (LINE + key + KEY).encode("utf-8")
    at = raw.find(marker)
    if at < 0:
        return None
    end = raw.find(b"\n", at + len(marker))
    try:
        name, role, kind, rows = raw[at + len(marker) : end if end >= 0 else len(raw)].decode().split(FIELD)
    except ValueError:
        return None
    return Part(name, _value(role), kind, rows)


def decode_rows(text: str) -> list[Row]:
    rows: list[Row] = []
    for record in text.split(RECORD) if text else ():
        date, confidence, start, end, sentence, quote = record.split(UNIT)
        rows.append((date, confidence, int(start), int(end), sentence, quote))
    return rows


def decode_quotes(text: str, speaker_key: str | None = None) -> list[QuoteRow]:
    """The quotes of an encoded list (only `speaker_key`'s when given)."""
    if not text or (speaker_key is not None and speaker_key not in text):
        return []
    wanted = None if speaker_key is None else UNIT + speaker_key + UNIT  # the key between its neighbours
    quotes: list[QuoteRow] = []
    for record in text.split(RECORD):
        if wanted is not None and wanted not in record:
            continue  # another speaker's quote: not split at all
        words, start, end, speaker, key, kind, role = record.split(UNIT)
        if speaker_key is None or key == speaker_key:
            quotes.append((words, int(start), int(end), _value(speaker), _value(key), _value(kind), _value(role)))
    return quotes
