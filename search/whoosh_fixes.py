"""One fix to Whoosh (pinned exactly, see MEASURED.md), applied when `search.index` is imported.

Why: Whoosh opens each part of a segment (terms, postings, ...) as a `BufferFile` over a slice of the
memory-mapped segment, and `BufferFile.__init__` wraps that slice in `BytesIO(buf)`, which *copies* it.
Opening an index therefore read and copied the whole terms and postings files into private memory:
~0.3 s and ~250 MB at 21k articles, ~0.8 s and ~900 MB at 100k, before the first query. Most reads go
through `BufferFile.get*` on the mapped slice and never touch the copy, so it is now made on first
use of the sequential-file interface only.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from whoosh.filedb.structfile import BufferFile

_original_close = BufferFile.close


def _init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    self._buf = buf
    self._name = name
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _get_file(self: Any) -> Any:
    file = self.__dict__.get("_lazy_file", _MISSING)
    if file is _MISSING:
        file = self.__dict__["_lazy_file"] = BytesIO(self._buf)
    return file


def _set_file(self: Any, value: Any) -> None:
    self.__dict__["_lazy_file"] = value


def _close(self: Any) -> None:
    self.__dict__.setdefault("_lazy_file", None)  # closing must not make the copy it avoided
    _original_close(self)


_MISSING = object()


def apply() -> None:
    if getattr(BufferFile, "_alliance_lazy", False):
        return
    BufferFile.__init__ = _init  # type: ignore[method-assign]
    BufferFile.file = property(_get_file, _set_file)  # type: ignore[attr-defined]
    BufferFile.close = _close  # type: ignore[method-assign]
    BufferFile._alliance_lazy = True  # type: ignore[attr-defined]
