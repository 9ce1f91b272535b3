"""Snippets for the list: why each result matched, fetched after the rows so typing stays fast.

The search that fills the list asks for no snippets (they cost more than the search); once its rows
are shown, this worker asks again for the first SNIPPET_ROWS results with snippets and posts them
by article id. A newer query cancels it (`exclusive`), and its token lets the screen drop stale ones.
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

    @work(thread=True, exclusive=True, exit_on_error=False, group="snippets")
    def load_snippets(self, token: int, query: str, sort: Sort) -> None:
        if get_current_worker().is_cancelled:
            return
        result = self.library.search(query, limit=SNIPPET_ROWS, sort=sort, facets=False, snippets=True)
        if not get_current_worker().is_cancelled:
            self.post_message(SnippetsLoaded(token, {hit.id: hit.snippet for hit in result.hits}))
