"""Articles to and from plain JSON-able dicts, so an index can keep them without pickling classes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from corpus.model import (
    PARAGRAPH_SEPARATOR,
    Article,
    Comment,
    DateConfidence,
    DateMention,
    Entity,
    EntityType,
    PublishedDate,
    Quote,
    Span,
)


def article_to_dict(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "title": article.title,
        "origin": article.origin,
        "format": article.format,
        "paragraphs": list(article.paragraphs),
        "source": article.source,
        "byline": article.byline,
        "dateline": article.dateline,
        "published": published.date.isoformat() if published.date else None,
        "date_confidence": published.confidence.value,
        "date_reason": published.reason,
        "date_window": [published.window[0].isoformat(), _iso(published.window[1])] if published.window else None,
        "categories": list(article.categories),
        "key_points": list(article.key_points),
        "pull_quotes": list(article.pull_quotes),
        "captions": list(article.captions),
        "comments": [{"author": c.author, "text": c.text} for c in article.comments],
        "entities": [_entity_to_dict(e) for e in article.entities],
        "url": article.url,
        "feed": article.feed,
        "text_from": article.text_from,
        "dates": [
            {
                "text": d.text,
                "date": d.date.isoformat(),
                "sentence": d.sentence,
                "start": d.start,
                "end": d.end,
                "confidence": d.confidence.value,
                "precision": d.precision,
                "relative": d.relative,
                "reason": d.reason,
            }
            for d in article.dates
        ],
        "quotes": [_quote_to_dict(q) for q in article.quotes],
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _window(value: Any) -> tuple[dt.date, dt.date | None] | None:
    if not isinstance(value, list) or len(value) != 2 or not value[0]:
        return None
    return dt.date.fromisoformat(value[0]), dt.date.fromisoformat(value[1]) if value[1] else None


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": quote.speaker,
        "speaker_key": quote.speaker_key,
        "speaker_type": quote.speaker_type.value if quote.speaker_type else None,
        "role": quote.role,
    }


def _quote_from_dict(data: dict[str, Any]) -> Quote:
    kind = data.get("speaker_type")
    return Quote(
        text=data["text"],
        start=data["start"],
        end=data["end"],
        speaker=data.get("speaker"),
        speaker_key=data.get("speaker_key"),
        speaker_type=EntityType(kind) if kind else None,
        role=data.get("role"),
    )


def _entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type.value,
        "key": entity.key,
        "role": entity.role,
        "aliases": list(entity.aliases),
        "mentions": [[m.start, m.end] for m in entity.mentions],
    }


def body_from_dict(data: dict[str, Any]) -> str:
    """`article_from_dict(data).body` without building the Article: its dates, entities and quotes cost
    ~30 µs, more than the JSON it came from, and a search hit's snippet needs only the body."""
    return PARAGRAPH_SEPARATOR.join(data.get("paragraphs", ()))


def article_from_dict(data: dict[str, Any]) -> Article:
    published = data.get("published")
    return Article(
        id=data["id"],
        title=data["title"],
        origin=data["origin"],
        format=data.get("format", "text"),
        paragraphs=tuple(data.get("paragraphs", ())),
        source=data.get("source"),
        byline=data.get("byline"),
        dateline=data.get("dateline"),
        published=PublishedDate(
            dt.date.fromisoformat(published) if published else None,
            DateConfidence(data.get("date_confidence", "unknown")),
            data.get("date_reason", ""),
            _window(data.get("date_window")),
        ),
        url=data.get("url"),
        feed=data.get("feed"),
        text_from=data.get("text_from"),
        categories=tuple(data.get("categories", ())),
        key_points=tuple(data.get("key_points", ())),
        pull_quotes=tuple(data.get("pull_quotes", ())),
        captions=tuple(data.get("captions", ())),
        comments=tuple(Comment(c["author"], c["text"]) for c in data.get("comments", ())),
        entities=tuple(
            Entity(
                name=e["name"],
                type=EntityType(e["type"]),
                key=e["key"],
                role=e.get("role"),
                aliases=tuple(e.get("aliases", ())),
                mentions=tuple(Span(s, t) for s, t in e.get("mentions", ())),
            )
            for e in data.get("entities", ())
        ),
        dates=tuple(
            DateMention(
                d["text"],
                dt.date.fromisoformat(d["date"]),
                d["sentence"],
                d["start"],
                d["end"],
                DateConfidence(d.get("confidence", "stated")),
                d.get("precision", "day"),
                bool(d.get("relative", False)),
                d.get("reason", ""),
            )
            for d in data.get("dates", ())
        ),
        quotes=tuple(_quote_from_dict(q) for q in data.get("quotes", ())),
    )
