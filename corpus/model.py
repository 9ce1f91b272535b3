"""The article model every layer shares.

Frozen dataclasses of plain values: no parser, index or UI objects leak through them, so `search/`
and `tui/` can store, compare and render articles without knowing where they came from.
Character offsets (entity mentions, dates, snippets) always point into `Article.body`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"


class DateConfidence(StrEnum):
    STATED = "stated"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


class EntityType(StrEnum):
    PERSON = "person"
    ORG = "org"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """When an article was published, and how sure we are: a guessed year is never shown as fact."""

    date: dt.date | None = None
    confidence: DateConfidence = DateConfidence.UNKNOWN
    reason: str = "no date found in the article"
    # When no day is known but the text bounds it (who held office): first and last possible day.
    window: tuple[dt.date, dt.date | None] | None = None


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text talks about, with its sentence so the sidebar can show context."""

    text: str
    date: dt.date
    sentence: str
    start: int
    end: int
    confidence: DateConfidence = DateConfidence.STATED  # INFERRED when the text gives no year
    precision: str = "day"  # "day", "week", "month" or "year": a bare year stays a year
    relative: bool = False  # "last Tuesday", "next month": counted from the publication date
    reason: str = ""

    @property
    def shown(self) -> str:
        """The date at its precision: "2022", "2025-04", "2025-04-08"."""
        if self.precision == "year":
            return str(self.date.year)
        if self.precision == "month":
            return f"{self.date:%Y-%m}"
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place as one article mentions it.

    `key` identifies the entity across articles (after accent folding, title stripping and aliases);
    `role` is what this article calls the person, since roles change between articles.
    """

    name: str
    type: EntityType
    key: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words the article quotes, and who said them when the article names them.

    `start`/`end` cover the quoted words in `Article.body` (marks excluded; a quote running over
    paragraphs spans them all, and `text` drops the marks that reopen it). The speaker is one of the
    article's entities (`speaker_key`), or None when the article does not say: never a guess.
    """

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_key: str | None = None
    speaker_type: EntityType | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article: the page chrome is gone, and comments and captions are kept apart."""

    id: str
    title: str
    origin: str
    paragraphs: tuple[str, ...] = ()
    source: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    categories: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    pull_quotes: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    format: str = "text"
    url: str | None = None  # the article's link (feeds, JSON records), http(s) only
    feed: str | None = None  # the subscribed feed it came from
    text_from: str | None = None  # feed items: "feed", "full text", or "summary (why the page was not used)"
    quotes: tuple[Quote, ...] = ()  # found with the entities, since speakers are entities
    # Filled on first use: ingestion, de-duplication and indexing each ask for the hash.
    _content_hash: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def body(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised title and body: equal for the same article read twice."""
        if self._content_hash is None:
            object.__setattr__(self, "_content_hash", content_hash(self.title, self.body))
        assert self._content_hash is not None
        return self._content_hash

    def with_(self, **changes: Any) -> Article:
        return replace(self, **changes)


def normalise_for_hash(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\W+", " ", folded).strip()


def content_hash(title: str, body: str) -> str:
    data = normalise_for_hash(title) + "\n" + normalise_for_hash(body)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def article_id(origin: str, key: str = "") -> str:
    """Stable id derived from where the article came from (never from a counter)."""
    data = origin if not key else f"{origin}#{key}"
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
