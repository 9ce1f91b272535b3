"""An article as a Whoosh document: searchable fields plus the whole article stored as JSON.

The index adds two fields of its own to the search schema: `ner` ("pending" until entities have
been extracted, then "done"), so text is searchable before the slow entity pass has run and that
pass can find what is left after an interruption; `file`, the source's identity and signature,
so a document can be rewritten with its entities without going back to its source file; and
`similar`, MinHash band keys, so near-identical copies of a story are found by lookup; and
`appearances`, a column of each article's timeline rows per entity and its quotes (search.appearances).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, Schema

from corpus.codec import article_from_dict, article_to_dict, body_from_dict
from corpus.errors import Problem
from corpus.model import Article, EntityType
from search import fields as f
from search.appearances import APPEARANCES_FIELD, appearances
from search.schema import QUOTE_FIELD, SAID_FIELD, build_schema

if TYPE_CHECKING:
    from corpus.ingest import SourceFile
    from search.engine import ReadDocument

# Bump when the document layout below changes (the search schema has its own SCHEMA_VERSION).
# 3: feed url and feed fields; 4: date mentions with precision, relative and reason, office-holder windows;
# 5: quotes and the appearances column; 6: that column as separated text (not JSON), with places and
# every quote.
DOCUMENT_VERSION = 6
NER_PENDING = "pending"
NER_DONE = "done"


def index_schema() -> Schema:
    schema = build_schema()
    schema.add(f.NER, ID)
    schema.add(f.FILE, STORED)
    schema.add(f.SIMILAR, KEYWORD(commas=True))
    schema.add("url", STORED)
    schema.add("feed", STORED)
    schema.add(APPEARANCES_FIELD, COLUMN(VarBytesColumn()))
    return schema


def source_document(article: Article, source: SourceFile) -> dict[str, Any]:
    return article_document(article, source.identity, source.signature)


def documents_from_files(files: Sequence[SourceFile], seen: set[str], problems: list[Problem]) -> list[ReadDocument]:
    """What a build worker indexes from its files (the engine's `ReadFiles`).

    Each step runs over all of `files` before the next: read, then convert. Taking one article through
    every step at a time was ~17% slower (the steps' code and data keep evicting each other from the
    processor's caches)."""
    from corpus.ingest import new_articles  # the readers and cleaners: only a build needs them
    from search.engine import ReadDocument  # engine modules load on first use: not to open and list

    articles = list(new_articles(files, seen, problems))
    documents = [source_document(article, source) for source, article in articles]
    return [
        ReadDocument(document, article.content_hash, source.identity)
        for (source, article), document in zip(articles, documents, strict=True)
    ]


def file_key(identity: str, signature: str) -> str:
    """What an incremental sync compares to find changed files: the source's identity and signature."""
    return f"{identity}|{signature}"


def article_document(article: Article, identity: str, signature: str) -> dict[str, Any]:
    """Fields for `writer.add_document`: the source file's identity and signature find changed files."""
    from corpus.dedupe import band_keys  # numpy and the shingling: only when writing

    names: dict[EntityType, list[str]] = {t: [] for t in EntityType}
    for entity in article.entities:
        names[entity.type].extend([entity.name, *entity.aliases])
    published = article.published.date
    document: dict[str, Any] = {
        f.ID: article.id,
        f.FILE_ID: identity,
        f.FILE_KEY: file_key(identity, signature),
        f.FILE: (identity, signature),
        f.NER: NER_DONE if article.entities else NER_PENDING,
        f.CONTENT_HASH: article.content_hash,
        f.TITLE: article.title,
        f.BODY: (body := article.body),
        f.BODY_SCORING: body,  # the same object: its words are taken from the body's analysis
        f.SOURCE: article.source or "",
        f.BYLINE: article.byline or "",
        f.CATEGORIES: ",".join(article.categories),
        f.DATE_CONFIDENCE: article.published.confidence.value,
        f.PERSON: "\n".join(names[EntityType.PERSON]),
        f.ORG: "\n".join(names[EntityType.ORG]),
        f.PLACE: "\n".join(names[EntityType.PLACE]),
        f.ENTITY: ",".join(e.key for e in article.entities),
        QUOTE_FIELD: "\n".join(q.text for q in article.quotes),
        SAID_FIELD: "\n".join(_speaker_names(article)),
        APPEARANCES_FIELD: appearances(article),
        f.ORIGIN: article.origin,
        f.TITLE_SORT: article.title.casefold(),
        f.SIMILAR: ",".join(band_keys(article.body or article.title)),
        f.DOC: json.dumps(article_to_dict(article), ensure_ascii=False),
        "url": article.url or "",
        "feed": article.feed or "",
    }
    if published is not None:
        document[f.PUBLISHED] = dt.datetime.combine(published, dt.time())
    return document


def _speaker_names(article: Article) -> list[str]:
    """Every name of every quoted speaker, so `said:` finds "Hegseth" as well as "Pete Hegseth"."""
    keys = {q.speaker_key for q in article.quotes if q.speaker_key}
    return [name for e in article.entities if e.key in keys for name in (e.name, *e.aliases)]


def enriched_document(stored: dict[str, Any], article: Article) -> dict[str, Any]:
    """The stored document rewritten with `article`'s entities, marked done even when none were found."""
    identity, signature = stored[f.FILE]
    document = article_document(article, identity, signature)
    document[f.NER] = NER_DONE
    return document


def stored_article(stored: dict[str, Any]) -> Article:
    return article_from_dict(json.loads(stored[f.DOC]))


def stored_body(stored: dict[str, Any]) -> str:
    return body_from_dict(json.loads(stored[f.DOC]))
