"""Errors the search layer raises, each with a message meant for people."""

from __future__ import annotations


class SearchError(Exception):
    """Base class: the message is shown to the user as it is."""


class QueryError(SearchError):
    """A query the parser cannot understand; `position` points at the problem when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class IndexBusyError(SearchError):
    """Another process holds the index's write lock."""


class IndexUnavailableError(SearchError):
    """The index cannot be created or opened (read-only or full disk, corrupt files)."""


class ArticleNotFoundError(SearchError, KeyError):
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "article not found"
