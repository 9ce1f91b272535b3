"""An article as a Whoosh document: searchable fields plus the whole article stored as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from corpus.codec import article_from_dict, article_to_dict
from corpus.ingest import SourceFile
from corpus.model import Article, EntityType


def article_document(article: Article, source: SourceFile) -> dict[str, Any]:
    names: dict[EntityType, list[str]] = {t: [] for t in EntityType}
    for entity in article.entities:
        names[entity.type].extend([entity.name, *entity.aliases])
    published = article.published.date
    document: dict[str, Any] = {
        "id": article.id,
        "file_id": source.identity,
        "file_key": f"{source.identity}|{source.signature}",
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "source": article.source or "",
        "byline": article.byline or "",
        "categories": ",".join(article.categories),
        "date_confidence": article.published.confidence.value,
        "person": "\n".join(names[EntityType.PERSON]),
        "org": "\n".join(names[EntityType.ORG]),
        "place": "\n".join(names[EntityType.PLACE]),
        "entity": ",".join(e.key for e in article.entities),
        "origin": article.origin,
        "title_sort": article.title.casefold(),
        "doc": json.dumps(article_to_dict(article), ensure_ascii=False),
    }
    if published is not None:
        document["published"] = dt.datetime.combine(published, dt.time())
    return document


def stored_article(stored: dict[str, Any]) -> Article:
    return article_from_dict(json.loads(stored["doc"]))
