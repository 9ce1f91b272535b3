"""Errors the search layer raises, each with a message meant for people."""

from __future__ import annotations

import json
import pickle
import struct
import zlib


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


# What reading a damaged index part raises (bytes flipped on disk, not truncated): compressed stored
# fields fail their checksum, terms fail to decode, lengths and pickles come out short or wrong, and
# stored records come back without their fields. Errors of our own (SearchError, which includes
# ArticleNotFoundError, a KeyError) are never taken for damage.
INDEX_DAMAGE: tuple[type[BaseException], ...] = (
    zlib.error, UnicodeDecodeError, struct.error, EOFError, pickle.UnpicklingError, OverflowError,
    json.JSONDecodeError, KeyError, IndexError,
)
REPAIR_COMMAND = "alliance-reader index"


def damage_name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def damaged_index(exc: BaseException) -> IndexUnavailableError:
    """The one message for any unreadable index part: what happened and the command that fixes it."""
    return IndexUnavailableError(f"the index is damaged ({damage_name(exc)}): run `{REPAIR_COMMAND}` to rebuild it")
