"""Command palette providers: every declared action with its key, and navigation (article titles, entities)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.worker import WorkerCancelled, WorkerFailed

from search.errors import SearchError
from search.results import ArticleSummary, EntitySummary
from tui.actions import APP_COMMANDS, MAIN_COMMANDS, Command, key_display
from tui.messages import EntityChosen, EntityFilter
from tui.widgets.article_text import clean, counted

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

TITLE_LIMIT = 5000
T = TypeVar("T")


def _main_screen(provider: Provider) -> MainScreen | None:
    from tui.screens.main import MainScreen

    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


async def load_in_worker(screen: MainScreen, read: Callable[[], T], default: T) -> T:
    """What a provider shows, read by one of the screen's thread workers (off the UI thread, cancelled
    with the screen); `default` when the library cannot be read (or the screen went away)."""
    worker = screen.run_worker(read, thread=True, exit_on_error=False, group="palette")
    try:
        return await worker.wait()
    except WorkerCancelled:
        return default
    except WorkerFailed as failed:
        if isinstance(failed.error, (SearchError, OSError)):
            return default
        raise failed.error from None


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


class Actions(_PlainMatch):
    """Every declared action (tui.actions) that makes sense from anywhere, shown with its current key."""

    def _commands(self) -> list[tuple[object, Command]]:
        owners: list[tuple[object, tuple[Command, ...]]] = [(self.app, APP_COMMANDS)]
        screen = _main_screen(self)
        if screen is not None:
            owners.append((screen, MAIN_COMMANDS))
        return [(owner, c) for owner, commands in owners for c in commands if c.bound and c.palette]

    def _help(self, command: Command) -> str:
        return escape(f"{key_display(self.app, command)} · {command.help}")

    async def discover(self) -> Hits:
        for owner, command in self._commands():
            run = partial(owner.run_action, command.action)  # type: ignore[attr-defined]
            yield DiscoveryHit(Content(command.label), run, text=command.label, help=self._help(command))

    async def search(self, query: str) -> Hits:
        for owner, command in self._commands():
            score, shown = self.display(query, command.label)
            if not score and query.strip().lower() in command.help.lower():
                score, shown = 0.1, Content(command.label)
            if score:
                run = partial(owner.run_action, command.action)  # type: ignore[attr-defined]
                yield Hit(score, shown, run, text=command.label, help=self._help(command))


class ArticleTitles(_PlainMatch):
    """Jump to an article by its title (the most recent TITLE_LIMIT articles, loaded off the UI thread)."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self.rows: list[ArticleSummary] = []
        if screen is not None:
            library = screen.library
            self.rows = await load_in_worker(screen, lambda: library.list_articles(sort="date", limit=TITLE_LIMIT), [])

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


class EntityProvider(_PlainMatch):
    """A provider over every entity of the library, read off the UI thread when the palette opens."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self.entities: list[EntitySummary] = []
        if screen is not None:
            self.entities = await load_in_worker(screen, screen.library.entities, [])


class EntityNames(EntityProvider):
    """Filter the list to every article mentioning a person, organisation or place."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for entity in self.entities:
            name = clean(entity.name)
            score, shown = self.display(query, name)
            if score:
                chosen = EntityChosen(EntityFilter(entity.name, entity.type, entity.key))
                label = f"{entity.type} · {counted(len(entity.articles), 'article')}"
                yield Hit(score, shown, partial(screen.post_message, chosen), text=name, help=escape(label))
