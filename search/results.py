"""What the search layer hands to the UI and the CLI: plain frozen values, never Whoosh objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corpus.errors import Problem
from corpus.model import Span


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """A list row: enough to show and sort an article without loading its body."""

    id: str
    title: str
    source: str | None
    published: dt.date | None
    date_confidence: str
    origin: str
    url: str | None = None
    feed: str | None = None
    # An undated article's first and last possible day, from who held office (None otherwise).
    date_window: tuple[dt.date, dt.date | None] | None = None


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text with the character spans to highlight; the UI decides how they look."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    article: ArticleSummary
    score: float
    snippet: Snippet

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Results carry their query so a UI can drop answers to questions nobody asks any more."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    exact_total: bool = True
    facets: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # Answered within a time budget: hits may be partial and no did-you-mean was looked for.
    budgeted: bool = False

    @property
    def needs_exact(self) -> bool:
        """Whether the exact answer is still to be asked for: a budget cut the search short, or found
        nothing and so looked for no did-you-mean."""
        return self.budgeted and not (self.exact_total and self.hits)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    key: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """One step of building the index; `total` is 0 while it is not yet known."""

    phase: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    problems: tuple[Problem, ...] = ()
    reason: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)
