"""Each document's timeline rows and quotes per person and organisation, kept in one index column.

An entity's timeline or profile then reads one small JSON value per article (found through the
entity's postings) instead of parsing every stored article: at 5,000 articles that is the difference
between seconds and a fraction of one. Places are left out (they are named everywhere, and their
timelines fall back to reading the articles). Rows are capped per entity so the column stays small.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from corpus.model import Article, DateConfidence, EntityType
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
    (or saying its quotes); with `key` None, the article's first sentence."""
    body = article.body
    if key is None:
        chosen = spans[:1]
    else:
        entity = next((e for e in article.entities if e.key == key), None)
        points = [m.start for m in entity.mentions] if entity else []
        points += [q.start for q in article.quotes if q.speaker_key == key]
        chosen = [s for s in spans if any(s[0] <= p < s[1] for p in points)]
    rows = []
    for start, end in chosen:
        quote = next(
            (q.text for q in article.quotes if start <= q.start < end and (key is None or q.speaker_key == key)), ""
        )
        date, confidence = sentence_date(article, start, end)
        rows.append([date.isoformat() if date else "", confidence, start, end, body[start:end], quote])
    return rows


KEY_SEPARATOR = "\x1f"  # between an entity key and its JSON; never in a key or in JSON text


def appearances(article: Article) -> bytes:
    """The column value: a header line (id, title, source, date), then one line per person/org key,
    `key<US>{role, type, name, rows, quotes}`, so a reader parses only the line of the entity it wants."""
    spans = sentences(article)
    lines = [_json({"id": article.id, "title": article.title, "source": article.source,
                    "published": article.published.date.isoformat() if article.published.date else None})]  # fmt: skip
    for entity in article.entities:
        if entity.type == EntityType.PLACE or KEY_SEPARATOR in entity.key or "\n" in entity.key:
            continue
        rows = rows_for(article, entity.key, spans)[:MAX_ROWS]
        for row in rows:
            row[4] = row[4][:MAX_SENTENCE]
        quotes = [[q.text, q.start, q.end] for q in article.quotes if q.speaker_key == entity.key]
        mine = {"name": entity.name, "role": entity.role, "type": entity.type.value, "rows": rows, "quotes": quotes}
        lines.append(entity.key + KEY_SEPARATOR + _json(mine))
    return "\n".join(lines).encode("utf-8")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_appearance(raw: bytes, key: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(header, the entity's part) from a column value, or None when the entity is not in it."""
    if not raw:
        return None
    marker = ("\n" + key + KEY_SEPARATOR).encode("utf-8")
    at = raw.find(marker)
    if at < 0:
        return None
    end = raw.find(b"\n", at + len(marker))
    part = raw[at + len(marker) : end if end >= 0 else len(raw)]
    return json.loads(raw[: raw.find(b"\n")]), json.loads(part)
