"""Palette entries for the user's saved searches: open, rename or delete each (actions are in tui.actions).

The saved searches are read off the UI thread when the palette opens; each hit calls a MainScreen
method, which asks (rename, delete) or acts, so the palette itself never changes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import Hit, Hits
from textual.content import Content
from textual.markup import escape

from search.userdata import SavedSearch
from tui.commands import _main_screen, _PlainMatch, load_in_worker
from tui.widgets.article_text import clean


class SavedSearchCommands(_PlainMatch):
    """Open, rename or delete each saved search."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self.saved: list[SavedSearch] = []
        if screen is not None:
            self.saved = await load_in_worker(screen, screen.library.userdata.saved_searches, [])

    def _candidates(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = _main_screen(self)
        if screen is None:
            return []
        found: list[tuple[str, str, Callable[[], object]]] = []
        for search in self.saved:
            name = clean(search.name)
            query = clean(search.query)
            found += [
                (f"Open saved search: {name}", query, partial(screen.open_saved_search, search.name)),
                (f"Rename saved search: {name}", query, partial(screen.rename_saved_search, search.name)),
                (f"Delete saved search: {name}", query, partial(screen.delete_saved_search, search.name)),
            ]
        return found

    async def discover(self) -> Hits:
        for text, help_text, run in self._candidates():
            yield Hit(1.0, Content(text), run, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        for text, help_text, run in self._candidates():
            score, shown = self.display(query, text)
            if score:
                yield Hit(score, shown, run, text=text, help=escape(help_text))
