"""Command palette providers that navigate: jump to an article by title, filter by an entity's name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from search.errors import SearchError
from search.results import ArticleSummary, EntitySummary
from tui.messages import EntityChosen, EntityFilter
from tui.widgets.article_text import clean

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

TITLE_LIMIT = 5000


def _main_screen(provider: Provider) -> MainScreen | None:
    from tui.screens.main import MainScreen

    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


class _PlainMatch(Provider):
    """Fuzzy-highlights plain strings (Textual's own highlight parses markup, which titles must never be)."""

    def display(self, query: str, candidate: str) -> tuple[float, Content]:
        matcher = self.matcher(query)
        score = matcher.match(candidate)
        if not score:
            return 0.0, Content(candidate)
        _, offsets = matcher.fuzzy_search.match(query, candidate)
        content = Content(candidate)
        for offset in offsets:
            content = content.stylize(matcher.match_style, offset, offset + 1)
        return score, content


class ArticleTitles(_PlainMatch):
    """Jump to an article by its title (the most recent TITLE_LIMIT articles, loaded off the UI thread)."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self.rows: list[ArticleSummary] = []
        if screen is not None:
            library = screen.library
            self.rows = await asyncio.to_thread(lambda: library.list_articles(sort="date", limit=TITLE_LIMIT))

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for row in self.rows:
            title = clean(row.title)
            score, shown = self.display(query, title)
            if score:
                date = row.published.isoformat() if row.published else "date unknown"
                yield Hit(score, shown, partial(screen.jump_to_article, row.id), text=title, help=escape(date))


class EntityNames(_PlainMatch):
    """Filter the list to every article mentioning a person, organisation or place."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self.entities: list[EntitySummary] = []
        if screen is not None:
            try:
                self.entities = await asyncio.to_thread(screen.library.entities)
            except (SearchError, OSError):
                self.entities = []

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for entity in self.entities:
            name = clean(entity.name)
            score, shown = self.display(query, name)
            if score:
                chosen = EntityChosen(EntityFilter(entity.name, entity.type, entity.key))
                label = f"{entity.type} · {len(entity.articles)} article(s)"
                yield Hit(score, shown, partial(screen.post_message, chosen), text=name, help=escape(label))
