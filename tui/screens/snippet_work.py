"""Snippets for the list: why each result matched, fetched after the rows so typing stays fast.

The search that fills the list asks for no snippets (they cost more than the search); once its rows
are shown, this worker asks again for the first SNIPPET_ROWS results with snippets and posts them
by article id, and for SNIPPET_ROWS more whenever the cursor comes near the last row that has one.
A newer query cancels it (`exclusive`), and its token lets the screen drop stale ones.
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from search.library import Library, Sort
from search.results import Snippet

SNIPPET_ROWS = 60


class SnippetsLoaded(Message):
    def __init__(self, token: int, snippets: dict[str, Snippet]) -> None:
        super().__init__()
        self.token = token
        self.snippets = snippets


class SnippetWork(Screen[None]):
    """Mixin for MainScreen: the snippet worker (the screen's `library` is set by LibraryWork)."""

    library: Library

    snippet_rows: int = SNIPPET_ROWS

    def want_snippets_near(self, index: int, token: int, query: str, sort: Sort, loaded: int) -> None:
        """Moving near the end of the rows that have snippets asks for the next SNIPPET_ROWS."""
        if index >= self.snippet_rows - SNIPPET_ROWS // 3 and self.snippet_rows < loaded:
            self.snippet_rows += SNIPPET_ROWS
            self.load_snippets(token, query, sort, self.snippet_rows)

    @work(thread=True, exclusive=True, exit_on_error=False, group="snippets")
    def load_snippets(self, token: int, query: str, sort: Sort, limit: int = SNIPPET_ROWS) -> None:
        if get_current_worker().is_cancelled:
            return
        result = self.library.search(query, limit=limit, sort=sort, facets=False, snippets=True)
        if not get_current_worker().is_cancelled:
            self.post_message(SnippetsLoaded(token, {hit.id: hit.snippet for hit in result.hits}))
