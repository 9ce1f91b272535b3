"""Messages between dumb widgets, the screen and its workers: plain data only, never Library objects."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from corpus.model import Article, Span
from search.results import ArticleSummary, SearchResult


class SearchRequested(Message):
    """The search box text changed (`immediate` when the user pressed Enter)."""

    def __init__(self, query: str, *, immediate: bool = False) -> None:
        super().__init__()
        self.query = query
        self.immediate = immediate


class ArticleChosen(Message):
    """The list's highlight moved to an article (the screen opens it, debounced), or Enter chose it."""

    def __init__(self, article_id: str, *, focus: bool = False) -> None:
        super().__init__()
        self.article_id = article_id
        self.focus = focus


class MoreRowsWanted(Message):
    """The list is near its end and the library has more rows to page in."""

    def __init__(self, loaded: int) -> None:
        super().__init__()
        self.loaded = loaded


@dataclass(frozen=True, slots=True)
class EntityFilter:
    """An entity the list is narrowed to, as a query the search layer understands."""

    name: str
    type: str
    key: str
    clause: str = ""  # the query, when `type:"name"` is not it (the articles without a source)

    @property
    def query(self) -> str:
        if self.clause:
            return self.clause
        name = self.name.replace('"', "")
        return f'{self.type}:"{name}"'


class EntityChosen(Message):
    def __init__(self, entity: EntityFilter) -> None:
        super().__init__()
        self.entity = entity


class MentionWanted(Message):
    """Jump the reading view to the next of these spans (an entity's mentions, a date's place)."""

    def __init__(self, spans: tuple[Span, ...]) -> None:
        super().__init__()
        self.spans = spans


class SyncProgressed(Message):
    """Indexing progress; a newer one replaces an unprocessed older one so the queue never floods."""

    def __init__(self, phase: str, done: int, total: int) -> None:
        super().__init__()
        self.phase = phase
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SyncProgressed)


class SyncFinished(Message):
    """The text index is up to date (`final=False`: entities may still be coming), or all work is done."""

    def __init__(self, summary: str, *, final: bool = True) -> None:
        super().__init__()
        self.summary = summary
        self.final = final


class EntitiesFound(Message):
    """Another chunk of articles has its entities: the open article may have gained a sidebar."""


class RowsLoaded(Message):
    """A page of the unfiltered list, or a search result; `token` lets the screen drop stale ones."""

    def __init__(
        self, token: int, rows: tuple[ArticleSummary, ...], total: int, *, append: bool, result: SearchResult | None
    ) -> None:
        super().__init__()
        self.token = token
        self.rows = rows
        self.total = total
        self.append = append
        self.result = result


class SearchFailed(Message):
    def __init__(self, token: int, query: str, problem: str) -> None:
        super().__init__()
        self.token = token
        self.query = query
        self.problem = problem


class ArticleOpened(Message):
    def __init__(
        self, article: Article, hits: tuple[Span, ...], query: str, similar: tuple[ArticleSummary, ...] = ()
    ) -> None:
        super().__init__()
        self.article = article
        self.hits = hits
        self.query = query
        self.similar = similar


class TimelineWanted(Message):
    """Show the timeline of an entity (by key) or, with `entity_key` None, of a query: `query` when the
    title should name something else (an outlet, not its `source:` query), else the label itself."""

    def __init__(self, entity_key: str | None, label: str, query: str | None = None) -> None:
        super().__init__()
        self.entity_key = entity_key
        self.label = label
        self.query = query


class ProfileWanted(Message):
    """Show an entity's profile page."""

    def __init__(self, entity_key: str) -> None:
        super().__init__()
        self.entity_key = entity_key
